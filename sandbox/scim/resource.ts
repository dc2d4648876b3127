// Validates and canonicalises a client's User representation against the schema:
// attribute names case-insensitive, "True"/"False" accepted for booleans (Azure
// sends them), null/empty meaning "no value", unknown and read-only attributes
// dropped (RFC 7643 section 2.5, 7644 section 3.3).
import { invalidSyntax, invalidValue } from './errors';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, writableRoots, type AttrDef } from './schema';

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function normalizeValue(def: AttrDef, value: unknown, where: string): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (def.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const out = items.map((item, i) => normalizeSingle(def, item, `${where}[${i}]`)).filter((v) => v !== undefined);
    return out.length > 0 ? out : undefined;
  }
  if (Array.isArray(value)) throw invalidValue(`"${where}" takes a single value, not an array`);
  return normalizeSingle(def, value, where);
}

function normalizeSingle(def: AttrDef, value: unknown, where: string): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  switch (def.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw invalidValue(`"${where}" must be a boolean, got ${JSON.stringify(value)}`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw invalidValue(`"${where}" must be an integer`);
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
      throw invalidValue(`"${where}" must be an RFC 3339 dateTime`);
    case 'complex': {
      // A bare string for a complex attribute with "value" (Azure's manager) means {value}.
      if (typeof value === 'string' && def.subAttributes?.some((d) => d.name === 'value')) value = { value };
      if (!isObject(value)) throw invalidValue(`"${where}" must be an object`);
      const out = normalizeObject(def.subAttributes ?? [], value, where);
      return Object.keys(out).length > 0 ? out : undefined;
    }
    default:
      if (typeof value !== 'string') throw invalidValue(`"${where}" must be a string, got ${JSON.stringify(value)}`);
      return value;
  }
}

function normalizeObject(defs: AttrDef[], input: Json, where: string): Json {
  const byLower = new Map(Object.keys(input).map((k) => [k.toLowerCase(), k]));
  const out: Json = {};
  for (const def of defs) {
    if (def.mutability === 'readOnly' || def.mutability === 'writeOnly') continue;
    const key = byLower.get(def.name.toLowerCase());
    if (key === undefined) continue;
    const value = normalizeValue(def, input[key], where ? `${where}.${def.name}` : def.name);
    if (value !== undefined) out[def.name] = value;
  }
  return out;
}

/** The writable attributes of a User, canonical, without id/meta/schemas. Throws invalidValue. */
export function normalizeUser(input: unknown): Json {
  if (!isObject(input)) throw invalidValue('The User must be a JSON object');
  const out = normalizeObject(writableRoots, input, '');
  if (typeof out.userName !== 'string' || out.userName.trim() === '') throw invalidValue('"userName" is required');
  return out;
}

export function schemasFor(user: Json): string[] {
  return user[ENTERPRISE_SCHEMA] !== undefined ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA];
}

/** RFC 7644 section 3.3: a created or replaced resource names its schemas. */
export function requireUserSchema(body: unknown): asserts body is Json {
  if (!isObject(body)) throw invalidSyntax('The User must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === USER_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`"schemas" must include "${USER_SCHEMA}"`);
  }
}
