import type { RequestContext } from '@leifeng/kit';

export interface GatewayContext extends RequestContext {
  /** The verified caller's Authorization header, forwarded verbatim to subgraphs. */
  authorization?: string;
}
