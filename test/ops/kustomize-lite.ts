/**
 * A deliberately small kustomize renderer, so the k8s/ tree can be rendered and
 * validated in Node without the kustomize binary.
 *
 * It implements ONLY the features k8s/ uses, and throws on anything else, so it
 * can never silently render something different from `kubectl kustomize`:
 *   resources   files (multi-document YAML) and directories with a kustomization.yaml
 *   namespace   sets metadata.namespace (the Namespace object itself must already match)
 *   labels      pairs added to metadata.labels only (no includeSelectors/includeTemplates)
 *   images      name -> newName/newTag/digest on pod-template containers
 *   patches     strategic-merge patches from files, matched by the patch's kind+name,
 *               or by `target` (kind, exact name, equality label selector); lists merge
 *               only as listed in MERGE_KEYS / ATOMIC_LISTS
 * Transformers run in kustomize's order: patches, namespace, labels, images.
 * kustomize-lite.test.ts compares the output with `kubectl kustomize` when available.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  } & JsonObject;
}

interface Target {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  labels?: {
    pairs: Record<string, string>;
    includeSelectors?: boolean;
    includeTemplates?: boolean;
  }[];
  images?: {
    name: string;
    newName?: string;
    newTag?: string;
    digest?: string;
  }[];
  patches?: { path: string; target?: Target }[];
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);
const CLUSTER_SCOPED_KINDS = new Set(['Namespace']);

export function parseYamlDocuments(text: string, source: string): Json[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS() as Json;
    return value === null || value === undefined ? [] : [value];
  });
}

/** Renders the kustomization in `dir` (like `kubectl kustomize dir`). */
export function render(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  let objects = (k.resources ?? []).flatMap((entry) => loadResource(resolve(dir, entry)));

  for (const patch of k.patches ?? []) objects = applyPatchFile(objects, join(dir, patch.path), patch.target);
  if (k.namespace !== undefined) setNamespace(objects, k.namespace);
  for (const label of k.labels ?? []) addLabels(objects, label);
  for (const image of k.images ?? []) setImage(objects, image);
  return objects;
}

function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  const [k] = parseYamlDocuments(readFileSync(file, 'utf8'), file) as unknown as Kustomization[];
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') {
    throw new Error(`${file}: expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  }
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length) throw new Error(`${file}: kustomize-lite does not implement ${unsupported.join(', ')}`);
  for (const label of k.labels ?? []) {
    if (label.includeSelectors || label.includeTemplates) {
      throw new Error(`${file}: kustomize-lite implements labels on metadata only`);
    }
  }
  return k;
}

function loadResource(path: string): K8sObject[] {
  if (statSync(path).isDirectory()) return render(path);
  return parseYamlDocuments(readFileSync(path, 'utf8'), path).map((doc) => {
    const obj = doc as K8sObject;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name)
      throw new Error(`${path}: a document lacks apiVersion, kind or metadata.name`);
    return obj;
  });
}

// ------------------------------------------------------------------ patches

function applyPatchFile(objects: K8sObject[], file: string, target?: Target): K8sObject[] {
  const patches = parseYamlDocuments(readFileSync(file, 'utf8'), file) as K8sObject[];
  for (const patch of patches) {
    const matches = target
      ? objects.filter((o) => matchesTarget(o, target))
      : objects.filter(
          (o) => o.apiVersion === patch.apiVersion && o.kind === patch.kind && o.metadata.name === patch.metadata?.name,
        );
    if (!matches.length) throw new Error(`${file}: patch matches no resource`);
    if (target?.kind && patch.kind !== target.kind)
      throw new Error(`${file}: patch kind ${patch.kind} differs from target kind ${target.kind}`);
    // With a target, kustomize ignores the patch's own metadata.name.
    const { metadata: { name: _ignored, ...patchMeta } = {} as K8sObject['metadata'], ...rest } = patch;
    const body = { ...rest, metadata: patchMeta } as JsonObject;
    objects = objects.map((o) =>
      matches.includes(o) ? (strategicMerge(o, body, '', ATOMIC_LISTS[o.kind]) as K8sObject) : o,
    );
  }
  return objects;
}

function matchesTarget(o: K8sObject, target: Target): boolean {
  const unsupported = Object.keys(target).filter((key) => !['kind', 'name', 'labelSelector'].includes(key));
  if (unsupported.length)
    throw new Error(`kustomize-lite: patch target field(s) ${unsupported.join(', ')} not implemented`);
  if (target.kind !== undefined && o.kind !== target.kind) return false;
  if (target.name !== undefined) {
    // kustomize treats target.name as a regular expression; only plain names are allowed here.
    if (!/^[a-z0-9.-]+$/.test(target.name))
      throw new Error(`kustomize-lite: target name "${target.name}" must be a plain name`);
    if (o.metadata.name !== target.name) return false;
  }
  return target.labelSelector === undefined || matchesSelector(o.metadata.labels ?? {}, target.labelSelector);
}

/** Equality-based selectors only: `k=v`, `k==v`, `k!=v`, comma-separated (all must hold). */
export function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  return selector.split(',').every((term) => {
    const m = /^\s*([\w./-]+)\s*(==|!=|=)\s*([\w.-]*)\s*$/.exec(term);
    if (!m) throw new Error(`kustomize-lite: label selector term "${term}" not implemented`);
    const [, key, op, value] = m;
    return op === '!=' ? labels[key] !== value : labels[key] === value;
  });
}

/** Lists that strategic merge combines item-by-item, by this key (all others would be replaced). */
const MERGE_KEYS: Record<string, string> = { containers: 'name' };

/**
 * Lists a patch replaces whole, per kind and path: the OpenAPI marks them
 * `x-kubernetes-list-type: atomic` (no merge key), which is what kustomize does with them.
 */
export const ATOMIC_LISTS: Record<string, ReadonlySet<string>> = {
  Ingress: new Set(['spec.rules', 'spec.tls']),
};

/**
 * Strategic merge of `patch` into `base` for the subset used here: maps merge
 * recursively, `null` deletes a key, scalars replace, `containers` merge by
 * name and the `atomic` paths (ATOMIC_LISTS of the object's kind) are replaced.
 * Any other list in a patch throws: real SMP would merge many of them by their
 * own keys (env by name, ports by containerPort...), which is not implemented.
 */
export function strategicMerge(
  base: Json | undefined,
  patch: Json,
  path: string,
  atomic: ReadonlySet<string> = new Set(),
): Json {
  if (Array.isArray(patch)) {
    if (atomic.has(path)) return patch;
    const key = MERGE_KEYS[path.split('.').pop() ?? ''];
    if (!key) throw new Error(`kustomize-lite: list at ${path || '<root>'} in a patch is not implemented`);
    const merged = Array.isArray(base) ? [...base] : [];
    for (const item of patch) {
      const id = (item as JsonObject)[key];
      const i = merged.findIndex((m) => (m as JsonObject)[key] === id);
      if (i >= 0) merged[i] = strategicMerge(merged[i], item, `${path}[${String(id)}]`, atomic);
      else merged.push(item);
    }
    return merged;
  }
  if (patch === null || typeof patch !== 'object') return patch;
  const out: JsonObject = base && typeof base === 'object' && !Array.isArray(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new Error(`kustomize-lite: directive ${key} at ${path} is not implemented`);
    if (value === null) delete out[key];
    else out[key] = strategicMerge(out[key], value, path ? `${path}.${key}` : key, atomic);
  }
  return out;
}

// --------------------------------------------------- namespace, labels, images

function setNamespace(objects: K8sObject[], namespace: string): void {
  for (const o of objects) {
    if (!CLUSTER_SCOPED_KINDS.has(o.kind)) o.metadata.namespace = namespace;
    // kustomize renames Namespace objects to the kustomization's namespace; only allow a no-op.
    else if (o.kind === 'Namespace' && o.metadata.name !== namespace) {
      throw new Error(`kustomize-lite: Namespace ${o.metadata.name} would be renamed to ${namespace}`);
    }
  }
}

function addLabels(objects: K8sObject[], label: { pairs: Record<string, string> }): void {
  for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...label.pairs };
}

/** Splits `registry:5000/repo/name:tag@sha256:...` into name, tag and digest. */
export function parseImage(image: string): {
  name: string;
  tag?: string;
  digest?: string;
} {
  const [rest, digest] = image.split('@');
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  return colon > slash ? { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest } : { name: rest, digest };
}

function setImage(
  objects: K8sObject[],
  rule: { name: string; newName?: string; newTag?: string; digest?: string },
): void {
  for (const container of podContainers(objects)) {
    const current = parseImage(String(container.image ?? ''));
    if (current.name !== rule.name) continue;
    const name = rule.newName ?? current.name;
    if (rule.digest) container.image = `${name}@${rule.digest}`;
    else if (rule.newTag) container.image = `${name}:${rule.newTag}`;
    else
      container.image = [name, current.tag && `:${current.tag}`, current.digest && `@${current.digest}`]
        .filter(Boolean)
        .join('');
  }
}

/** Containers and init containers of every pod template (Deployments, Jobs...). */
export function podContainers(objects: K8sObject[]): JsonObject[] {
  return objects.flatMap((o) => {
    const pod = ((o.spec as JsonObject | undefined)?.template as JsonObject | undefined)?.spec as
      JsonObject | undefined;
    if (!pod) return [];
    return [
      ...((pod.initContainers as JsonObject[] | undefined) ?? []),
      ...((pod.containers as JsonObject[] | undefined) ?? []),
    ];
  });
}
