import { createGraphClient, isUuid, type GraphClient } from '@leifeng/kit';

/** Where a station is (stations subgraph owns it): needed to scope station-manager grants. */
export interface StationDirectory {
  regionOf(stationId: string): Promise<string | null>;
}

/** Links a volunteer record (volunteers subgraph) to the account that proved its number. */
export interface VolunteerLinker {
  link(phone: string, accountId: string): Promise<string | null>;
}

/** Reads the station through the gateway with a SERVICE token (never another service's database). */
export class GraphStationDirectory implements StationDirectory, VolunteerLinker {
  private readonly graph: GraphClient;

  /**
   * SERVICE_TOKEN when given; else the shared secret (development); else (production: no shared secret)
   * a SERVICE token identity signs itself with its current key, which every verifier takes from the JWKS.
   */
  constructor(opts: {
    url: string;
    token?: string;
    secret?: string;
    selfSigned?: () => Promise<{ token: string; expires: number }>;
  }) {
    const tokenSource = opts.token || opts.secret ? undefined : opts.selfSigned;
    this.graph = createGraphClient({
      url: opts.url,
      token: opts.token,
      secret: opts.secret,
      tokenSource,
      subject: 'identity',
      timeoutMs: 10_000,
    });
  }

  async regionOf(stationId: string): Promise<string | null> {
    if (!isUuid(stationId)) return null;
    const res = await this.graph.request<{
      station: { regionCode: string } | null;
    }>(`query IdentityStationRegion($id: ID!) { station(id: $id) { regionCode } }`, { id: stationId });
    return res.data?.station?.regionCode ?? null;
  }

  /** volunteers' SERVICE-only `linkVolunteerAccount`, by the keyed phone hash there: no second registration. */
  async link(phone: string, accountId: string): Promise<string | null> {
    const res = await this.graph.request<{
      linkVolunteerAccount: string | null;
    }>(`mutation IdentityLinkVolunteer($p: String!, $a: ID!) { linkVolunteerAccount(phone: $p, accountSub: $a) }`, {
      p: phone,
      a: accountId,
    });
    return res.data?.linkVolunteerAccount ?? null;
  }
}
