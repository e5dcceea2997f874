/**
 * k8s/: renders the base and both overlays with kustomize-lite, validates every
 * object against the Kubernetes schemas and lints it against the contract.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_ROUTES, eventQueueName } from '../../packages/kit/src/events';
import {
  GATEWAY,
  PLACEHOLDER,
  REPO_ROOT,
  SECRET_EXAMPLE_FILE,
  SUBGRAPHS,
  UNSCALED_QUEUES,
  WORKER_QUEUES,
} from './contract';
import { lintManifests } from './k8s-lint';
import { validateSchema } from './k8s-schema';
import { parseImage, podContainers, render, type JsonObject, type K8sObject } from './kustomize-lite';

const K8S = join(REPO_ROOT, 'k8s');
const TREES = ['base', 'overlays/dev', 'overlays/prod'] as const;

/** KEY=value lines of the committed example for leifeng-secrets. */
function secretExample(): Map<string, string> {
  const lines = readFileSync(join(REPO_ROOT, SECRET_EXAMPLE_FILE), 'utf8').split('\n');
  return new Map(
    lines.filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
const opts = () => ({ externalSecretKeys: new Set(secretExample().keys()) });

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const configData = (objects: K8sObject[]) =>
  find(objects, 'ConfigMap', 'leifeng-config').data as Record<string, string>;
const deployments = (objects: K8sObject[]) => objects.filter((o) => o.kind === 'Deployment');
const replicas = (o: K8sObject) => (o.spec as JsonObject).replicas as number | undefined;
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const spec = (o: K8sObject) => o.spec as Record<string, never>;

describe.each(TREES)('k8s/%s', (tree) => {
  const objects = render(join(K8S, tree));

  it('renders every object the platform needs', () => {
    // namespace, configmap, 5 x (api, svc, worker, job), gateway + svc,
    // 6 x (hpa, pdb), 5 worker pdbs, 3 scaledobjects, keda configmap + triggerauth, ingress
    expect(objects.length).toBe(47);
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

  it('prod verifies asymmetric tokens against a JWKS URL (identity inside the cluster, or an https one)', () => {
    const data = configData(prod);
    expect(data.JWT_ALGORITHMS.split(',').every((a) => !a.startsWith('HS'))).toBe(true);
    const jwks = new URL(data.JWT_JWKS_URL);
    expect(jwks.protocol === 'https:' || jwks.host === 'identity:4005').toBe(true);
  });

  it('dev runs one replica of everything, autoscalers allowing a second', () => {
    for (const d of deployments(dev)) expect(replicas(d)).toBeUndefined(); // the Deployment default, 1
    for (const h of ofKind(dev, 'HorizontalPodAutoscaler'))
      expect([spec(h).minReplicas, spec(h).maxReplicas]).toEqual([1, 2]);
    for (const s of ofKind(dev, 'ScaledObject'))
      expect([spec(s).minReplicaCount, spec(s).maxReplicaCount]).toEqual([1, 2]);
  });

  it('prod runs every API 3-10 and every worker 2-10, with pinned image tags', () => {
    expect(ofKind(prod, 'HorizontalPodAutoscaler').length).toBe(SUBGRAPHS.length + 1);
    for (const h of ofKind(prod, 'HorizontalPodAutoscaler'))
      expect([spec(h).minReplicas, spec(h).maxReplicas]).toEqual([3, 10]);
    for (const s of ofKind(prod, 'ScaledObject')) {
      expect([spec(s).minReplicaCount, spec(s).maxReplicaCount]).toEqual([2, 10]);
      expect(spec(s).fallback).toMatchObject({
        replicas: 3,
        behavior: 'currentReplicasIfHigher',
      });
    }
    // The only Deployments with a fixed count: the relay-only stations and identity workers.
    expect(
      deployments(prod)
        .filter((d) => replicas(d) !== undefined)
        .map((d) => [d.metadata.name, replicas(d)]),
    ).toEqual([
      ['stations-worker', 2],
      ['identity-worker', 2],
    ]);
    for (const c of podContainers(prod)) expect(parseImage(String(c.image)).tag).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prod serves its own host name with TLS', () => {
    const ing = spec(find(prod, 'Ingress', 'leifeng')) as unknown as {
      rules: { host: string }[];
      tls: { hosts: string[]; secretName: string }[];
    };
    expect(ing.rules.map((r) => r.host)).toEqual(['leifeng.example']);
    expect(ing.tls).toEqual([{ hosts: ['leifeng.example'], secretName: 'leifeng-tls' }]);
  });

  it('prod gives the APIs more than the base does', () => {
    const limit = (objs: K8sObject[], name: string) =>
      JSON.stringify(podContainers([find(objs, 'Deployment', name)])[0].resources);
    expect(limit(prod, 'stations')).not.toEqual(limit(render(join(K8S, 'base')), 'stations'));
  });
});

describe('committed secrets and sources', () => {
  it('the leifeng-secrets example holds only CHANGE_ME placeholders', () => {
    const example = secretExample();
    expect([...example.keys()].sort()).toEqual(
      [
        'JWT_SECRET',
        'PII_ENCRYPTION_KEY',
        'PII_HASH_KEY',
        'PHONE_HASH_KEY',
        'SMS_ACCESS_KEY_ID',
        'SMS_ACCESS_KEY_SECRET',
        'SERVICE_TOKEN',
        'ACCREDITATION_CLIENT_SECRET',
        'NOTIFICATIONS_CLIENT_SECRET',
        'SERVICE_CLIENTS',
        'IDENTITY_KEY_ENCRYPTION_KEY',
        'SIGN_IN_CODE_HASH_KEY',
        'SMS_CODE_SEAL_KEY',
        ...SUBGRAPHS.map((s) => `${s.name.toUpperCase()}_DATABASE_URL`),
      ].sort(),
    );
    for (const value of example.values()) expect(value).toContain(PLACEHOLDER);
  });

  it('the five subgraph manifests differ only by name, port, secret key and service-specific env', () => {
    // Service-specific env entries (PII keys, GATEWAY_URL, SMS settings…) sit right after JWT_SECRET.
    const serviceEnv =
      /(key: JWT_SECRET, optional: true \} \}\n)(?: {12}(?:#.*|- .*| {2}valueFrom: .*)\n)*?(?= {10}\w)/g;
    const text = (name: string) => readFileSync(join(K8S, 'base', `${name}.yaml`), 'utf8').replace(serviceEnv, '$1');
    const [first, ...rest] = SUBGRAPHS;
    for (const s of rest) {
      const expected = text(first.name)
        .replaceAll(first.name, s.name)
        .replaceAll(first.name.toUpperCase(), s.name.toUpperCase())
        .replaceAll(String(first.port), String(s.port));
      expect(text(s.name)).toEqual(expected);
    }
  });

  it('the API autoscaling blocks differ only by name', () => {
    const docs = readFileSync(join(K8S, 'base', 'autoscaling-api.yaml'), 'utf8').split(/^---$/m);
    const names = [...SUBGRAPHS.map((s) => s.name), GATEWAY.name];
    expect(docs.length).toBe(2 * names.length);
    const strip = (text: string) => text.replace(/^#.*\n/gm, '').trim();
    for (let i = 0; i < docs.length; i++) {
      expect(strip(docs[i]).replaceAll(names[Math.floor(i / 2)], 'NAME')).toEqual(
        strip(docs[i % 2]).replaceAll(names[0], 'NAME'),
      );
    }
  });

  // WORKER_QUEUES drives the ScaledObjects' triggers; it must follow the code as queues are added.
  it('WORKER_QUEUES + UNSCALED_QUEUES list every queue each worker consumes in the sources', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? sources(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    for (const { name } of SUBGRAPHS) {
      const text = sources(join(REPO_ROOT, 'services', name, 'src'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      const constants = new Map(
        [...text.matchAll(/\b([A-Z][A-Z0-9_]*)\s*=\s*['"]([\w.-]+)['"]/g)].map((m) => [m[1], m[2]]),
      );
      const consumed = [...text.matchAll(/new Worker(?:<[^>]*>)?\(\s*([A-Z][A-Z0-9_]*|'[^']+'|"[^"]+")/g)].map((m) =>
        /^['"]/.test(m[1]) ? m[1].slice(1, -1) : (constants.get(m[1]) ?? `unresolved ${m[1]}`),
      );
      if (name in EVENT_ROUTES) consumed.push(eventQueueName(name as keyof typeof EVENT_ROUTES));
      expect({ name, queues: [...new Set(consumed)].sort() }).toEqual({
        name,
        queues: [...WORKER_QUEUES[name], ...UNSCALED_QUEUES[name]].sort(),
      });
    }
  });

  it('the gateway reaches each subgraph through its Service and contract port', () => {
    const base = render(join(K8S, 'base'));
    const env = (podContainers([find(base, 'Deployment', GATEWAY.name)])[0].env ?? []) as {
      name: string;
      value?: string;
    }[];
    for (const s of SUBGRAPHS) {
      expect(env.find((e) => e.name === `${s.name.toUpperCase()}_URL`)?.value).toBe(
        `http://${s.name}:${s.port}/graphql`,
      );
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
    expect(problemsAfter((objs) => delete apiContainer(objs).image)).toMatch(
      /Deployment\/stations: container api: no image/,
    );
  });

  it('rejects a readiness probe on the wrong path or port', () => {
    const out = problemsAfter(
      (objs) =>
        (apiContainer(objs).readinessProbe = {
          httpGet: { path: '/healthz', port: 'metrics' },
        }),
    );
    expect(out).toMatch(/readinessProbe must GET \/readyz/);
    expect(out).toMatch(/readinessProbe port metrics is not a container port/);
  });

  it('rejects missing limits, a literal DATABASE_URL and an env name outside the contract', () => {
    const out = problemsAfter((objs) => {
      const c = apiContainer(objs);
      delete (c.resources as JsonObject).limits;
      c.env = [
        ...(c.env as JsonObject[]).filter((e) => e.name !== 'DATABASE_URL'),
        { name: 'DATABASE_URL', value: 'postgres://u:p@db/x' },
        { name: 'DB_URL', value: 'x' },
      ];
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
      (find(objs, 'Service', 'volunteers').spec as JsonObject).selector = {
        'app.kubernetes.io/name': 'nobody',
      };
    });
    expect(out).toMatch(/Service\/stations: targetPort web is not a container port/);
    expect(out).toMatch(/Service\/volunteers: selector matches 0 Deployments/);
  });

  it('rejects a reference to an undocumented Secret key or an unknown ConfigMap', () => {
    const out = problemsAfter((objs) => {
      const c = apiContainer(objs);
      (c.envFrom as JsonObject[]).push({
        configMapRef: { name: 'missing-config' },
      });
      (c.env as JsonObject[]).push({
        name: 'JWT_ISSUER',
        valueFrom: { secretKeyRef: { name: 'leifeng-secrets', key: 'ISSUER' } },
      });
    });
    expect(out).toMatch(/envFrom ConfigMap missing-config is not in the rendered set/);
    expect(out).toMatch(/key ISSUER is not in Secret leifeng-secrets/);
  });

  it('rejects a committed Secret with a real-looking value and a missing migrate Job', () => {
    const out = problemsAfter((objs) => {
      objs.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'oops', namespace: 'leifeng' },
        stringData: { JWT_SECRET: 'hunter2hunter2' },
      });
      objs.splice(objs.indexOf(find(objs, 'Job', 'notifications-migrate')), 1);
    });
    expect(out).toMatch(/Secret\/oops: committed Secret values must be CHANGE_ME placeholders/);
    expect(out).toMatch(/missing Job\/notifications-migrate/);
  });

  it('rejects an HPA whose target does not exist and an API left without one', () => {
    const out = problemsAfter((objs) => {
      (spec(find(objs, 'HorizontalPodAutoscaler', 'volunteers')).scaleTargetRef as JsonObject).name = 'volunteer';
    });
    expect(out).toMatch(/HorizontalPodAutoscaler\/volunteers: scaleTargetRef Deployment\/volunteer does not exist/);
    expect(out).toMatch(/Deployment\/volunteers: an API needs a HorizontalPodAutoscaler/);
  });

  it('rejects an HPA pointed at a worker, or without a memory metric', () => {
    const out = problemsAfter((objs) => {
      const hpa = spec(find(objs, 'HorizontalPodAutoscaler', 'gateway')) as JsonObject;
      hpa.metrics = (hpa.metrics as JsonObject[]).slice(0, 1);
      (spec(find(objs, 'HorizontalPodAutoscaler', 'stations')).scaleTargetRef as JsonObject).name = 'stations-worker';
    });
    expect(out).toMatch(/HorizontalPodAutoscaler\/gateway: needs a memory Utilization metric/);
    expect(out).toMatch(/HorizontalPodAutoscaler\/stations: targets Deployment\/stations-worker, which is not an API/);
  });

  it('rejects replicas on an autoscaled Deployment', () => {
    const out = problemsAfter((objs) => ((find(objs, 'Deployment', 'gateway').spec as JsonObject).replicas = 3));
    expect(out).toMatch(/Deployment\/gateway: sets replicas although HorizontalPodAutoscaler\/gateway scales it/);
  });

  it('rejects a ScaledObject without fallback or cpu trigger', () => {
    const out = problemsAfter((objs) => {
      delete (spec(find(objs, 'ScaledObject', 'notifications-worker')) as JsonObject).fallback;
      const so = spec(find(objs, 'ScaledObject', 'volunteers-worker')) as JsonObject;
      so.triggers = (so.triggers as JsonObject[]).filter((t) => t.type !== 'cpu');
    });
    expect(out).toMatch(/ScaledObject\/notifications-worker: needs a fallback/);
    expect(out).toMatch(/ScaledObject\/volunteers-worker: needs a cpu trigger/);
  });

  it('rejects a ScaledObject on a missing Deployment, a wrong wait list, or a missed queue', () => {
    const out = problemsAfter((objs) => {
      (spec(find(objs, 'ScaledObject', 'volunteers-worker')).scaleTargetRef as JsonObject).name = 'volunteers-workers';
      const so = spec(find(objs, 'ScaledObject', 'accreditation-worker')) as JsonObject;
      const triggers = so.triggers as {
        type: string;
        metadata: Record<string, string>;
      }[];
      triggers.find((t) => t.metadata.listName === 'leifeng:events-accreditation:wait')!.metadata.listName =
        'bull:events-accreditation:wait';
      so.triggers = triggers.filter((t) => t.metadata.listName !== 'leifeng:accreditation-review:wait') as never;
      so.minReplicaCount = 0;
    });
    expect(out).toMatch(
      /ScaledObject\/volunteers-worker: scaleTargetRef Deployment\/volunteers-workers does not exist/,
    );
    expect(out).toMatch(/Deployment\/volunteers-worker: a worker that consumes queues needs a ScaledObject/);
    expect(out).toMatch(/listName "bull:events-accreditation:wait" is not a wait list under BULLMQ_PREFIX/);
    expect(out).toMatch(/no redis trigger for queue\(s\) events-accreditation, accreditation-review/);
    expect(out).toMatch(/minReplicaCount must be >= 1/);
  });

  it('validates KEDA objects against the KEDA schemas', () => {
    const out = problemsAfter((objs) => {
      (spec(find(objs, 'ScaledObject', 'notifications-worker')).fallback as JsonObject).replicas = 'three';
    });
    expect(out).toMatch(/schema: ScaledObject\/notifications-worker: .*fallback\/replicas must be integer/);
  });

  it('rejects a KEDA Redis address that is not the REDIS_URL host:port', () => {
    const out = problemsAfter(
      (objs) => ((find(objs, 'ConfigMap', 'leifeng-keda').data as JsonObject).REDIS_ADDRESS = 'redis://redis:6379'),
    );
    expect(out).toMatch(
      /TriggerAuthentication\/leifeng-redis: address redis:\/\/redis:6379 .* is not the REDIS_URL host:port redis:6379/,
    );
  });

  it('rejects a missing or blocking PodDisruptionBudget', () => {
    const out = problemsAfter((objs) => {
      objs.splice(objs.indexOf(find(objs, 'PodDisruptionBudget', 'stations-worker')), 1);
      const pdb = spec(find(objs, 'PodDisruptionBudget', 'gateway')) as JsonObject;
      delete pdb.maxUnavailable;
      pdb.minAvailable = 3;
    });
    expect(out).toMatch(/Deployment\/stations-worker: no PodDisruptionBudget selects its pods/);
    expect(out).toMatch(
      /PodDisruptionBudget\/gateway: minAvailable 3 >= the 3 replica\(s\) Deployment\/gateway may run/,
    );
  });

  it('rejects Ingress backends that point at no Service or port, and short WebSocket timeouts', () => {
    const out = problemsAfter((objs) => {
      const ing = find(objs, 'Ingress', 'leifeng');
      const paths = (
        spec(ing).rules as {
          http: { paths: { backend: { service: JsonObject } }[] };
        }[]
      )[0].http.paths;
      paths[0].backend.service.port = { name: 'web' };
      paths[1].backend.service.name = 'notification';
      delete (ing.metadata.annotations as JsonObject)['nginx.ingress.kubernetes.io/proxy-read-timeout'];
    });
    expect(out).toMatch(/Ingress\/leifeng: path \/graphql: Service gateway has no port web/);
    expect(out).toMatch(/Ingress\/leifeng: path \/board: backend Service notification does not exist/);
    expect(out).toMatch(/proxy-read-timeout must be >= 300 s/);
  });
});
