import dayjs, { type Dayjs } from 'dayjs';
import type { CyclePhase } from '../../gql/graphql';
import { PHASE_ORDER } from '../../format';

export type PhaseRanges = Partial<Record<CyclePhase, [Dayjs, Dayjs] | null>>;

interface TemplateWindow {
  phase: CyclePhase;
  from: string;
  to: string;
}

/** The 2012 Hunan calendar: the default when a profile brings no template of its own. */
const FALLBACK: TemplateWindow[] = [
  { phase: 'DEPLOYMENT', from: '04-01', to: '04-30' },
  { phase: 'PREPARATION', from: '05-01', to: '06-30' },
  { phase: 'APPLICATION', from: '07-01', to: '07-31' },
  { phase: 'CULTIVATION', from: '08-01', to: '09-30' },
  { phase: 'REVIEW', from: '10-01', to: '10-31' },
  { phase: 'NAMING', from: '11-01', to: '11-30' },
];

/** A rule profile's phase template (`rules.phases.value`: [{ phase, from: MM-DD, to: MM-DD }]) on the chosen year. */
export function phasesFromProfile(rules: unknown, year: number): PhaseRanges {
  const value = (rules as { phases?: { value?: TemplateWindow[] } } | undefined)?.phases?.value;
  const template = Array.isArray(value) && value.length ? value : FALLBACK;
  const out: PhaseRanges = {};
  for (const p of PHASE_ORDER) {
    const w = template.find((t) => t.phase === p);
    out[p] = w ? [dayjs(`${year}-${w.from}`), dayjs(`${year}-${w.to}`)] : null;
  }
  return out;
}
