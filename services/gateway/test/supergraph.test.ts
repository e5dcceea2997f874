import { readFileSync } from 'node:fs';
import { composeSupergraph } from '../src/compose';
import { SUPERGRAPH_PATH } from '../src/subgraphs';

it('the committed supergraph equals a fresh composition of the subgraph SDL files (run `npm run compose`)', () => {
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
});
