import { systemClock, type Clock, type RequestContext, type ServiceDeps } from '@leifeng/kit';
import type { IdentityConfig } from './config';
import { createLoaders, type Loaders } from './resolvers/loaders';
import { AccountService } from './services/account-service';
import { ClientCredentials } from './services/client-credentials';
import { GrantService } from './services/grant-service';
import { KeyService } from './services/key-service';
import { PhoneProofService } from './services/phone-proof-service';
import { MySessions } from './services/my-sessions';
import { PasswordService } from './services/password-service';
import { SessionService } from './services/session-service';
import { SignInLimits } from './services/sign-in-limits';
import { SignInService } from './services/sign-in-service';
import { GraphStationDirectory, type StationDirectory, type VolunteerLinker } from './services/station-directory';

export interface IdentityServices {
  keys: KeyService;
  clients: ClientCredentials;
  sessions: SessionService;
  signIn: SignInService;
  accounts: AccountService;
  grants: GrantService;
  passwords: PasswordService;
  phoneProofs: PhoneProofService;
  mySessions: MySessions;
}

export interface IdentityContext extends RequestContext, IdentityServices {
  loaders: Loaders;
}

/** The process-wide services (the signing key cache lives in KeyService). */
export function createServices(
  deps: Pick<ServiceDeps, 'ds' | 'redis' | 'config' | 'logger'>,
  config: IdentityConfig,
  clock: Clock = systemClock,
  stations?: StationDirectory & Partial<VolunteerLinker>,
): IdentityServices {
  const keys = new KeyService(deps.ds, config, clock);
  const selfSigned = async () => {
    const t = await keys.sign('service:identity', { roles: ['SERVICE'] }, config.accessTtlSec);
    return { token: t.token, expires: t.expiresAt.getTime() };
  };
  const graph = new GraphStationDirectory({
    url: config.gatewayUrl,
    token: config.serviceToken,
    secret: config.jwtSecret,
    selfSigned,
  });
  const sessions = new SessionService(deps.ds, keys, config, clock);
  const grants = new GrantService(deps.ds, stations ?? graph, config, clock);
  const linker = stations ? (stations.link ? (stations as VolunteerLinker) : undefined) : graph;
  const limits = new SignInLimits(deps.redis, deps.config.bullPrefix, config);
  const signIn = new SignInService(
    deps.ds,
    sessions,
    limits,
    config,
    clock,
    [grants.acceptInvitations],
    linker,
    deps.logger,
  );
  const accounts = new AccountService(deps.ds, sessions, clock);
  const passwords = new PasswordService(deps.ds, sessions, limits, config, clock);
  return {
    keys,
    sessions,
    signIn,
    accounts,
    grants,
    passwords,
    phoneProofs: new PhoneProofService(signIn, keys),
    clients: new ClientCredentials(deps.ds, keys, config, clock),
    mySessions: new MySessions(deps.ds, clock),
  };
}

export function createContext(base: RequestContext, services: IdentityServices): IdentityContext {
  return { ...base, ...services, loaders: createLoaders(services.accounts) };
}
