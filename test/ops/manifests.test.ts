/**
 * k8s/: renders the base and both overlays with kustomize-lite, validates every
 * object against the Kubernetes schemas and lints it against the contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY, PLACEHOLDER, REPO_ROOT, SECRET_EXAMPLE_FILE, SUBGRAPHS } from './contract';
import { lintManifests } from './k8s-lint';
import { validateSchema } from './k8s-schema';
import { parseImage, podContainers, render, type JsonObject, type K8sObject } from './kustomize-lite';

const K8S = join(REPO_ROOT, 'k8s');
const TREES = ['base', 'overlays/dev', 'overlays/prod'] as const;

/** KEY=value lines of the committed example for leifeng-secrets. */
function secretExample(): Map<string, string> {
  const lines = readFileSync(join(REPO_ROOT, SECRET_EXAMPLE_FILE), 'utf8').split('\n');
  return new Map(lines.filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}
const opts = () => ({ externalSecretKeys: new Set(secretExample().keys()) });

const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const configData = (objects: K8sObject[]) => find(objects, 'ConfigMap', 'leifeng-config').data as Record<string, string>;
const deployments = (objects: K8sObject[]) => objects.filter((o) => o.kind === 'Deployment');
const replicas = (o: K8sObject) => (o.spec as JsonObject).replicas as number;

describe.each(TREES)('k8s/%s', (tree) => {
  const objects = render(join(K8S, tree));

  it('renders every object the platform needs', () => {
    expect(objects.length).toBe(20); // namespace, configmap, 4 x (api, svc, worker, job), gateway + svc
  });

  it('validates every object against the Kubernetes schemas', () => {
    for (const o of objects) expect(() => validateSchema(o)).not.toThrow();
  });

  it('follows the contract: workloads, probes, resources, security, env, services, secrets', () => {
    expect(lintManifests(objects, opts())).toEqual([]);
  });
});

describe('environments', () => {
  const dev = render(join(K8S, 'overlays/dev'));
  const prod = render(join(K8S, 'overlays/prod'));

  // The kit (packages/kit/src/config.ts) refuses mixed or unverifiable JWT settings at start-up.
  it('dev signs with HS256 and reads JWT_SECRET from leifeng-secrets', () => {
    expect(configData(dev).JWT_ALGORITHMS).toBe('HS256');
    expect(configData(dev).JWT_JWKS_URL).toBeUndefined();
    expect(secretExample().has('JWT_SECRET')).toBe(true);
  });

  it('prod verifies asymmetric tokens against a JWKS URL', () => {
    const data = configData(prod);
    expect(data.JWT_ALGORITHMS.split(',').every((a) => !a.startsWith('HS'))).toBe(true);
    expect(new URL(data.JWT_JWKS_URL).protocol).toBe('https:');
  });

  it('dev runs one replica of everything', () => {
    expect(deployments(dev).map(replicas)).toEqual(deployments(dev).map(() => 1));
  });

  it('prod runs every API and the gateway redundantly, with pinned image tags', () => {
    for (const d of deployments(prod)) expect(replicas(d)).toBeGreaterThanOrEqual(2);
    for (const c of podContainers(prod)) expect(parseImage(String(c.image)).tag).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prod gives the APIs more than the base does', () => {
    const limit = (objs: K8sObject[], name: string) => JSON.stringify(podContainers([find(objs, 'Deployment', name)])[0].resources);
    expect(limit(prod, 'stations')).not.toEqual(limit(render(join(K8S, 'base')), 'stations'));
  });
});

describe('committed secrets and sources', () => {
  it('the leifeng-secrets example holds only CHANGE_ME placeholders', () => {
    const example = secretExample();
    expect([...example.keys()].sort()).toEqual(['JWT_SECRET', ...SUBGRAPHS.map((s) => `${s.name.toUpperCase()}_DATABASE_URL`)].sort());
    for (const value of example.values()) expect(value).toContain(PLACEHOLDER);
  });

  it('the four subgraph manifests differ only by name, port and secret key', () => {
    const text = (name: string) => readFileSync(join(K8S, 'base', `${name}.yaml`), 'utf8');
    const [first, ...rest] = SUBGRAPHS;
    for (const s of rest) {
      const expected = text(first.name)
        .replaceAll(first.name, s.name)
        .replaceAll(first.name.toUpperCase(), s.name.toUpperCase())
        .replaceAll(String(first.port), String(s.port));
      expect(text(s.name)).toEqual(expected);
    }
  });

  it('the gateway reaches each subgraph through its Service and contract port', () => {
    const base = render(join(K8S, 'base'));
    const env = (podContainers([find(base, 'Deployment', GATEWAY.name)])[0].env ?? []) as { name: string; value?: string }[];
    for (const s of SUBGRAPHS) {
      expect(env.find((e) => e.name === `${s.name.toUpperCase()}_URL`)?.value).toBe(`http://${s.name}:${s.port}/graphql`);
      expect(find(base, 'Service', s.name)).toBeDefined();
    }
  });
});

// The checks above must be able to fail: break a rendered manifest and expect a complaint.
describe('negative: broken manifests are caught', () => {
  const fresh = () => render(join(K8S, 'overlays/prod'));
  const apiContainer = (objs: K8sObject[]) => podContainers([find(objs, 'Deployment', 'stations')])[0];
  const problemsAfter = (mutate: (objs: K8sObject[]) => void) => {
    const objs = fresh();
    mutate(objs);
    return lintManifests(objs, opts()).join('\n');
  };

  it('rejects replicas: "two" through the schema', () => {
    const objs = fresh();
    (find(objs, 'Deployment', 'stations').spec as JsonObject).replicas = 'two';
    expect(() => validateSchema(find(objs, 'Deployment', 'stations'))).toThrow(/replicas must be integer/);
    expect(lintManifests(objs, opts()).join('\n')).toMatch(/schema: Deployment\/stations: .*replicas must be integer/);
  });

  it('rejects a container without an image (the schema alone allows it)', () => {
    expect(problemsAfter((objs) => delete apiContainer(objs).image)).toMatch(/Deployment\/stations: container api: no image/);
  });

  it('rejects a readiness probe on the wrong path or port', () => {
    const out = problemsAfter((objs) => (apiContainer(objs).readinessProbe = { httpGet: { path: '/healthz', port: 'metrics' } }));
    expect(out).toMatch(/readinessProbe must GET \/readyz/);
    expect(out).toMatch(/readinessProbe port metrics is not a container port/);
  });

  it('rejects missing limits, a literal DATABASE_URL and an env name outside the contract', () => {
    const out = problemsAfter((objs) => {
      const c = apiContainer(objs);
      delete (c.resources as JsonObject).limits;
      c.env = [...(c.env as JsonObject[]).filter((e) => e.name !== 'DATABASE_URL'), { name: 'DATABASE_URL', value: 'postgres://u:p@db/x' }, { name: 'DB_URL', value: 'x' }];
    });
    expect(out).toMatch(/resources.limits.cpu missing/);
    expect(out).toMatch(/DATABASE_URL must come from a Secret/);
    expect(out).toMatch(/contains a URL with credentials/);
    expect(out).toMatch(/env DB_URL .* is not in the contract/);
  });

  it('rejects a Service whose selector or targetPort points nowhere', () => {
    const out = problemsAfter((objs) => {
      const spec = find(objs, 'Service', 'stations').spec as JsonObject;
      spec.ports = [{ name: 'http', port: 4001, targetPort: 'web' }];
      (find(objs, 'Service', 'volunteers').spec as JsonObject).selector = { 'app.kubernetes.io/name': 'nobody' };
    });
    expect(out).toMatch(/Service\/stations: targetPort web is not a container port/);
    expect(out).toMatch(/Service\/volunteers: selector matches 0 Deployments/);
  });

  it('rejects a reference to an undocumented Secret key or an unknown ConfigMap', () => {
    const out = problemsAfter((objs) => {
      const c = apiContainer(objs);
      (c.envFrom as JsonObject[]).push({ configMapRef: { name: 'missing-config' } });
      (c.env as JsonObject[]).push({ name: 'JWT_ISSUER', valueFrom: { secretKeyRef: { name: 'leifeng-secrets', key: 'ISSUER' } } });
    });
    expect(out).toMatch(/envFrom ConfigMap missing-config is not in the rendered set/);
    expect(out).toMatch(/key ISSUER is not in Secret leifeng-secrets/);
  });

  it('rejects a committed Secret with a real-looking value and a missing migrate Job', () => {
    const out = problemsAfter((objs) => {
      objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'oops', namespace: 'leifeng' }, stringData: { JWT_SECRET: 'hunter2hunter2' } });
      objs.splice(objs.indexOf(find(objs, 'Job', 'notifications-migrate')), 1);
    });
    expect(out).toMatch(/Secret\/oops: committed Secret values must be CHANGE_ME placeholders/);
    expect(out).toMatch(/missing Job\/notifications-migrate/);
  });
});
