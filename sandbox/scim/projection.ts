// attributes / excludedAttributes (RFC 7644 section 3.4.2.5). "schemas" and "id"
// are always returned; unknown names are ignored rather than failing the request.
import type { Json } from './resource';
import { resolvePath } from './schema';

export type Projection = { attributes?: string[]; excludedAttributes?: string[] };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function copyPath(src: unknown, dst: Json, keys: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined || !isObject(src) || src[key] === undefined) return;
  const value = src[key];
  if (rest.length === 0) {
    dst[key] = value;
  } else if (Array.isArray(value)) {
    const target = Array.isArray(dst[key]) ? (dst[key] as Json[]) : value.map(() => ({}));
    value.forEach((item, i) => copyPath(item, target[i] as Json, rest));
    dst[key] = target;
  } else if (isObject(value)) {
    const target = isObject(dst[key]) ? (dst[key] as Json) : {};
    copyPath(value, target, rest);
    dst[key] = target;
  }
}

function dropPath(node: unknown, keys: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined || !isObject(node)) return;
  if (rest.length === 0) {
    delete node[key];
    return;
  }
  const child = node[key];
  (Array.isArray(child) ? child : [child]).forEach((c) => dropPath(c, rest));
}

export function project(resource: Json, p: Projection): Json {
  if (p.attributes && p.attributes.length > 0) {
    const out: Json = { schemas: resource.schemas, id: resource.id };
    for (const name of p.attributes) {
      const path = resolvePath(name.trim());
      if (path) copyPath(resource, out, path.keys);
    }
    return out;
  }
  if (p.excludedAttributes && p.excludedAttributes.length > 0) {
    const out = structuredClone(resource);
    for (const name of p.excludedAttributes) {
      const path = resolvePath(name.trim());
      if (path && path.keys[0] !== 'id') dropPath(out, path.keys);
    }
    return out;
  }
  return resource;
}

/** "a, b,c" → ["a","b","c"]. */
export const splitList = (v: string | null | undefined): string[] | undefined =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
