/**
 * The whole platform in one test process: the five subgraphs on fresh databases with one Redis prefix
 * (so events flow between them), their workers where asked, and the gateway over real HTTP.
 */
import { reservePort, startTestSubgraph, tokenFor, uniqueSuffix, type TestSubgraph } from '@leifeng/kit/testing';
import type { EventHandler, SubgraphModule, WorkerOptions } from '@leifeng/kit';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { handleEvent as accreditationEvents } from '../../services/accreditation/src/handle-event';
import { accreditationModule } from '../../services/accreditation/src/module';
import { startGateway, type RunningGateway } from '../../services/gateway/src/server';
import { SUBGRAPHS } from '../../services/gateway/src/subgraphs';
import { createIdentityModule, identityModule } from '../../services/identity/src/module';
import { handleEvent as notificationsEvents } from '../../services/notifications/src/handle-event';
import { notificationsModule } from '../../services/notifications/src/module';
import { stationsModule } from '../../services/stations/src/module';
import { handleEvent as volunteersEvents } from '../../services/volunteers/src/handle-event';
import { volunteersModule } from '../../services/volunteers/src/module';

const DEFAULT_MODULES = {
  stations: stationsModule,
  volunteers: volunteersModule,
  accreditation: accreditationModule,
  notifications: notificationsModule,
  identity: identityModule,
} satisfies Record<string, SubgraphModule>;
export type SubgraphName = keyof typeof DEFAULT_MODULES;

/** The subgraphs in the gateway's one list (services/gateway/src/subgraphs.json), each with its module here. */
export const SUBGRAPH_NAMES = SUBGRAPHS.map((s) => {
  if (!(s.name in DEFAULT_MODULES)) throw new Error(`test platform: no module for subgraph ${s.name}`);
  return s.name as SubgraphName;
});
const EVENT_HANDLERS: Partial<Record<SubgraphName, EventHandler>> = {
  volunteers: volunteersEvents,
  accreditation: accreditationEvents,
  notifications: notificationsEvents,
};

export interface PlatformOptions {
  /** Replace a module (e.g. one built with an injected clock). */
  modules?: Partial<Record<SubgraphName, SubgraphModule>>;
  /** Subgraphs whose worker runs (outbox relay, event consumer, service jobs). */
  workers?: SubgraphName[];
  extraWorkers?: Partial<Record<SubgraphName, WorkerOptions['extraWorkers']>>;
  queryLoggers?: Partial<Record<SubgraphName, TypeOrmLogger>>;
  /** Runs after the subgraphs are up and before the gateway starts (e.g. bulk fixtures). */
  beforeGateway?(subgraphs: Record<SubgraphName, TestSubgraph>): Promise<void>;
  gatewayEnv?: Record<string, string>;
  /** Extra environment for every subgraph process (e.g. SANDBOX=true). */
  env?: Record<string, string>;
  /** Extra environment per subgraph (after `env`). */
  envBySubgraph?: Partial<Record<SubgraphName, Record<string, string>>>;
  /** The gateway's port, when a worker started before it must know its URL (e.g. notifications' channel workers). */
  gatewayPort?: number;
}

export interface TestPlatform {
  bullPrefix: string;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  gateway: RunningGateway;
  /** The gateway's /graphql URL. */
  url: string;
  stop(): Promise<void>;
}

export async function startTestPlatform(opts: PlatformOptions = {}): Promise<TestPlatform> {
  const bullPrefix = `t${uniqueSuffix()}`;
  // Identity's JWKS and the gateway's URL are handed out before either starts: fixed free ports.
  const [identityPort, gatewayPort] = [await reservePort(), opts.gatewayPort ?? (await reservePort())];
  const jwksUrl = `http://127.0.0.1:${identityPort}/.well-known/jwks.json`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) => {
      const worker = opts.workers?.includes(name) ?? false;
      // Identity reads stations' regions through this platform's gateway.
      const mod =
        opts.modules?.[name] ??
        (name === 'identity'
          ? createIdentityModule({
              env: {
                ...process.env,
                GATEWAY_URL: gatewayUrl,
                ...opts.env,
                ...opts.envBySubgraph?.identity,
              },
            })
          : DEFAULT_MODULES[name]);
      return startTestSubgraph(mod, {
        bullPrefix,
        worker,
        handleEvent: worker ? EVENT_HANDLERS[name] : undefined,
        extraWorkers: opts.extraWorkers?.[name],
        queryLogger: opts.queryLoggers?.[name],
        // Every subgraph accepts identity's ES256 tokens (JWKS) beside the HS256 development tokens.
        env: {
          JWT_JWKS_URL: jwksUrl,
          ...(name === 'identity' ? { PORT: String(identityPort) } : {}),
          ...opts.env,
          ...opts.envBySubgraph?.[name],
        },
      });
    }),
  );
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, started[i]])) as Record<
    SubgraphName,
    TestSubgraph
  >;
  try {
    await opts.beforeGateway?.(subgraphs);
    const gateway = await startGateway({
      env: {
        ...subgraphs.stations.env,
        PORT: String(gatewayPort),
        JWT_JWKS_URL: jwksUrl,
        ...Object.fromEntries(SUBGRAPHS.map((s) => [s.env, subgraphs[s.name as SubgraphName].url])),
        // Tests read right after they write, often anonymously: the public response cache is
        // switched on only by the tests about it.
        PUBLIC_RESPONSE_CACHE_TTL_MS: '0',
        ...opts.gatewayEnv,
      },
    });
    return {
      bullPrefix,
      subgraphs,
      gateway,
      url: gateway.url,
      async stop() {
        await gateway.stop();
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
}

export { tokenFor };
