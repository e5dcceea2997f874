/**
 * Checks on a rendered set of Kubernetes objects, returned as a list of
 * human-readable problems (empty = fine), so a test shows every problem at once
 * and the negative tests can assert on a specific one.
 */
import { SECRET_EXAMPLE_FILE, EXTERNAL_SECRET, GATEWAY, PLACEHOLDER, SUBGRAPHS, WORKER_PORT, allowedEnv, entryPoint, requiredEnv, type Role } from './contract';
import { validateSchema } from './k8s-schema';
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
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
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
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(key)) problems.push(`${id(o)}: defined twice`);
    seen.add(key);
    try {
      validateSchema(o);
    } catch (err) {
      problems.push(`schema: ${(err as Error).message}`);
    }
    if (o.kind !== 'Namespace' && o.metadata.namespace !== NAMESPACE) problems.push(`${id(o)}: namespace is not ${NAMESPACE}`);
  }

  const workloads = objects.flatMap((o) => asWorkload(o, problems));
  problems.push(...expectedObjects(objects, workloads));
  for (const w of workloads) problems.push(...lintWorkload(w, objects, opts).map((p) => `${id(w.obj)}: ${p}`));
  for (const svc of objects.filter((o) => o.kind === 'Service')) problems.push(...lintService(svc, workloads).map((p) => `${id(svc)}: ${p}`));
  problems.push(...lintSecretsAndConfig(objects));
  return problems;
}

function asWorkload(o: K8sObject, problems: string[]): Workload[] {
  if (o.kind !== 'Deployment' && o.kind !== 'Job') return [];
  const template = (o.spec as JsonObject | undefined)?.template as { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } | undefined;
  const podLabels = template?.metadata?.labels ?? {};
  const service = podLabels['app.kubernetes.io/name'];
  const component = podLabels['app.kubernetes.io/component'];
  if (!template?.spec?.containers || !service || !component) {
    problems.push(`${id(o)}: pod template needs containers and app.kubernetes.io/name + component labels`);
    return [];
  }
  const role: Role = o.kind === 'Job' ? 'migrate' : service === GATEWAY.name ? 'gateway' : component === 'worker' ? 'worker' : 'api';
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
    if (!['Never', 'OnFailure'].includes(w.pod.restartPolicy ?? '')) problems.push('Job pods need restartPolicy Never or OnFailure');
  }
  const podSec = w.pod.securityContext ?? {};
  if (podSec.runAsNonRoot !== true) problems.push('pod securityContext.runAsNonRoot must be true');
  if (!(typeof podSec.runAsUser === 'number' && podSec.runAsUser > 0)) {
    problems.push('pod securityContext.runAsUser must be a non-zero uid (the image user is a name the kubelet cannot verify)');
  }
  if (w.pod.containers.length !== 1) problems.push('expected exactly one container per pod');
  for (const c of w.pod.containers) problems.push(...lintContainer(c, w, objects, opts).map((p) => `container ${c.name}: ${p}`));
  return problems;
}

function lintContainer(c: Container, w: Workload, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  if (!c.image) problems.push('no image');
  else if (parseImage(c.image).name !== `leifeng/${w.service}`) problems.push(`image ${c.image} is not leifeng/${w.service}`);
  const entry = entryPoint(w.service, w.role);
  if (JSON.stringify(c.command) !== JSON.stringify(['node', entry])) problems.push(`command must be ["node", "${entry}"]`);

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
  if (!tmp || !w.pod.volumes?.some((v) => v.name === tmp.name && v.emptyDir)) problems.push('/tmp must be an emptyDir mount');

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
  if (http && portEnv !== String(http.containerPort)) problems.push(`PORT env (${portEnv}) differs from the http port ${http.containerPort}`);
  const probes: [keyof Container, string][] = [['startupProbe', '/healthz'], ['livenessProbe', '/healthz'], ['readinessProbe', '/readyz']];
  for (const [field, path] of probes) {
    const get = (c[field] as Probe | undefined)?.httpGet;
    if (!get) problems.push(`${field} must be an httpGet probe`);
    else {
      if (get.path !== path) problems.push(`${field} must GET ${path}, not ${get.path}`);
      if (!c.ports?.some((p) => p.name === get.port || p.containerPort === get.port)) problems.push(`${field} port ${get.port} is not a container port`);
    }
  }
  return problems;
}

function lintEnv(c: Container, w: Workload, objects: K8sObject[], opts: LintOptions): string[] {
  const problems: string[] = [];
  const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, (o.data ?? {}) as Record<string, string>]));
  const secrets = new Map(objects.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, { ...(o.data as object), ...(o.stringData as object) } as Record<string, string>]));
  const secretKeys = (name: string) => (secrets.has(name) ? new Set(Object.keys(secrets.get(name)!)) : name === EXTERNAL_SECRET ? opts.externalSecretKeys : undefined);

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
      if (!keys) problems.push(`envFrom Secret ${from.secretRef.name} is neither rendered nor the documented ${EXTERNAL_SECRET}`);
      for (const key of keys ?? []) names.set(key, `Secret ${from.secretRef.name}`);
    }
  }
  const explicit = new Set<string>();
  for (const e of c.env ?? []) {
    if (explicit.has(e.name)) problems.push(`env ${e.name} listed twice`);
    explicit.add(e.name);
    names.set(e.name, 'env');
    if (e.value !== undefined && ['JWT_SECRET', 'DATABASE_URL'].includes(e.name)) problems.push(`${e.name} must come from a Secret, not a literal`);
    const secretRef = e.valueFrom?.secretKeyRef;
    if (secretRef) {
      const keys = secretKeys(secretRef.name);
      if (!keys) problems.push(`env ${e.name}: Secret ${secretRef.name} is neither rendered nor the documented ${EXTERNAL_SECRET}`);
      else if (!keys.has(secretRef.key)) problems.push(`env ${e.name}: key ${secretRef.key} is not in Secret ${secretRef.name} (document it in ${SECRET_EXAMPLE_FILE})`);
    }
    const cmRef = e.valueFrom?.configMapKeyRef;
    if (cmRef && !(cmRef.key in (configMaps.get(cmRef.name) ?? {}))) problems.push(`env ${e.name}: ConfigMap ${cmRef.name} has no key ${cmRef.key}`);
  }

  const allowed = allowedEnv(w.role);
  for (const [name, source] of names) if (!allowed.has(name)) problems.push(`env ${name} (from ${source}) is not in the contract for a ${w.role}`);
  for (const name of requiredEnv(w.role)) if (!names.has(name)) problems.push(`env ${name} is required for a ${w.role}`);

  // The pod must outlive the app's own graceful shutdown.
  const shutdownMs = Number(c.env?.find((e) => e.name === 'SHUTDOWN_TIMEOUT_MS')?.value ?? configMaps.get('leifeng-config')?.SHUTDOWN_TIMEOUT_MS ?? 10000);
  if ((w.pod.terminationGracePeriodSeconds ?? 30) * 1000 <= shutdownMs) problems.push(`terminationGracePeriodSeconds must exceed SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms)`);
  return problems;
}

function lintService(svc: K8sObject, workloads: Workload[]): string[] {
  const spec = svc.spec as { type?: string; selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: string | number }[] };
  const selector = spec.selector ?? {};
  if (!Object.keys(selector).length) return ['needs a selector'];
  const backends = workloads.filter((w) => w.obj.kind === 'Deployment' && Object.entries(selector).every(([k, v]) => w.podLabels[k] === v));
  if (backends.length !== 1) return [`selector matches ${backends.length} Deployments, expected 1`];
  const problems: string[] = [];
  if ((spec.type ?? 'ClusterIP') !== 'ClusterIP') problems.push('type must be ClusterIP');
  const want = expectedPort(backends[0]);
  const ports = backends[0].pod.containers.flatMap((c) => c.ports ?? []);
  for (const p of spec.ports ?? []) {
    if (p.name !== 'http') problems.push(`port ${p.port} must be named http`);
    if (p.port !== want) problems.push(`port ${p.port} differs from the contract port ${want}`);
    const target = p.targetPort ?? p.port;
    if (!ports.some((cp) => cp.name === target || cp.containerPort === target)) problems.push(`targetPort ${target} is not a container port of ${id(backends[0].obj)}`);
  }
  return problems;
}

/** No secret material in committed manifests: placeholders only, credentials never inline. */
function lintSecretsAndConfig(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Secret') {
      const values = [
        ...Object.values((o.data ?? {}) as Record<string, string>).map((v) => Buffer.from(v, 'base64').toString('utf8')),
        ...Object.values((o.stringData ?? {}) as Record<string, string>),
      ];
      if (values.some((v) => !v.includes(PLACEHOLDER))) problems.push(`${id(o)}: committed Secret values must be ${PLACEHOLDER} placeholders`);
    }
    if (o.kind === 'ConfigMap') {
      for (const key of Object.keys((o.data ?? {}) as object)) {
        if (['JWT_SECRET', 'DATABASE_URL'].includes(key)) problems.push(`${id(o)}: ${key} belongs in a Secret`);
      }
    }
    if (o.kind !== 'Secret' && CREDENTIALS_IN_URL.test(JSON.stringify(o))) problems.push(`${id(o)}: contains a URL with credentials`);
  }
  return problems;
}
