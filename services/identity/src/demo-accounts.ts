import {
  createDataSource,
  createGraphClient,
  createLogger,
  defaultDatabaseUrl,
  DEV_JWT_SECRET,
  runMain,
  systemClock,
} from '@leifeng/kit';
import { createIdentityModule } from './module';
import { phoneLookupHash, SignInService } from './services/sign-in-service';

/**
 * `npm run dev` only: one demo account per role (idempotent), printed with how to sign in. Refused
 * in production. The station manager's station is found (or registered) through the gateway.
 */
export const DEMO_ACCOUNTS: {
  phone: string;
  role: string;
  label: string;
  regionCode?: string;
  agencyId?: string;
  station?: boolean;
}[] = [
  {
    phone: '13800000001',
    role: 'PROVINCE_ADMIN',
    regionCode: '430000',
    label: '省级管理员（湖南省）',
  },
  {
    phone: '13800000002',
    role: 'CITY_ADMIN',
    regionCode: '430100',
    label: '市级管理员（长沙市）',
  },
  {
    phone: '13800000003',
    role: 'COUNTY_ADMIN',
    regionCode: '430102',
    label: '县级管理员（芙蓉区）',
  },
  {
    phone: '13800000004',
    role: 'STATION_MANAGER',
    station: true,
    label: '站长（芙蓉区演示服务站）',
  },
  {
    phone: '13800000005',
    role: 'VOLUNTEER',
    label: '志愿者（无授权，本人身份）',
  },
  {
    phone: '13800000006',
    role: 'INSPECTOR',
    regionCode: '430100',
    label: '督导员（长沙市）',
  },
  {
    phone: '13800000007',
    role: 'AGENCY',
    regionCode: '430100',
    agencyId: 'demo-agency',
    label: '合作单位（长沙市）',
  },
];

const DEMO_STATION = {
  name: '芙蓉区演示学雷锋志愿服务站',
  category: 'COMMUNITY',
  hostUnit: '文艺路街道办事处',
  regionCode: '430102',
  address: '长沙市芙蓉区文艺路 1 号',
  postalCode: '410011',
  location: { longitude: 112.99, latitude: 28.19 },
  leader: { name: '雷演示', phone: '13800000004' },
  hotline: '0731-84560000',
  openingHours: [{ weekday: 'SATURDAY', opens: '09:00', closes: '17:00' }],
  serviceItems: [{ name: '便民服务', description: '演示数据' }],
  facilities: ['DRINKING_WATER'],
  unitHeadcount: 10,
  establishedOn: '2012-03-05',
  evidence: [
    {
      kind: 'LOGO',
      fileName: 'logo.png',
      url: 'https://files.example.cn/logo.png',
      contentType: 'image/png',
      sizeBytes: 2048,
    },
  ],
};

async function demoStation(gatewayUrl: string): Promise<string | null> {
  const graph = createGraphClient({
    url: gatewayUrl,
    secret: process.env.JWT_SECRET || DEV_JWT_SECRET,
    subject: 'identity-demo',
  });
  const found = await graph.request<{
    stations: { edges: { node: { id: string; name: string } }[] };
  }>(`query { stations(filter: { regionCode: "430102" }, first: 50) { edges { node { id name } } } }`);
  const existing = found.data?.stations.edges.find((e) => e.node.name === DEMO_STATION.name);
  if (existing) return existing.node.id;
  const made = await graph.request<{ createStation: { id: string } }>(
    `mutation ($input: CreateStationInput!) { createStation(input: $input) { id } }`,
    { input: DEMO_STATION },
  );
  return made.data?.createStation.id ?? null;
}

export async function createDemoAccounts(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  if (env.NODE_ENV === 'production') throw new Error('demo accounts are for development only');
  const mod = createIdentityModule({ env });
  const logger = createLogger('identity-demo', env.LOG_LEVEL ?? 'info');
  const ds = createDataSource({
    url: env.DATABASE_URL || defaultDatabaseUrl('identity', env),
    entities: [],
    migrations: [],
    logger,
    applicationName: 'identity-demo',
  });
  await ds.initialize();
  const lines: string[] = [];
  try {
    let stationId: string | null = null;
    try {
      stationId = await demoStation(mod.config.gatewayUrl);
    } catch (err) {
      lines.push(`(no demo station: ${(err as Error).message}; the station manager account has no grant)`);
    }
    const signIn = new SignInService(ds, undefined as never, undefined as never, mod.config, systemClock);
    for (const d of DEMO_ACCOUNTS) {
      await ds.transaction(async (m) => {
        const account = await signIn.findOrCreateAccount(m, d.phone, phoneLookupHash(d.phone, mod.config.pii.hashKey));
        if (d.role === 'VOLUNTEER' || (d.station && !stationId)) return;
        const scope = [
          d.role,
          d.station ? null : (d.regionCode ?? null),
          d.station ? stationId : null,
          d.agencyId ?? null,
        ];
        const [has] = await m.query(
          `SELECT 1 FROM role_grant WHERE account_id = $1 AND role = $2 AND region_code IS NOT DISTINCT FROM $3 AND station_id IS NOT DISTINCT FROM $4::uuid AND agency_id IS NOT DISTINCT FROM $5 AND revoked_at IS NULL`,
          [account.id, ...scope],
        );
        if (!has) {
          await m.query(
            `INSERT INTO role_grant (account_id, role, region_code, station_id, agency_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, 'dev-demo', now())`,
            [account.id, ...scope],
          );
        }
      });
      lines.push(`  ${d.phone}  ${d.label}`);
    }
  } finally {
    await ds.destroy();
  }
  return lines;
}

if (require.main === module) {
  runMain(
    async () => {
      const lines = await createDemoAccounts();
      console.log(
        [
          'Demo accounts (sign in at the gateway: mutation { requestSignInCode(phone: "138…") { expiresAt } },',
          'then read the 6-digit code in the [notifications-worker] line "SMS (development sink, not sent)",',
          'then mutation { signInWithCode(phone: "138…", code: "……") { accessToken refreshToken } }):',
          ...lines,
        ].join('\n'),
      );
    },
    { exitWhenDone: true },
  );
}
