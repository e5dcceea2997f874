/**
 * Kubernetes gives each process at least the variables compose gives it (compose is proven to start
 * every process in production: production-env.test.ts), and nothing the code does not read there.
 */
import { join } from 'node:path';
import { appServices, loadCompose } from './compose';
import { REPO_ROOT } from './contract';
import { render, type JsonObject, type K8sObject } from './kustomize-lite';

const ROLE_OF_COMPONENT: Record<string, string> = {
  api: '',
  worker: '-worker',
  migrate: '-migrate',
};

/** compose key (e.g. notifications-worker) → env names its k8s container gets (ConfigMap envFrom + env). */
function k8sEnvByProcess(objects: K8sObject[]): Map<string, Set<string>> {
  const configMaps = new Map(
    objects
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => [o.metadata.name, Object.keys((o.data as JsonObject) ?? {})]),
  );
  const result = new Map<string, Set<string>>();
  for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'Job')) {
    const labels = (o.metadata.labels ?? {}) as Record<string, string>;
    const name = labels['app.kubernetes.io/name'];
    const component = labels['app.kubernetes.io/component'];
    const key = name === 'gateway' ? 'gateway' : `${name}${ROLE_OF_COMPONENT[component] ?? `-${component}`}`;
    const pod = ((o.spec as JsonObject).template as JsonObject).spec as JsonObject;
    const names = new Set<string>();
    for (const c of pod.containers as JsonObject[]) {
      for (const from of (c.envFrom ?? []) as JsonObject[]) {
        const ref = from.configMapRef as JsonObject | undefined;
        if (ref) for (const k of configMaps.get(ref.name as string) ?? []) names.add(k);
      }
      for (const e of (c.env ?? []) as JsonObject[]) names.add(e.name as string);
    }
    result.set(key, names);
  }
  return result;
}

/**
 * The dev overlay verifies HS256 development tokens (manifests.test.ts) where compose, like prod, verifies
 * through identity's JWKS and gets SERVICE tokens from identity: those two names are prod-only.
 */
const NOT_IN: Record<string, string[]> = {
  'overlays/dev': ['JWT_JWKS_URL', 'SERVICE_TOKEN_URL'],
  'overlays/prod': [],
};

describe.each(['overlays/dev', 'overlays/prod'])('k8s/%s against docker-compose.yml', (tree) => {
  const k8s = k8sEnvByProcess(render(join(REPO_ROOT, 'k8s', tree)));
  const processes = appServices(loadCompose());

  it.each(processes.map((p) => [p.key, Object.keys(p.def.environment ?? {})] as const))(
    '%s gets every variable compose sets',
    (key, composeNames) => {
      const names = k8s.get(key);
      expect(names).toBeDefined();
      expect(composeNames.filter((n) => !names!.has(n) && !NOT_IN[tree].includes(n))).toEqual([]);
    },
  );
});
