// The peer: @graphql-hive/gateway-runtime on the same supergraph, served by node:http (bench only).
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { supergraphFor } from './stack.mjs';

const env = process.env;
const urls = {
  stations: env.STATIONS_URL,
  volunteers: env.VOLUNTEERS_URL,
  accreditation: env.ACCREDITATION_URL,
  notifications: env.NOTIFICATIONS_URL,
};
// @graphql-mesh/transport-http (the runtime's default HTTP transport) is not installed here: the same
// executor it builds, from @graphql-tools/executor-http, is passed in as the "http" transport.
const http = {
  getSubgraphExecutor: ({ transportEntry, fetch }) =>
    buildHTTPExecutor({
      endpoint: transportEntry.location,
      fetch,
      ...(transportEntry.options ?? {}),
    }),
};
const gateway = createGatewayRuntime({
  supergraph: supergraphFor(urls),
  logging: false,
  transports: { http },
});
const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  return gateway(req, res);
});
server.listen(Number(env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
