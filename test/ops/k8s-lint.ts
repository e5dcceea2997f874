/**
 * Checks on a rendered set of Kubernetes objects, returned as a list of
 * human-readable problems (empty = fine), so a test shows every problem at once
 * and the negative tests can assert on a specific one.
 */
import {
  SECRET_EXAMPLE_FILE,
  EXTERNAL_SECRET,
  GATEWAY,
  PLACEHOLDER,
  SUBGRAPHS,
  WORKER_PORT,
  WORKER_QUEUES,
  allowedEnv,
  entryPoint,
  requiredEnv,
  waitList,
  type Role,
} from './contract';
import { schemaErrors } from './k8s-schema';
import { parseImage, type JsonObject, type K8sObject } from './kustomize-lite';

export const NAMESPACE = 'leifeng';

// Minimal shapes of the fields read here (the schema check covers the rest).
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}
interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: {
    requests?: Record<string, unknown>;
    limits?: Record<string, unknown>;
  };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; emptyDir?: unknown }[];
}
interface Workload {
  obj: K8sObject;
  role: Role;
  service: string;
  pod: PodSpec;
  podLabels: Record<string, string>;
}

export interface LintOptions {
  /** Keys documented in k8s/secrets.example.env, i.e. what leifeng-secrets holds. */
  externalSecretKeys: Set<string>;
}

const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const CREDENTIALS_IN_URL = /[a-z]+:\/\/[^\s/:@]+:[^\s/@]+@/i;

export function lintManifests(objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const schema = schemaErrors(objects);
  objects.forEach((o, i) => {
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(key)) problems.push(`${id(o)}: defined twice`);
    seen.add(key);
    if (schema[i]) problems.push(`schema: ${schema[i]}`);
    if (o.kind !== 'Namespace' && o.metadata.namespace !== NAMESPACE)
      problems.push(`${id(o)}: namespace is not ${NAMESPACE}`);
  });

  const workloads = objects.flatMap((o) => asWorkload(o, problems));
  problems.push(...expectedObjects(objects, workloads));
  for (const w of workloads) problems.push(...lintWorkload(w, objects, opts).map((p) => `${id(w.obj)}: ${p}`));
  for (const svc of objects.filter((o) => o.kind === 'Service'))
    problems.push(...lintService(svc, workloads).map((p) => `${id(svc)}: ${p}`));
  problems.push(...lintSecretsAndConfig(objects));
  problems.push(...lintAutoscaling(objects, workloads, opts));
  problems.push(...lintDisruptionBudgets(objects, workloads));
  for (const ing of objects.filter((o) => o.kind === 'Ingress'))
    problems.push(...lintIngress(ing, objects, opts).map((p) => `${id(ing)}: ${p}`));
  return problems;
}

function asWorkload(o: K8sObject, problems: string[]): Workload[] {
  if (o.kind !== 'Deployment' && o.kind !== 'Job') return [];
  const template = (o.spec as JsonObject | undefined)?.template as
    { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } | undefined;
  const podLabels = template?.metadata?.labels ?? {};
  const service = podLabels['app.kubernetes.io/name'];
  const component = podLabels['app.kubernetes.io/component'];
  if (!template?.spec?.containers || !service || !component) {
    problems.push(`${id(o)}: pod template needs containers and app.kubernetes.io/name + component labels`);
    return [];
  }
  const role: Role =
    o.kind === 'Job' ? 'migrate' : service === GATEWAY.name ? 'gateway' : component === 'worker' ? 'worker' : 'api';
  return [{ obj: o, role, service, pod: template.spec, podLabels }];
}

/** Each subgraph has API Deployment + Service, worker Deployment and migrate Job; the gateway a Deployment + Service. */
function expectedObjects(objects: K8sObject[], workloads: Workload[]): string[] {
  const problems: string[] = [];
  const has = (kind: string, name: string) => objects.some((o) => o.kind === kind && o.metadata.name === name);
  const expect = (kind: string, name: string, role?: Role) => {
    if (!has(kind, name)) problems.push(`missing ${kind}/${name}`);
    else if (role && !workloads.some((w) => w.obj.kind === kind && w.obj.metadata.name === name && w.role === role)) {
      problems.push(`${kind}/${name}: labels do not make it a ${role}`);
    }
  };
  for (const { name } of SUBGRAPHS) {
    expect('Deployment', name, 'api');
    expect('Service', name);
    expect('Deployment', `${name}-worker`, 'worker');
    expect('Job', `${name}-migrate`, 'migrate');
  }
  expect('Deployment', GATEWAY.name, 'gateway');
  expect('Service', GATEWAY.name);
  for (const name of [...SUBGRAPHS.map((s) => s.name), GATEWAY.name]) {
    expect('HorizontalPodAutoscaler', name);
    expect('PodDisruptionBudget', name);
  }
  for (const { name } of SUBGRAPHS) {
    expect('PodDisruptionBudget', `${name}-worker`);
    if (WORKER_QUEUES[name].length) expect('ScaledObject', `${name}-worker`);
  }
  expect('Ingress', INGRESS);
  expect('ConfigMap', 'leifeng-config');
  expect('Namespace', NAMESPACE);
  return problems;
}

function expectedPort(w: Workload): number | undefined {
  if (w.role === 'gateway') return GATEWAY.port;
  if (w.role === 'worker') return WORKER_PORT;
  if (w.role === 'api') return SUBGRAPHS.find((s) => s.name === w.service)?.port;
  return undefined;
}

function lintWorkload(w: Workload, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const spec = w.obj.spec as JsonObject;
  if (w.obj.kind === 'Deployment') {
    const selector = ((spec.selector as JsonObject | undefined)?.matchLabels ?? {}) as Record<string, string>;
    if (!Object.keys(selector).length || Object.entries(selector).some(([k, v]) => w.podLabels[k] !== v)) {
      problems.push('spec.selector.matchLabels must be non-empty and match the pod template labels');
    }
  } else {
    if (spec.backoffLimit === undefined) problems.push('Job needs backoffLimit');
    if (spec.ttlSecondsAfterFinished === undefined) problems.push('Job needs ttlSecondsAfterFinished');
    if (!['Never', 'OnFailure'].includes(w.pod.restartPolicy ?? ''))
      problems.push('Job pods need restartPolicy Never or OnFailure');
  }
  const podSec = w.pod.securityContext ?? {};
  if (podSec.runAsNonRoot !== true) problems.push('pod securityContext.runAsNonRoot must be true');
  if (!(typeof podSec.runAsUser === 'number' && podSec.runAsUser > 0)) {
    problems.push(
      'pod securityContext.runAsUser must be a non-zero uid (the image user is a name the kubelet cannot verify)',
    );
  }
  if (w.pod.containers.length !== 1) problems.push('expected exactly one container per pod');
  for (const c of w.pod.containers)
    problems.push(...lintContainer(c, w, objects, opts).map((p) => `container ${c.name}: ${p}`));
  return problems;
}

function lintContainer(c: Container, w: Workload, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  if (!c.image) problems.push('no image');
  else if (parseImage(c.image).name !== `leifeng/${w.service}`)
    problems.push(`image ${c.image} is not leifeng/${w.service}`);
  const entry = entryPoint(w.service, w.role);
  if (JSON.stringify(c.command) !== JSON.stringify(['node', entry]))
    problems.push(`command must be ["node", "${entry}"]`);

  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (c.resources?.[kind]?.[resource] === undefined) problems.push(`resources.${kind}.${resource} missing`);
    }
  }
  const sec = c.securityContext ?? {};
  if (sec.allowPrivilegeEscalation !== false) problems.push('securityContext.allowPrivilegeEscalation must be false');
  if (sec.readOnlyRootFilesystem !== true) problems.push('securityContext.readOnlyRootFilesystem must be true');
  if (sec.runAsNonRoot !== true) problems.push('securityContext.runAsNonRoot must be true');
  if (!sec.capabilities?.drop?.includes('ALL')) problems.push('securityContext.capabilities.drop must include ALL');
  // A read-only root needs a writable /tmp (Node and libraries write temp files there).
  const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
  if (!tmp || !w.pod.volumes?.some((v) => v.name === tmp.name && v.emptyDir))
    problems.push('/tmp must be an emptyDir mount');

  problems.push(...lintEnv(c, w, objects, opts));
  if (w.obj.kind === 'Deployment') problems.push(...lintProbes(c, w));
  return problems;
}

function lintProbes(c: Container, w: Workload): string[] {
  const problems: string[] = [];
  const http = c.ports?.find((p) => p.name === 'http');
  const want = expectedPort(w);
  if (!http || http.containerPort !== want) problems.push(`needs a port named http on ${want}`);
  const portEnv = c.env?.find((e) => e.name === 'PORT')?.value;
  if (http && portEnv !== String(http.containerPort))
    problems.push(`PORT env (${portEnv}) differs from the http port ${http.containerPort}`);
  const probes: [keyof Container, string][] = [
    ['startupProbe', '/healthz'],
    ['livenessProbe', '/healthz'],
    ['readinessProbe', '/readyz'],
  ];
  for (const [field, path] of probes) {
    const get = (c[field] as Probe | undefined)?.httpGet;
    if (!get) problems.push(`${field} must be an httpGet probe`);
    else {
      if (get.path !== path) problems.push(`${field} must GET ${path}, not ${get.path}`);
      if (!c.ports?.some((p) => p.name === get.port || p.containerPort === get.port))
        problems.push(`${field} port ${get.port} is not a container port`);
    }
  }
  return problems;
}

function lintEnv(c: Container, w: Workload, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const configMaps = new Map(
    objects
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => [o.metadata.name, (o.data ?? {}) as Record<string, string>]),
  );
  const secrets = new Map(
    objects
      .filter((o) => o.kind === 'Secret')
      .map((o) => [o.metadata.name, { ...(o.data as object), ...(o.stringData as object) } as Record<string, string>]),
  );
  const secretKeys = (name: string) =>
    secrets.has(name)
      ? new Set(Object.keys(secrets.get(name)!))
      : name === EXTERNAL_SECRET
        ? opts.externalSecretKeys
        : undefined;

  // Every name the process will see, and where it came from.
  const names = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) {
      const data = configMaps.get(from.configMapRef.name);
      if (!data) problems.push(`envFrom ConfigMap ${from.configMapRef.name} is not in the rendered set`);
      for (const key of Object.keys(data ?? {})) names.set(key, `ConfigMap ${from.configMapRef.name}`);
    }
    if (from.secretRef) {
      const keys = secretKeys(from.secretRef.name);
      if (!keys)
        problems.push(
          `envFrom Secret ${from.secretRef.name} is neither rendered nor the documented ${EXTERNAL_SECRET}`,
        );
      for (const key of keys ?? []) names.set(key, `Secret ${from.secretRef.name}`);
    }
  }
  const explicit = new Set<string>();
  for (const e of c.env ?? []) {
    if (explicit.has(e.name)) problems.push(`env ${e.name} listed twice`);
    explicit.add(e.name);
    names.set(e.name, 'env');
    if (e.value !== undefined && ['JWT_SECRET', 'DATABASE_URL'].includes(e.name))
      problems.push(`${e.name} must come from a Secret, not a literal`);
    const secretRef = e.valueFrom?.secretKeyRef;
    if (secretRef) {
      const keys = secretKeys(secretRef.name);
      if (!keys)
        problems.push(
          `env ${e.name}: Secret ${secretRef.name} is neither rendered nor the documented ${EXTERNAL_SECRET}`,
        );
      else if (!keys.has(secretRef.key))
        problems.push(
          `env ${e.name}: key ${secretRef.key} is not in Secret ${secretRef.name} (document it in ${SECRET_EXAMPLE_FILE})`,
        );
    }
    const cmRef = e.valueFrom?.configMapKeyRef;
    if (cmRef && !(cmRef.key in (configMaps.get(cmRef.name) ?? {})))
      problems.push(`env ${e.name}: ConfigMap ${cmRef.name} has no key ${cmRef.key}`);
  }

  const allowed = allowedEnv(w.role, w.service);
  for (const [name, source] of names)
    if (!allowed.has(name)) problems.push(`env ${name} (from ${source}) is not in the contract for a ${w.role}`);
  for (const name of requiredEnv(w.role))
    if (!names.has(name)) problems.push(`env ${name} is required for a ${w.role}`);

  // The pod must outlive the app's own graceful shutdown.
  const shutdownMs = Number(
    c.env?.find((e) => e.name === 'SHUTDOWN_TIMEOUT_MS')?.value ??
      configMaps.get('leifeng-config')?.SHUTDOWN_TIMEOUT_MS ??
      10000,
  );
  if ((w.pod.terminationGracePeriodSeconds ?? 30) * 1000 <= shutdownMs)
    problems.push(`terminationGracePeriodSeconds must exceed SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms)`);
  return problems;
}

function lintService(svc: K8sObject, workloads: Workload[]): string[] {
  const spec = svc.spec as {
    type?: string;
    selector?: Record<string, string>;
    ports?: { name?: string; port: number; targetPort?: string | number }[];
  };
  const selector = spec.selector ?? {};
  if (!Object.keys(selector).length) return ['needs a selector'];
  const backends = workloads.filter(
    (w) => w.obj.kind === 'Deployment' && Object.entries(selector).every(([k, v]) => w.podLabels[k] === v),
  );
  if (backends.length !== 1) return [`selector matches ${backends.length} Deployments, expected 1`];
  const problems: string[] = [];
  if ((spec.type ?? 'ClusterIP') !== 'ClusterIP') problems.push('type must be ClusterIP');
  const want = expectedPort(backends[0]);
  const ports = backends[0].pod.containers.flatMap((c) => c.ports ?? []);
  for (const p of spec.ports ?? []) {
    if (p.name !== 'http') problems.push(`port ${p.port} must be named http`);
    if (p.port !== want) problems.push(`port ${p.port} differs from the contract port ${want}`);
    const target = p.targetPort ?? p.port;
    if (!ports.some((cp) => cp.name === target || cp.containerPort === target))
      problems.push(`targetPort ${target} is not a container port of ${id(backends[0].obj)}`);
  }
  return problems;
}

/** No secret material in committed manifests: placeholders only, credentials never inline. */
function lintSecretsAndConfig(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Secret') {
      const values = [
        ...Object.values((o.data ?? {}) as Record<string, string>).map((v) =>
          Buffer.from(v, 'base64').toString('utf8'),
        ),
        ...Object.values((o.stringData ?? {}) as Record<string, string>),
      ];
      if (values.some((v) => !v.includes(PLACEHOLDER)))
        problems.push(`${id(o)}: committed Secret values must be ${PLACEHOLDER} placeholders`);
    }
    if (o.kind === 'ConfigMap') {
      for (const key of Object.keys((o.data ?? {}) as object)) {
        if (['JWT_SECRET', 'DATABASE_URL'].includes(key)) problems.push(`${id(o)}: ${key} belongs in a Secret`);
      }
    }
    if (o.kind !== 'Secret' && CREDENTIALS_IN_URL.test(JSON.stringify(o)))
      problems.push(`${id(o)}: contains a URL with credentials`);
  }
  return problems;
}

// ------------------------------------------------------------- autoscaling

export const INGRESS = 'leifeng';
/** Public paths and the Service behind each (k8s/base/ingress.yaml). */
export const INGRESS_ROUTES: Record<string, string> = {
  '/graphql': GATEWAY.name,
  '/board': 'notifications',
  '/.well-known/jwks.json': GATEWAY.name,
  '/': GATEWAY.name,
  '/assets': GATEWAY.name,
  '/explorer': GATEWAY.name,
  '/signin': GATEWAY.name,
  '/dashboard': GATEWAY.name,
  '/stations': GATEWAY.name,
  '/campaign': GATEWAY.name,
  '/my-station': GATEWAY.name,
  '/volunteers': GATEWAY.name,
  '/me': GATEWAY.name,
  '/checkin': GATEWAY.name,
  '/publicity': GATEWAY.name,
  '/export/stations': GATEWAY.name,
  '/verify': 'volunteers',
  '/certificates': 'volunteers',
};

interface ScaleTargetRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
}
interface HpaSpec {
  scaleTargetRef?: ScaleTargetRef;
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: {
    type: string;
    resource?: {
      name: string;
      target?: { type?: string; averageUtilization?: number };
    };
  }[];
}
interface Trigger {
  type: string;
  name?: string;
  metricType?: string;
  metadata?: Record<string, string>;
  authenticationRef?: { name?: string; kind?: string };
}
interface ScaledObjectSpec {
  scaleTargetRef?: ScaleTargetRef;
  minReplicaCount?: number;
  maxReplicaCount?: number;
  fallback?: {
    failureThreshold?: number;
    replicas?: number;
    behavior?: string;
  };
  triggers?: Trigger[];
}
interface AuthRef {
  parameter: string;
  name: string;
  key: string;
}

/** The Deployment an HPA or ScaledObject scales (both default to apps/v1 Deployment only in KEDA). */
function targetOf(ref: ScaleTargetRef | undefined, workloads: Workload[], kedaDefaults: boolean): Workload | string {
  const apiVersion = ref?.apiVersion ?? (kedaDefaults ? 'apps/v1' : undefined);
  const kind = ref?.kind ?? (kedaDefaults ? 'Deployment' : undefined);
  if (apiVersion !== 'apps/v1' || kind !== 'Deployment')
    return `scaleTargetRef must be an apps/v1 Deployment, not ${apiVersion} ${kind}`;
  const w = workloads.find((x) => x.obj.kind === 'Deployment' && x.obj.metadata.name === ref?.name);
  return w ?? `scaleTargetRef Deployment/${ref?.name} does not exist`;
}

function lintAutoscaling(objects: K8sObject[], workloads: Workload[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const scaledBy = new Map<string, string[]>(); // Deployment name -> autoscalers
  const config = (objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'leifeng-config')?.data ??
    {}) as Record<string, string>;
  const prefix = config.BULLMQ_PREFIX;

  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const spec = (hpa.spec ?? {}) as HpaSpec;
    const say = (p: string) => problems.push(`${id(hpa)}: ${p}`);
    const target = targetOf(spec.scaleTargetRef, workloads, false);
    if (typeof target === 'string') say(target);
    else {
      scaledBy.set(target.obj.metadata.name, [...(scaledBy.get(target.obj.metadata.name) ?? []), id(hpa)]);
      if (target.role !== 'api' && target.role !== 'gateway')
        say(`targets ${id(target.obj)}, which is not an API (workers scale through KEDA)`);
    }
    if (!(typeof spec.minReplicas === 'number' && spec.minReplicas >= 1)) say('minReplicas must be set and >= 1');
    if (!(typeof spec.maxReplicas === 'number' && spec.maxReplicas >= (spec.minReplicas ?? 1)))
      say('maxReplicas must be >= minReplicas');
    for (const resource of ['cpu', 'memory']) {
      const m = spec.metrics?.find((x) => x.type === 'Resource' && x.resource?.name === resource);
      if (!(m?.resource?.target?.type === 'Utilization' && (m.resource.target.averageUtilization ?? 0) > 0))
        say(`needs a ${resource} Utilization metric`);
    }
  }

  const auths = new Map(objects.filter((o) => o.kind === 'TriggerAuthentication').map((o) => [o.metadata.name, o]));
  for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
    const spec = (so.spec ?? {}) as ScaledObjectSpec;
    const say = (p: string) => problems.push(`${id(so)}: ${p}`);
    const target = targetOf(spec.scaleTargetRef, workloads, true);
    if (typeof target === 'string') say(target);
    else {
      scaledBy.set(target.obj.metadata.name, [...(scaledBy.get(target.obj.metadata.name) ?? []), id(so)]);
      if (target.role !== 'worker') say(`targets ${id(target.obj)}, which is not a worker`);
    }
    const min = spec.minReplicaCount ?? 0;
    const max = spec.maxReplicaCount ?? 100;
    // Every worker also runs its service's outbox relay: scaling to zero would stop events.
    if (min < 1) say('minReplicaCount must be >= 1 (the worker also relays the outbox)');
    if (max < min) say('maxReplicaCount must be >= minReplicaCount');
    const fb = spec.fallback;
    if (!fb) say('needs a fallback (replicas to run while the queue metrics cannot be read)');
    else {
      if (!(typeof fb.failureThreshold === 'number' && fb.failureThreshold >= 1))
        say('fallback.failureThreshold must be >= 1');
      if (!(typeof fb.replicas === 'number' && fb.replicas >= min && fb.replicas <= max))
        say(`fallback.replicas must lie within ${min}..${max}`);
    }
    const triggers = spec.triggers ?? [];
    const cpu = triggers.find((t) => t.type === 'cpu');
    if (!cpu) say('needs a cpu trigger (keeps scaling when Redis metrics fail)');
    else if (cpu.metricType !== 'Utilization' || !(Number(cpu.metadata?.value) > 0))
      say('cpu trigger must be metricType Utilization with a value');
    const queues: string[] = [];
    for (const t of triggers.filter((x) => x.type === 'redis')) {
      const listName = t.metadata?.listName ?? '';
      const queue =
        listName.startsWith(`${prefix}:`) && listName.endsWith(':wait')
          ? listName.slice(prefix.length + 1, -':wait'.length)
          : undefined;
      if (!queue)
        say(
          `redis trigger listName "${listName}" is not a wait list under BULLMQ_PREFIX (${waitList(prefix, '<queue>')})`,
        );
      else queues.push(queue);
      if (!(Number.isInteger(Number(t.metadata?.listLength)) && Number(t.metadata?.listLength) > 0))
        say(`redis trigger ${listName}: listLength must be a positive integer`);
      // Fallback only covers AverageValue metrics; KEDA rejects it for Value.
      if ((t.metricType ?? 'AverageValue') !== 'AverageValue')
        say(`redis trigger ${listName}: metricType must be AverageValue for the fallback to apply`);
      if (t.metadata?.address || t.metadata?.password)
        say(`redis trigger ${listName}: address/password come from a TriggerAuthentication, not metadata`);
      const auth = t.authenticationRef?.name;
      if (t.authenticationRef?.kind && t.authenticationRef.kind !== 'TriggerAuthentication')
        say(`redis trigger ${listName}: only namespaced TriggerAuthentication is expected`);
      if (!auth || !auths.has(auth)) {
        if (!t.metadata?.addressFromEnv)
          say(`redis trigger ${listName}: authenticationRef ${auth} is not a rendered TriggerAuthentication`);
      } else {
        const authSpec = (auths.get(auth)!.spec ?? {}) as {
          configMapTargetRef?: AuthRef[];
          secretTargetRef?: AuthRef[];
        };
        const params = [...(authSpec.configMapTargetRef ?? []), ...(authSpec.secretTargetRef ?? [])].map(
          (r) => r.parameter,
        );
        if (!params.includes('address') && !(params.includes('host') && params.includes('port')))
          say(`redis trigger ${listName}: TriggerAuthentication/${auth} gives no address (or host + port)`);
      }
    }
    if (typeof target !== 'string') {
      const want = WORKER_QUEUES[target.service as keyof typeof WORKER_QUEUES] ?? [];
      const missing = want.filter((q) => !queues.includes(q));
      const extra = queues.filter((q) => !want.includes(q));
      if (missing.length)
        say(`no redis trigger for queue(s) ${missing.join(', ')} that ${target.obj.metadata.name} consumes`);
      if (extra.length)
        say(`redis trigger(s) on ${extra.join(', ')}, which ${target.obj.metadata.name} does not consume`);
    }
  }

  for (const w of workloads.filter((x) => x.obj.kind === 'Deployment')) {
    const by = scaledBy.get(w.obj.metadata.name) ?? [];
    if (by.length > 1) problems.push(`${id(w.obj)}: scaled by ${by.join(' and ')}; one autoscaler per Deployment`);
    if (by.length && (w.obj.spec as JsonObject).replicas !== undefined) {
      problems.push(
        `${id(w.obj)}: sets replicas although ${by[0]} scales it (kubectl apply would fight the autoscaler)`,
      );
    }
    if ((w.role === 'api' || w.role === 'gateway') && !by.length)
      problems.push(`${id(w.obj)}: an API needs a HorizontalPodAutoscaler`);
    if (w.role === 'worker' && WORKER_QUEUES[w.service as keyof typeof WORKER_QUEUES]?.length && !by.length)
      problems.push(`${id(w.obj)}: a worker that consumes queues needs a ScaledObject`);
  }

  for (const auth of auths.values())
    problems.push(...lintTriggerAuth(auth, objects, config, opts).map((p) => `${id(auth)}: ${p}`));
  return problems;
}

function lintTriggerAuth(
  auth: K8sObject,
  objects: K8sObject[],
  config: Record<string, string>,
  opts: LintOptions,
): string[] {
  const problems: string[] = [];
  const spec = (auth.spec ?? {}) as {
    configMapTargetRef?: AuthRef[];
    secretTargetRef?: AuthRef[];
  };
  for (const ref of spec.configMapTargetRef ?? []) {
    const data = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name)?.data as
      Record<string, string> | undefined;
    if (!data) problems.push(`configMapTargetRef ${ref.parameter}: ConfigMap ${ref.name} is not in the rendered set`);
    else if (!(ref.key in data))
      problems.push(`configMapTargetRef ${ref.parameter}: ConfigMap ${ref.name} has no key ${ref.key}`);
    else if (ref.parameter === 'address') {
      // KEDA's redis scaler wants host:port; it must be the Redis the processes use.
      const url = new URL(config.REDIS_URL ?? 'redis://missing');
      const expected = `${url.hostname}:${url.port || '6379'}`;
      if (data[ref.key] !== expected)
        problems.push(`address ${data[ref.key]} (ConfigMap ${ref.name}) is not the REDIS_URL host:port ${expected}`);
    }
    if (['password', 'username'].includes(ref.parameter))
      problems.push(`${ref.parameter} must come from a Secret, not a ConfigMap`);
  }
  for (const ref of spec.secretTargetRef ?? []) {
    const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.name === ref.name);
    const keys = rendered
      ? Object.keys({
          ...(rendered.data as object),
          ...(rendered.stringData as object),
        })
      : ref.name === EXTERNAL_SECRET
        ? [...opts.externalSecretKeys]
        : undefined;
    if (!keys)
      problems.push(
        `secretTargetRef ${ref.parameter}: Secret ${ref.name} is neither rendered nor the documented ${EXTERNAL_SECRET}`,
      );
    else if (!keys.includes(ref.key))
      problems.push(`secretTargetRef ${ref.parameter}: key ${ref.key} is not in Secret ${ref.name}`);
  }
  return problems;
}

/** Every API and worker Deployment has exactly one PDB, and no PDB can block a drain for good. */
function lintDisruptionBudgets(objects: K8sObject[], workloads: Workload[]): string[] {
  const problems: string[] = [];
  const deployments = workloads.filter((w) => w.obj.kind === 'Deployment');
  const covered = new Map<string, string[]>();
  const minOf = (w: Workload): number => {
    const hpa = objects.find(
      (o) => o.kind === 'HorizontalPodAutoscaler' && (o.spec as HpaSpec).scaleTargetRef?.name === w.obj.metadata.name,
    );
    if (hpa) return (hpa.spec as HpaSpec).minReplicas ?? 1;
    const so = objects.find(
      (o) => o.kind === 'ScaledObject' && (o.spec as ScaledObjectSpec).scaleTargetRef?.name === w.obj.metadata.name,
    );
    if (so) return (so.spec as ScaledObjectSpec).minReplicaCount ?? 0;
    return ((w.obj.spec as JsonObject).replicas as number | undefined) ?? 1;
  };
  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const spec = (pdb.spec ?? {}) as {
      selector?: {
        matchLabels?: Record<string, string>;
        matchExpressions?: unknown[];
      };
      minAvailable?: number | string;
      maxUnavailable?: number | string;
    };
    const say = (p: string) => problems.push(`${id(pdb)}: ${p}`);
    const selector = spec.selector?.matchLabels ?? {};
    if (spec.selector?.matchExpressions || !Object.keys(selector).length) {
      say('selector must be non-empty matchLabels');
      continue;
    }
    const matched = deployments.filter((w) => Object.entries(selector).every(([k, v]) => w.podLabels[k] === v));
    if (matched.length !== 1) {
      say(`selector matches ${matched.length} Deployments, expected 1`);
      continue;
    }
    covered.set(matched[0].obj.metadata.name, [...(covered.get(matched[0].obj.metadata.name) ?? []), id(pdb)]);
    if (spec.minAvailable === undefined && spec.maxUnavailable === undefined)
      say('needs maxUnavailable or minAvailable');
    if (spec.maxUnavailable !== undefined && (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%'))
      say('maxUnavailable 0 blocks every drain');
    if (typeof spec.minAvailable === 'number' && spec.minAvailable >= minOf(matched[0])) {
      say(
        `minAvailable ${spec.minAvailable} >= the ${minOf(matched[0])} replica(s) ${id(matched[0].obj)} may run: drains would block`,
      );
    }
  }
  for (const w of deployments) {
    const by = covered.get(w.obj.metadata.name) ?? [];
    if (!by.length) problems.push(`${id(w.obj)}: no PodDisruptionBudget selects its pods`);
    if (by.length > 1)
      problems.push(`${id(w.obj)}: selected by ${by.join(' and ')}; the eviction API refuses pods with several PDBs`);
  }
  return problems;
}

// ------------------------------------------------------------------ ingress

function lintIngress(ing: K8sObject, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const spec = (ing.spec ?? {}) as {
    ingressClassName?: string;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: {
      host?: string;
      http?: {
        paths?: {
          path?: string;
          pathType?: string;
          backend?: {
            service?: {
              name: string;
              port?: { name?: string; number?: number };
            };
          };
        }[];
      };
    }[];
  };
  const routes = new Map<string, string>();
  for (const rule of spec.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const svcRef = p.backend?.service;
      if (!svcRef) {
        problems.push(`path ${p.path}: backend must be a Service`);
        continue;
      }
      routes.set(p.path ?? '', svcRef.name);
      const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === svcRef.name);
      if (!svc) {
        problems.push(`path ${p.path}: backend Service ${svcRef.name} does not exist`);
        continue;
      }
      const ports = ((svc.spec as JsonObject).ports ?? []) as {
        name?: string;
        port: number;
      }[];
      const ok = ports.some((sp) =>
        svcRef.port?.name !== undefined ? sp.name === svcRef.port.name : sp.port === svcRef.port?.number,
      );
      if (!ok)
        problems.push(`path ${p.path}: Service ${svcRef.name} has no port ${svcRef.port?.name ?? svcRef.port?.number}`);
      // `/` only Exact (the console's index page): a `/` Prefix would expose /metrics, /healthz, /readyz.
      if (p.path === '/' ? p.pathType !== 'Exact' : p.pathType !== 'Prefix')
        problems.push(
          `path ${p.path}: pathType must be ${p.path === '/' ? 'Exact' : 'Prefix (subpaths like /board/stations/:id)'}`,
        );
    }
  }
  for (const [path, service] of Object.entries(INGRESS_ROUTES)) {
    if (routes.get(path) !== service)
      problems.push(`must route ${path} to Service ${service}, not ${routes.get(path)}`);
  }
  for (const path of routes.keys())
    if (!(path in INGRESS_ROUTES))
      problems.push(`exposes ${path}, which is not public (only ${Object.keys(INGRESS_ROUTES).join(', ')})`);

  if (!spec.tls?.length) problems.push('needs a tls section');
  const hosts = (spec.rules ?? []).map((r) => r.host);
  for (const host of hosts)
    if (!host || !spec.tls?.some((t) => t.hosts?.includes(host)))
      problems.push(`host ${host ?? '(any)'} is not covered by a tls entry`);
  for (const t of spec.tls ?? []) {
    if (!t.secretName) problems.push('tls entry needs a secretName');
    // The certificate is created per cluster (or by cert-manager); a rendered one would be committed.
    else if (objects.some((o) => o.kind === 'Secret' && o.metadata.name === t.secretName))
      problems.push(`tls Secret ${t.secretName} must not be committed`);
    else if (t.secretName === EXTERNAL_SECRET || opts.externalSecretKeys.has(t.secretName))
      problems.push(`tls Secret ${t.secretName} must be a kubernetes.io/tls Secret of its own`);
  }

  // WebSocket subscriptions on /graphql: ingress-nginx closes proxied connections idle for
  // proxy-read-timeout (60 s default), which would drop quiet subscriptions every minute.
  if (spec.ingressClassName === 'nginx') {
    const annotations = (ing.metadata.annotations ?? {}) as Record<string, string>;
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
      const value = Number(annotations[`nginx.ingress.kubernetes.io/${key}`]);
      if (!(value >= 300))
        problems.push(`nginx.ingress.kubernetes.io/${key} must be >= 300 s for WebSocket subscriptions`);
    }
  }
  return problems;
}
