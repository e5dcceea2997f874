/** Dockerfile and .dockerignore: one multi-stage recipe for every workspace service. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './contract';
import { appServices, loadCompose } from './compose';

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage (continuation lines joined, comments dropped); stage 0 holds the global ARGs. */
function parseDockerfile(text: string): { from: string; instructions: Instruction[] }[] {
  const stages: { from: string; instructions: Instruction[] }[] = [{ from: '', instructions: [] }];
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of logical) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push({ from: args, instructions: [] });
    else
      stages[stages.length - 1].instructions.push({
        op: op.toUpperCase(),
        args,
      });
  }
  return stages;
}

/** Workspace folders per the root package.json globs (`packages/*`, `services/*`). */
function workspaces(): string[] {
  const globs: string[] = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).workspaces;
  return globs.flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(join(REPO_ROOT, parent))
      .map((d) => `${parent}/${d}`)
      .filter((d) => existsSync(join(REPO_ROOT, d, 'package.json')));
  });
}

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const [globals, build, runtime] = parseDockerfile(dockerfile);
const has = (stage: { instructions: Instruction[] }, op: string, pattern: RegExp) =>
  stage.instructions.some((i) => i.op === op && pattern.test(i.args));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Dockerfile', () => {
  it('has a build and a runtime stage on node:22-bookworm-slim', () => {
    expect(has(globals, 'ARG', /^NODE_IMAGE=node:22-bookworm-slim$/)).toBe(true);
    expect([build.from, runtime.from]).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS runtime']);
  });

  it('builds with the full dependency tree and installs production dependencies only at runtime', () => {
    expect(has(build, 'RUN', /^npm ci\b/)).toBe(true);
    expect(has(build, 'RUN', /^npm run build$/)).toBe(true);
    expect(has(runtime, 'RUN', /^npm ci --omit=dev\b/)).toBe(true);
  });

  it.each(workspaces())('copies %s/package.json into both stages and its dist into the runtime', (ws) => {
    const manifest = new RegExp(`^${escape(ws)}/package\\.json ${escape(ws)}/$`);
    expect(has(build, 'COPY', manifest)).toBe(true);
    expect(has(runtime, 'COPY', manifest)).toBe(true);
    expect(has(runtime, 'COPY', new RegExp(`^--from=build /app/${escape(ws)}/dist ${escape(ws)}/dist$`))).toBe(true);
  });

  // Services read their SDL at run time from beside dist/ (schema.graphql, the gateway's supergraph.graphql).
  const sdlFiles = workspaces().flatMap((ws) =>
    readdirSync(join(REPO_ROOT, ws))
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => `${ws}/${f}`),
  );
  it.each(sdlFiles)('ships %s in the runtime', (file) => {
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    expect(has(runtime, 'COPY', new RegExp(`^${escape(file)} ${escape(dir)}$`))).toBe(true);
  });

  it('carries the SERVICE build arg into the environment and runs that service by default', () => {
    expect(has(runtime, 'ARG', /^SERVICE$/)).toBe(true);
    expect(has(runtime, 'ENV', /\bSERVICE=\$\{SERVICE\}/)).toBe(true);
    const cmd = runtime.instructions.filter((i) => i.op === 'CMD').pop()!;
    const argv: string[] = JSON.parse(cmd.args);
    expect(argv.join(' ')).toContain('services/${SERVICE}/dist/index.js');
    // Exec-form CMD does not expand ${...}: it must go through a shell that `exec`s node (PID 1 gets SIGTERM).
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(argv[2]).toMatch(/^exec node /);
  });

  it('runs as the non-root node user with a node-based /healthz HEALTHCHECK on $PORT', () => {
    const users = runtime.instructions.filter((i) => i.op === 'USER');
    expect(users.pop()?.args).toBe('node');
    const health = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    // Invalid JSON would silently turn the exec form into a shell command line.
    const argv: string[] = JSON.parse(health.slice(health.indexOf('CMD ') + 4));
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toContain('/healthz');
    expect(argv[2]).toContain('process.env.PORT');
  });

  it('is built by compose only for SERVICE values that are workspace services', () => {
    const services = workspaces()
      .filter((w) => w.startsWith('services/'))
      .map((w) => w.slice('services/'.length));
    for (const { def } of appServices(loadCompose())) expect(services).toContain(def.build?.args?.SERVICE);
  });
});

describe('.dockerignore', () => {
  it('keeps host build output, dependencies and git history out of the context', () => {
    const lines = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.git', '**/node_modules', '**/dist', 'bench/results', '.env']) expect(lines).toContain(entry);
  });
});
