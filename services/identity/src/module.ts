import { join } from 'node:path';
import {
  CreateOutbox1763800000000,
  loadSchema,
  sendJson,
  systemClock,
  type Clock,
  type ServiceDeps,
  type SubgraphModule,
} from '@leifeng/kit';
import { readIdentityConfig, type IdentityConfig } from './config';
import { createContext, createServices, type IdentityContext, type IdentityServices } from './context';
import { CreateIdentity1763800000401 } from './db/migrations/1763800000401-CreateIdentity';
import { CreateServiceClients1763800000402 } from './db/migrations/1763800000402-CreateServiceClients';
import { AccountPassword1763800000403 } from './db/migrations/1763800000403-AccountPassword';
import { ChallengePurpose1763800000410 } from './db/migrations/1763800000410-ChallengePurpose';
import { TOKEN_PATH } from './services/client-credentials';
import { resolvers } from './resolvers';
import type { StationDirectory } from './services/station-directory';

const typeDefs = loadSchema(join(__dirname, '..'));

const JWKS_PATH = '/.well-known/jwks.json';

export interface IdentityModuleOptions {
  env?: Record<string, string | undefined>;
  clock?: Clock;
  stations?: StationDirectory;
}

/** The module reads its settings from `env` (tests pass their own) and keeps one set of services per process. */
export function createIdentityModule(opts: IdentityModuleOptions = {}): SubgraphModule<IdentityContext> & {
  config: IdentityConfig;
  services(deps: ServiceDeps): IdentityServices;
} {
  const config = readIdentityConfig(opts.env ?? process.env);
  const clock = opts.clock ?? systemClock;
  const made = new WeakMap<ServiceDeps, IdentityServices>();
  const services = (deps: ServiceDeps) => {
    let s = made.get(deps);
    if (!s) made.set(deps, (s = createServices(deps, config, clock, opts.stations)));
    return s;
  };
  return {
    name: 'identity',
    defaultPort: 4005,
    typeDefs,
    resolvers,
    entities: [],
    migrations: [
      CreateOutbox1763800000000,
      CreateIdentity1763800000401,
      CreateServiceClients1763800000402,
      AccountPassword1763800000403,
      ChallengePurpose1763800000410,
    ],
    context: (base, deps) => createContext(base, services(deps)),
    routes: (deps) => ({
      exact: {
        // Public keys only; verifiers cache them (the kit: 10 minutes, and refetch on an unknown kid).
        [JWKS_PATH]: async (_req, res) => {
          const body = await services(deps).keys.jwks();
          res.setHeader('cache-control', 'public, max-age=300');
          sendJson(res, 200, body);
        },
        // Client credentials for machines (cluster-internal: not routed by the Ingress).
        [TOKEN_PATH]: (req, res) => services(deps).clients.handler(req, res),
      },
    }),
    config,
    services,
  };
}

export const identityModule = createIdentityModule();
