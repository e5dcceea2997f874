// Canned subgraphs in their own process: `node canned-server.mjs exchanges.json` prints {"urls":…} once listening.
import { readFileSync } from 'node:fs';
import { cannedSubgraphs } from './replay.mjs';

const exchanges = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const canned = await cannedSubgraphs(exchanges);
process.stdout.write(`${JSON.stringify({ urls: canned.urls })}\n`);
process.on('SIGTERM', () => canned.close().then(() => process.exit(0)));
