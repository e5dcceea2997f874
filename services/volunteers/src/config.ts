import { envReader, readPiiKeys, type PiiKeys } from '@leifeng/kit';

export const QUALITIES = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;
export type Quality = (typeof QUALITIES)[number];

export interface TimeBankPolicy {
  /** Points per verified hour, by the record's quality evaluation. */
  qualityFactors: Record<Quality, number>;
  /** Star level (0–5) a volunteer needs before points can be spent. */
  minStarToRedeem: number;
  /** A balance never grows above this; credits beyond it are cut, donations refused. */
  balanceCap: number;
  /** Points expire this many years after they were credited (oldest spent first). */
  expiryYears: number;
}

/** Settings of the volunteers service beyond the kit's ServiceConfig. */
export interface VolunteersConfig {
  pii: PiiKeys;
  /** Cumulative verified hours for 1★ … 5★, ascending. */
  starThresholds: number[];
  timeBank: TimeBankPolicy;
  /** The platform's public origin (the gateway): certificate QR codes point at `<origin>/verify/<code>`. */
  publicBaseUrl: string;
  /** A CJK font for certificate PDFs (TTF/OTF/TTC) and, for a collection, the face to use. */
  certificateFont: { file: string; family?: string };
}

type Env = Record<string, string | undefined>;

function numberList(raw: string | undefined, fallback: number[]): number[] | undefined {
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  return values.every((n) => Number.isFinite(n) && n > 0) ? values : undefined;
}

export function readVolunteersConfig(env: Env = process.env): VolunteersConfig {
  const r = envReader(env);
  const pii = readPiiKeys(r);
  const stars = numberList(env.STAR_THRESHOLDS, [100, 300, 600, 1000, 1500]);
  if (!stars || stars.length !== 5 || stars.some((n, i) => i > 0 && n <= stars[i - 1])) {
    r.problem('STAR_THRESHOLDS must be five ascending positive hour counts, e.g. 100,300,600,1000,1500');
  }
  const qualityFactors: Record<Quality, number> = {
    EXCELLENT: 1.2,
    GOOD: 1,
    FAIR: 0.8,
    POOR: 0.5,
  };
  for (const part of (env.TIMEBANK_QUALITY_FACTORS ?? '').split(',').filter((s) => s.trim())) {
    const [q, f] = part.split('=').map((s) => s.trim());
    const factor = Number(f);
    if (!QUALITIES.includes(q as Quality) || !Number.isFinite(factor) || factor < 0 || factor > 10) {
      r.problem(
        `TIMEBANK_QUALITY_FACTORS entry "${part}" must be QUALITY=factor with QUALITY in ${QUALITIES.join('/')}`,
      );
    } else qualityFactors[q as Quality] = factor;
  }
  const config: VolunteersConfig = {
    pii,
    starThresholds: stars && stars.length === 5 ? stars : [100, 300, 600, 1000, 1500],
    timeBank: {
      qualityFactors,
      minStarToRedeem: r.int('TIMEBANK_MIN_STAR_TO_REDEEM', 1, {
        min: 0,
        max: 5,
      }),
      balanceCap: r.int('TIMEBANK_BALANCE_CAP', 10000, { min: 1 }),
      expiryYears: r.int('TIMEBANK_EXPIRY_YEARS', 3, { min: 1, max: 50 }),
    },
    publicBaseUrl: r
      .url('PUBLIC_BASE_URL', {
        devDefault: 'http://localhost:4000',
        protocols: ['http', 'https'],
      })
      .replace(/\/+$/, ''),
    // Debian's fonts-noto-cjk (installed in the volunteers image and by the test setup).
    certificateFont: {
      file: r.string('CERTIFICATE_FONT_FILE', {
        default: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      }),
      family: r.optionalString('CERTIFICATE_FONT_FAMILY') ?? 'NotoSansCJKsc-Regular',
    },
  };
  r.done();
  return config;
}
