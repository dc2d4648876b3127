// PATCH (RFC 7644 section 3.5.2) on a working copy: add/replace/remove, with or
// without "path", value paths like emails[type eq "work"].value. The caller saves
// only if every operation succeeds, so a PATCH is all or nothing.
import { invalidPath, invalidSyntax, invalidValue, ScimError } from './errors';
import { compileFilter } from './filter-eval';
import { parsePatchPath, type Filter, type PatchPath } from './filter';
import { normalizeUser, type Json } from './resource';
import { lastDef, type AttrDef, type ResolvedPath } from './schema';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Op = 'add' | 'replace' | 'remove';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const noTarget = (detail: string) => new ScimError(400, 'noTarget', detail);

/** Applies a PatchOp body to `current` (canonical writable attributes) and returns the validated result. */
export function applyPatch(current: Json, body: unknown): Json {
  if (!isObject(body)) throw invalidSyntax('The PATCH body must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA)) throw invalidSyntax(`"schemas" must include "${PATCH_SCHEMA}"`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax('"Operations" must be a non-empty array');
  const doc = structuredClone(current);
  operations.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.op !== 'string') throw invalidSyntax(`Operations[${index}] needs an "op"`);
    const op = raw.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Operations[${index}]: unknown op "${raw.op}"`);
    if (raw.path !== undefined && typeof raw.path !== 'string') throw invalidPath(`Operations[${index}]: "path" must be a string`);
    applyOperation(doc, op, raw.path, raw.value);
  });
  return normalizeUser(doc);
}

function applyOperation(doc: Json, op: Op, path: string | undefined, value: unknown): void {
  if (path === undefined) {
    if (op === 'remove') throw noTarget('A "remove" operation needs a "path"');
    if (!isObject(value)) throw invalidValue(`An "${op}" without "path" needs an object "value"`);
    for (const [key, v] of Object.entries(value)) {
      if (key === 'schemas') continue;
      const target = parsePatchPath(key);
      if (target.filter) throw invalidPath(`"${key}" cannot carry a value filter inside "value"`);
      checkWritable(target.path);
      set(doc, target, v, op);
    }
    return;
  }
  const target = parsePatchPath(path);
  checkWritable(target.sub ?? target.path);
  if (op === 'remove') remove(doc, target, value);
  else {
    if (value === undefined) throw invalidValue(`An "${op}" operation needs a "value"`);
    set(doc, target, value, op);
  }
}

function checkWritable(path: ResolvedPath): void {
  if (path.defs.some((d) => d.mutability === 'readOnly' || d.mutability === 'immutable')) {
    throw new ScimError(400, 'mutability', `"${path.text}" is read-only`);
  }
}

/** Visits every place `keys` lands in, fanning out across multi-valued parents; returns how many. */
function visit(node: Json, keys: string[], defs: AttrDef[], create: boolean, fn: (parent: Json, key: string) => void): number {
  const [key, ...rest] = keys;
  const def = defs[0];
  if (key === undefined || def === undefined) return 0;
  if (rest.length === 0) {
    fn(node, key);
    return 1;
  }
  let child = node[key];
  if (child === undefined || child === null) {
    if (!create || def.multiValued) return 0;
    child = node[key] = {};
  }
  const children = Array.isArray(child) ? child : [child];
  return children.reduce<number>((n, c) => n + (isObject(c) ? visit(c, rest, defs.slice(1), create, fn) : 0), 0);
}

/** Merges `value` into a complex attribute, mapping sub-attribute names case-insensitively onto the schema's. */
function merge(existing: unknown, value: Json, def: AttrDef): Json {
  const out: Json = isObject(existing) ? { ...existing } : {};
  for (const [k, v] of Object.entries(value)) {
    const sub = def.subAttributes?.find((d) => d.name.toLowerCase() === k.toLowerCase());
    out[sub?.name ?? k] = v;
  }
  return out;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function set(doc: Json, target: PatchPath, value: unknown, op: Op): void {
  const { path, filter, sub } = target;
  const def = lastDef(path);
  if (filter) {
    setFiltered(doc, path, filter, sub, value, op);
    return;
  }
  visit(doc, path.keys, path.defs, true, (parent, key) => {
    if (def.multiValued) {
      const incoming = Array.isArray(value) ? value : [value];
      const existing = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [];
      parent[key] = op === 'add' ? [...existing, ...incoming.filter((v) => !existing.some((e) => sameValue(e, v)))] : incoming;
    } else if (def.type === 'complex' && isObject(value)) {
      // RFC 7644: sub-attributes not named in the value are left unchanged, for add and replace alike.
      parent[key] = merge(parent[key], value, def);
    } else {
      parent[key] = value;
    }
  });
}

/** The attribute/value pairs of a filter made only of "eq" joined by "and"; used to create a missing element. */
function equalities(filter: Filter): Json | undefined {
  if (filter.kind === 'compare' && filter.op === 'eq') return { [lastDef(filter.path).name]: filter.value };
  if (filter.kind === 'and') {
    const l = equalities(filter.left);
    const r = equalities(filter.right);
    return l && r ? { ...l, ...r } : undefined;
  }
  return undefined;
}

function setFiltered(doc: Json, path: ResolvedPath, filter: Filter, sub: ResolvedPath | undefined, value: unknown, op: Op): void {
  const def = lastDef(path);
  const matches = compileFilter(filter, path.keys.length);
  const key = def.name;
  const container = path.keys.length === 1 ? doc : (doc[path.keys[0] as string] as Json | undefined);
  const list = isObject(container) && Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
  let hits = 0;
  const next = list.map((el) => {
    if (!isObject(el) || !matches({ resource: el })) return el;
    hits += 1;
    if (sub) return { ...el, [lastDef(sub).name]: value };
    if (!isObject(value)) throw invalidValue(`"${path.text}[…]" needs an object "value"`);
    return op === 'replace' ? merge({}, value, def) : merge(el, value, def);
  });
  if (hits === 0) {
    // Azure replaces emails[type eq "work"].value on a user without a work email: create it.
    const seed = equalities(filter);
    if (!seed) throw noTarget(`No value of "${path.text}" matches the filter`);
    if (sub) next.push({ ...seed, [lastDef(sub).name]: value });
    else if (isObject(value)) next.push(merge(seed, value, def));
    else throw invalidValue(`"${path.text}[…]" needs an object "value"`);
  }
  if (path.keys.length === 1) doc[key] = next;
  else throw invalidPath(`Value filters are supported on top-level attributes only`);
}

function remove(doc: Json, target: PatchPath, value: unknown): void {
  const { path, filter, sub } = target;
  const def = lastDef(path);
  if (filter) {
    if (path.keys.length !== 1) throw invalidPath('Value filters are supported on top-level attributes only');
    const matches = compileFilter(filter, path.keys.length);
    const list = Array.isArray(doc[def.name]) ? (doc[def.name] as unknown[]) : [];
    doc[def.name] = sub
      ? list.map((el) => {
          if (!isObject(el) || !matches({ resource: el })) return el;
          const rest = { ...el };
          delete rest[lastDef(sub).name];
          return rest;
        })
      : list.filter((el) => !(isObject(el) && matches({ resource: el })));
    return;
  }
  visit(doc, path.keys, path.defs, false, (parent, key) => {
    if (def.multiValued && value !== undefined && Array.isArray(parent[key])) {
      // Azure sends {"op":"Remove","path":"emails","value":[{"value":"x"}]}: remove just those.
      const drop = (Array.isArray(value) ? value : [value]).map((v) => (isObject(v) ? v.value : v));
      parent[key] = (parent[key] as unknown[]).filter((el) => {
        const v = isObject(el) ? el.value : el;
        return !drop.some((d) => typeof d === 'string' && typeof v === 'string' && d.toLowerCase() === v.toLowerCase());
      });
    } else {
      delete parent[key];
    }
  });
}
