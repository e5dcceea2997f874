/**
 * What the ops files need from the service code: every `node services/<name>/dist/<file>.js`
 * they run is compiled from an existing services/<name>/src/<file>.ts, and every file the
 * Dockerfile copies from the build context exists. The only ops tests that depend on
 * the service engineers' files being present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPHS, GATEWAY, entryPoint, sourceExists, sourceOf } from './contract';
import { loadCompose } from './compose';
import { podContainers, render } from './kustomize-lite';

function commandsInUse(): string[] {
  const compose = Object.values(loadCompose().services).flatMap((s) => s.command ?? []);
  const k8s = ['overlays/dev', 'overlays/prod'].flatMap((tree) =>
    podContainers(render(join(REPO_ROOT, 'k8s', tree))).flatMap((c) => (c.command as string[] | undefined) ?? []),
  );
  // The Dockerfile's default CMD runs index.js of whichever SERVICE was built.
  const dockerDefault = [...SUBGRAPHS.map((s) => s.name), GATEWAY.name].map((s) => entryPoint(s, 'api'));
  return [...new Set([...compose, ...k8s, ...dockerDefault].filter((arg) => arg.startsWith('services/')))].sort();
}

describe('entry points run by compose, k8s and the Dockerfile', () => {
  it('cover API, worker and migrate of every subgraph and the gateway API', () => {
    const expected = [
      ...SUBGRAPHS.flatMap((s) => (['api', 'worker', 'migrate'] as const).map((r) => entryPoint(s.name, r))),
      entryPoint(GATEWAY.name, 'gateway'),
    ];
    expect(commandsInUse()).toEqual([...new Set(expected)].sort());
  });

  it.each(commandsInUse())('%s has its TypeScript source', (dist) => {
    expect({
      dist,
      source: sourceOf(dist),
      exists: sourceExists(dist),
    }).toEqual({ dist, source: sourceOf(dist), exists: true });
  });
});

describe('files the Dockerfile copies from the build context', () => {
  const lines = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8').split('\n');
  const sources = [
    ...new Set(lines.filter((l) => /^COPY (?!--from)/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1, -1))),
  ];
  it.each(sources)('%s exists', (source) => {
    expect({ source, exists: existsSync(join(REPO_ROOT, source)) }).toEqual({
      source,
      exists: true,
    });
  });
});
