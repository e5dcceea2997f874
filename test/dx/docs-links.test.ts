/**
 * The docs stand on their own (issue 11, point 15): every relative link in the repository's
 * Markdown points at a file inside the repository, and no doc sends the reader to a file beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

const links = markdownFiles(ROOT).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => [relative(ROOT, file), target] as const),
);

describe('documentation links', () => {
  it.each(links)('%s → %s is a file in the repository', (file, target) => {
    const path = resolve(ROOT, dirname(file), target);
    expect({
      target,
      inside: !relative(ROOT, path).startsWith('..'),
      exists: existsSync(path),
    }).toEqual({ target, inside: true, exists: true });
  });

  it('no doc refers to a design file outside the repository', () => {
    const outside = markdownFiles(ROOT).filter((f) =>
      /\.\.\/shared\/|shared\/DESIGN\.md|beside the repo/.test(readFileSync(f, 'utf8')),
    );
    expect(outside.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('building-a-subgraph.md points at the domain rules kept in the repository', () => {
    expect(readFileSync(join(ROOT, 'docs/building-a-subgraph.md'), 'utf8')).toContain('](domain.md)');
    expect(readFileSync(join(ROOT, 'docs/domain.md'), 'utf8')).toMatch(/2 × its provincial quota/);
  });
});
