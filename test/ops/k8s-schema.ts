/**
 * JSON-schema validation of rendered objects with kubernetes-models (the
 * Kubernetes OpenAPI schemas compiled to validators). Each apiVersion/kind the
 * manifests may contain must be listed here; an unknown one is an error, so a
 * new kind cannot slip through unvalidated.
 *
 * Caveat: these schemas, like the API server's, allow unknown fields, so a
 * misspelt optional key (`readinesProbe`) passes here; k8s-lint.ts asserts the
 * fields that matter explicitly.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { K8sObject } from './kustomize-lite';

type ModelClass = new (data: never) => { validate(): void };

const MODELS: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

/** Throws with the schema errors (instance paths included) when `obj` is invalid. */
export function validateSchema(obj: K8sObject): void {
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) throw new Error(`no schema registered for ${obj.apiVersion} ${obj.kind} (add it to test/ops/k8s-schema.ts)`);
  try {
    new Model(obj as never).validate();
  } catch (err) {
    throw new Error(`${obj.kind}/${obj.metadata?.name}: ${(err as Error).message}`);
  }
}
