import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { SUPERGRAPH_PATH } from './subgraphs';

// `npm run compose` writes the file; `--check` exits 1 when the committed one has drifted.
const fresh = composeSupergraph();
if (process.argv.includes('--check')) {
  const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
  if (committed !== fresh) {
    console.error('services/gateway/supergraph.graphql is out of date: run `npm run compose` and commit it');
    process.exit(1);
  }
  console.log('supergraph is up to date');
} else {
  writeFileSync(SUPERGRAPH_PATH, fresh);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
