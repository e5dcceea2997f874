// Validates KEDA objects with @kubernetes-models/keda, which ships as ES modules only
// (Jest's CommonJS runtime cannot load it). Used by k8s-schema.ts through a child process:
// stdin  a JSON array of objects;  stdout  a JSON array, per object null or the error message.
import { readFileSync } from 'node:fs';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';

const MODELS = {
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = objects.map((obj) => {
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) return `no KEDA model for ${obj.apiVersion} ${obj.kind}`;
  try {
    new Model(obj).validate();
    return null;
  } catch (err) {
    return err.message;
  }
});
process.stdout.write(JSON.stringify(results));
