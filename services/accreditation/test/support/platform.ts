import { Client } from 'pg';
import {
  gql,
  tokenFor,
  typedQuery,
  waitFor,
  type GqlResponse,
  type TestSubgraph,
  type TypedQuery,
} from '@leifeng/kit/testing';
import { startTestPlatform } from '../../../../test/support/platform';
import { CREATE, stationInput } from '../../../stations/test/fixtures';
import { createVolunteersModule } from '../../../volunteers/src/module';
import { createAccreditationModule } from '../../src/module';
import { startReviewWorker } from '../../src/jobs/review-worker';

/**
 * The four subgraphs and the gateway on fresh databases, one Redis prefix, with accreditation on an
 * injected clock (Asia/Shanghai dates) and its re-review worker started in-process on demand.
 */
export interface Platform {
  url: string;
  bullPrefix: string;
  acc: TestSubgraph;
  stations: TestSubgraph;
  volunteers: TestSubgraph;
  db: Client;
  env: Record<string, string | undefined>;
  clock: { now(): Date };
  at(shanghaiDate: string): void;
  call<T = unknown>(
    token: string | undefined,
    query: TypedQuery<T>,
    variables?: Record<string, unknown>,
  ): Promise<Omit<GqlResponse<T>, 'status'>>;
  /** The data of a request that must succeed. */
  ok<T = unknown>(token: string | undefined, query: TypedQuery<T>, variables?: Record<string, unknown>): Promise<T>;
  count(sql: string, params?: unknown[]): Promise<number>;
  /** Creates a station through the stations subgraph and waits for accreditation's replica. */
  station(name: string, overrides?: Record<string, unknown>): Promise<{ id: string; manager: string }>;
  reviewWorker(env?: Record<string, string>): Promise<Awaited<ReturnType<typeof startReviewWorker>>>;
  stop(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  let now = new Date('2024-07-05T02:00:00Z');
  const clock = { now: () => now };
  const env: Record<string, string | undefined> = { ...process.env };
  const platform = await startTestPlatform({
    modules: {
      accreditation: createAccreditationModule({ clock, env }),
      volunteers: createVolunteersModule({ ...process.env }),
    },
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
  });
  const { stations, accreditation: acc, volunteers } = platform.subgraphs;
  const { gateway, bullPrefix } = platform;
  env.GATEWAY_URL = gateway.url;
  env.JWT_SECRET = acc.env.JWT_SECRET;
  const db = new Client({ connectionString: acc.db.url });
  await db.connect();
  const admin = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  const workers: { close(): Promise<void> }[] = [];

  const call = <T>(token: string | undefined, query: TypedQuery<T>, variables: Record<string, unknown> = {}) =>
    gql(gateway.url, query, variables, { token });
  const p: Platform = {
    url: gateway.url,
    bullPrefix,
    acc,
    stations,
    volunteers,
    db,
    env,
    clock,
    at: (date) => {
      now = new Date(`${date}T10:00:00+08:00`);
    },
    call,
    async ok(token, query, variables = {}) {
      const res = await call(token, query, variables);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      if (res.data === undefined) throw new Error(`no data for ${query}`);
      return res.data;
    },
    count: async (sql, params = []) => Number((await db.query(sql, params)).rows[0].n),
    async station(name, overrides = {}) {
      const created = await p.ok(admin, CREATE, {
        input: stationInput({ name, ...overrides }),
      });
      const id: string = created.createStation.id;
      await waitFor(
        async () => (await p.count(`SELECT count(*) AS n FROM station_ref WHERE id = $1`, [id])) === 1,
        20000,
        `station_ref ${name}`,
      );
      return {
        id,
        manager: await tokenFor({
          roles: ['STATION_MANAGER'],
          stationId: id,
          sub: `manager-${id.slice(0, 8)}`,
        }),
      };
    },
    async reviewWorker(extra = {}) {
      const w = await startReviewWorker(acc.worker!.deps, {
        clock,
        env: { ...env, ...extra },
      });
      workers.push(w);
      return w;
    },
    async stop() {
      for (const w of workers) await w.close().catch(() => undefined);
      await db.end();
      await platform.stop();
    },
  };
  return p;
}

/** The 附件2 form with the leader's personal phone. */
export const form = (unit: string, leaderPhone = '13812341234') => ({
  unitName: unit,
  address: '长沙市芙蓉区文艺路 88 号',
  postalCode: '410011',
  leaderName: '张雷',
  leaderPhone,
  situation: '对照创建标准逐项达标。',
  practices: '每月组织志愿服务活动，结对帮扶。',
  plan: '创建计划：'.padEnd(1800, '志'),
  unitOpinion: '同意申报。',
});

export const PHASES = (y: number) => [
  { phase: 'DEPLOYMENT', startsOn: `${y}-04-01`, endsOn: `${y}-04-30` },
  { phase: 'PREPARATION', startsOn: `${y}-05-01`, endsOn: `${y}-06-30` },
  { phase: 'APPLICATION', startsOn: `${y}-07-01`, endsOn: `${y}-07-15` },
  { phase: 'CULTIVATION', startsOn: `${y}-08-01`, endsOn: `${y}-09-30` },
  { phase: 'REVIEW', startsOn: `${y}-10-01`, endsOn: `${y}-10-31` },
  { phase: 'NAMING', startsOn: `${y}-11-01`, endsOn: `${y}-11-30` },
];

export const SUBMIT = typedQuery<{
  submitApplication: { id: string; status: string; currentStage: string; stages: string[] };
}>(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status currentStage stages } }`);
export const ENDORSE = typedQuery<{ endorseApplication: { id: string; status: string; currentStage: string } }>(
  `mutation($id: ID!, $input: EndorseInput!) { endorseApplication(id: $id, input: $input) { id status currentStage } }`,
);
export const PUBLISH = typedQuery<{
  publishNotice: { id: string; level: string; startsOn: string; endsOn: string; applications: { id: string }[] };
}>(
  `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { id level startsOn endsOn applications { id } } }`,
);
export const NAME = typedQuery<{
  nameCandidates: {
    id: string;
    level: string;
    certificateNumber: string;
    conferredOn: string;
    station: { id: string };
  }[];
}>(`mutation($id: ID!) { nameCandidates(noticeId: $id) { id level certificateNumber conferredOn station { id } } }`);
export const CREATE_CYCLE = typedQuery<{ createCycle: { id: string } }>(
  `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
);

/** Rows and events of accreditation: a refused request must leave every one unchanged. */
export async function snapshot(p: Platform): Promise<Record<string, number>> {
  const tables = [
    'application',
    'endorsement',
    'outbox',
    'standard_set',
    'rectification',
    'title',
    'review',
    'review_run',
    'public_notice',
    'quota',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await p.count(`SELECT count(*) AS n FROM ${t}`);
  return out;
}

export const CHINESE = /[\u4e00-\u9fa5]/;
