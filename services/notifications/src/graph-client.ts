import { signDevToken } from '@leifeng/kit';
import type { NotificationsConfig } from './config';

/** Reads facts owned by other services through the gateway with a SERVICE-role token. */
export class GraphClient {
  private token?: { value: string; expires: number };

  constructor(private readonly config: Pick<NotificationsConfig, 'gatewayUrl' | 'serviceToken' | 'jwtSecret'>) {}

  private async bearer(): Promise<string> {
    if (this.config.serviceToken) return this.config.serviceToken;
    if (!this.config.jwtSecret) throw new Error('SERVICE_TOKEN or JWT_SECRET is needed to read the graph');
    if (!this.token || this.token.expires < Date.now()) {
      this.token = { value: await signDevToken({ sub: 'svc-notifications', roles: ['SERVICE'] }, this.config.jwtSecret, '1h'), expires: Date.now() + 50 * 60_000 };
    }
    return this.token.value;
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<{ data?: T; errors?: { message: string; path?: unknown[] }[] }> {
    const res = await fetch(this.config.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.bearer()}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (!res.ok && !body.data) throw new Error(`gateway answered ${res.status}: ${body.errors?.[0]?.message ?? ''}`);
    return body;
  }
}
