/**
 * kustomize-lite must render exactly what kustomize does for k8s/, and refuse
 * what it does not implement.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './contract';
import {
  ATOMIC_LISTS,
  matchesSelector,
  parseImage,
  parseYamlDocuments,
  render,
  strategicMerge,
  type Json,
  type K8sObject,
} from './kustomize-lite';

const TREES = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'];
const byId = (objs: K8sObject[]) =>
  Object.fromEntries(
    objs.map((o) => [`${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
  );

// `kubectl kustomize` is the reference when a machine has kubectl (CI may not: then skipped).
const kubectl = spawnSync('kubectl', ['version', '--client'], {
  encoding: 'utf8',
});
const describeWithKubectl = kubectl.status === 0 ? describe : describe.skip;

describeWithKubectl('matches `kubectl kustomize`', () => {
  it.each(TREES)('%s', (tree) => {
    const out = spawnSync('kubectl', ['kustomize', join(REPO_ROOT, tree)], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.stderr).toBe('');
    const reference = parseYamlDocuments(out.stdout, `kubectl kustomize ${tree}`) as K8sObject[];
    expect(byId(render(join(REPO_ROOT, tree)))).toEqual(byId(reference));
  });
});

describe('strategicMerge', () => {
  it('merges maps, replaces scalars, deletes on null and merges containers by name', () => {
    const base: Json = {
      spec: {
        replicas: 1,
        paused: true,
        containers: [
          { name: 'api', image: 'a', resources: { limits: { cpu: '1' } } },
          { name: 'side', image: 's' },
        ],
      },
    };
    const patch: Json = {
      spec: {
        replicas: 3,
        paused: null,
        containers: [
          { name: 'api', resources: { limits: { memory: '1Gi' } } },
          { name: 'new', image: 'n' },
        ],
      },
    };
    expect(strategicMerge(base, patch, '')).toEqual({
      spec: {
        replicas: 3,
        containers: [
          {
            name: 'api',
            image: 'a',
            resources: { limits: { cpu: '1', memory: '1Gi' } },
          },
          { name: 'side', image: 's' },
          { name: 'new', image: 'n' },
        ],
      },
    });
  });

  it('replaces the atomic lists it is given (Ingress rules and tls) instead of refusing them', () => {
    const base: Json = {
      spec: { rules: [{ host: 'a' }, { host: 'b' }], tls: [{ hosts: ['a'] }] },
    };
    const patch: Json = { spec: { rules: [{ host: 'c' }] } };
    expect(strategicMerge(base, patch, '', ATOMIC_LISTS.Ingress)).toEqual({
      spec: { rules: [{ host: 'c' }], tls: [{ hosts: ['a'] }] },
    });
    expect(() => strategicMerge(base, patch, '')).toThrow(/list at spec.rules/);
  });

  it('refuses lists and directives whose kustomize semantics it does not implement', () => {
    expect(() => strategicMerge({}, { spec: { ports: [{ port: 1 }] } }, '')).toThrow(/list at spec.ports/);
    expect(() => strategicMerge({}, { spec: { $patch: 'replace' } }, '')).toThrow(/directive \$patch/);
  });
});

describe('helpers', () => {
  it('parses image references', () => {
    expect(parseImage('leifeng/stations:latest')).toEqual({
      name: 'leifeng/stations',
      tag: 'latest',
      digest: undefined,
    });
    expect(parseImage('registry:5000/leifeng/gateway')).toEqual({
      name: 'registry:5000/leifeng/gateway',
      digest: undefined,
    });
    expect(parseImage('leifeng/x:1@sha256:abc')).toEqual({
      name: 'leifeng/x',
      tag: '1',
      digest: 'sha256:abc',
    });
  });

  it('matches equality label selectors and refuses set-based ones', () => {
    const labels = { app: 'a', tier: 'api' };
    expect(matchesSelector(labels, 'app=a,tier==api')).toBe(true);
    expect(matchesSelector(labels, 'app=a,tier!=api')).toBe(false);
    expect(() => matchesSelector(labels, 'tier in (api)')).toThrow(/not implemented/);
  });

  it('refuses kustomization fields it does not implement', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-lite-'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: x-\n',
    );
    try {
      expect(() => render(dir)).toThrow(/does not implement namePrefix/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
