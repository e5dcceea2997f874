/**
 * JSON-schema validation of rendered objects with kubernetes-models (the
 * Kubernetes OpenAPI schemas compiled to validators) and @kubernetes-models/keda
 * (KEDA's CRDs). Each apiVersion/kind the manifests may contain must be listed
 * here; an unknown one is an error, so a new kind cannot slip through unvalidated.
 *
 * The KEDA models are ES modules only, which Jest's CommonJS runtime cannot load:
 * they run in a child `node` (keda-validate.mjs), once per batch, results cached.
 *
 * Caveat: these schemas, like the API server's, allow unknown fields, so a
 * misspelt optional key (`readinesProbe`) passes here; k8s-lint.ts asserts the
 * fields that matter explicitly.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { K8sObject } from './kustomize-lite';

type ModelClass = new (data: never) => { validate(): void };

const MODELS: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

/** Validated by keda-validate.mjs (keep both lists in step). */
const KEDA_KINDS = new Set(['keda.sh/v1alpha1/ScaledObject', 'keda.sh/v1alpha1/TriggerAuthentication']);
const KEDA_VALIDATOR = join(__dirname, 'keda-validate.mjs');
const kedaCache = new Map<string, string | null>();

const typeOf = (obj: K8sObject) => `${obj.apiVersion}/${obj.kind}`;
const label = (obj: K8sObject) => `${obj.kind}/${obj.metadata?.name}`;

function kedaErrors(objects: K8sObject[]): void {
  const todo = [...new Set(objects.map((o) => JSON.stringify(o)).filter((json) => !kedaCache.has(json)))];
  if (!todo.length) return;
  const out = spawnSync(process.execPath, [KEDA_VALIDATOR], {
    input: `[${todo.join(',')}]`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (out.status !== 0)
    throw new Error(`keda-validate.mjs failed (${out.status ?? out.signal}): ${out.stderr || out.error?.message}`);
  const results = JSON.parse(out.stdout) as (string | null)[];
  todo.forEach((json, i) => kedaCache.set(json, results[i]));
}

/** Per object, undefined when valid or the schema errors (instance paths included). One child process per call at most. */
export function schemaErrors(objects: K8sObject[]): (string | undefined)[] {
  kedaErrors(objects.filter((o) => KEDA_KINDS.has(typeOf(o))));
  return objects.map((obj) => {
    if (KEDA_KINDS.has(typeOf(obj))) {
      const err = kedaCache.get(JSON.stringify(obj));
      return err ? `${label(obj)}: ${err}` : undefined;
    }
    const Model = MODELS[typeOf(obj)];
    if (!Model) return `no schema registered for ${obj.apiVersion} ${obj.kind} (add it to test/ops/k8s-schema.ts)`;
    try {
      new Model(obj as never).validate();
      return undefined;
    } catch (err) {
      return `${label(obj)}: ${(err as Error).message}`;
    }
  });
}

/** Throws with the schema errors (instance paths included) when `obj` is invalid. */
export function validateSchema(obj: K8sObject): void {
  const [err] = schemaErrors([obj]);
  if (err) throw new Error(err);
}
