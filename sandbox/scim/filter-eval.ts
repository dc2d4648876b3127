// Compiles a parsed filter into a predicate (RFC 7644 section 3.4.2.2 semantics):
// multi-valued attributes match if any value matches, "pr" is false for null or
// empty, strings compare case-insensitively unless the attribute is caseExact.
// Type mismatches (gt on a boolean, co on a date) are invalidFilter, as the RFC asks.
import { invalidFilter } from './errors';
import type { CompareOp, CompValue, Filter } from './filter';
import { lastDef, type AttrDef, type ResolvedPath } from './schema';

type Json = Record<string, unknown>;

/** What a predicate sees: the resource, plus lowercase copies the store keeps so hot compares skip toLowerCase. */
export type FilterTarget = { resource: Json; userNameLower?: string; emailsLower?: string[] };
export type Predicate = (target: FilterTarget) => boolean;

export function collectValues(node: unknown, keys: readonly string[], from = 0): unknown[] {
  const out: unknown[] = [];
  collectInto(node, keys, from, out);
  return out;
}

// Hot path at 100,000 users: no intermediate arrays.
function collectInto(node: unknown, keys: readonly string[], from: number, out: unknown[]): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collectInto(item, keys, from, out);
    return;
  }
  if (from === keys.length) {
    out.push(node);
    return;
  }
  if (typeof node !== 'object') return;
  collectInto((node as Json)[keys[from] as string], keys, from + 1, out);
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (typeof value === 'object') return Object.values(value as Json).some(isPresent);
  return true;
}

/** A complex attribute with a "value" sub-attribute compares through it (emails eq "x" means emails.value). */
function comparable(path: ResolvedPath): ResolvedPath {
  const def = lastDef(path);
  const value = def.type === 'complex' ? def.subAttributes?.find((d) => d.name === 'value') : undefined;
  if (!value) return path;
  return { keys: [...path.keys, 'value'], defs: [...path.defs, value], text: `${path.text}.value` };
}

function valueTest(def: AttrDef, op: CompareOp, value: CompValue, text: string, lowered = false): (v: unknown) => boolean {
  const fail = (why: string) => invalidFilter(`${why} ("${text} ${op} ${JSON.stringify(value)}")`);
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw fail('null can only be compared with eq or ne');
    // "eq null" means no value; the caller handles absence, so any present value fails.
    return () => false;
  }
  switch (def.type) {
    case 'complex':
      throw fail(`"${text}" is a complex attribute; compare one of its sub-attributes`);
    case 'boolean': {
      let b = value;
      if (typeof b === 'string' && /^(true|false)$/i.test(b)) b = b.toLowerCase() === 'true';
      if (typeof b !== 'boolean') throw fail(`"${text}" is a boolean`);
      if (op !== 'eq' && op !== 'ne') throw fail('Booleans can only be compared with eq or ne');
      return (v) => v === b;
    }
    case 'dateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw fail(`"${text}" needs an RFC 3339 dateTime`);
      if (op === 'co' || op === 'sw' || op === 'ew') throw fail('Dates can only be compared with eq ne gt ge lt le');
      const t = Date.parse(value);
      return (v) => typeof v === 'string' && order(Date.parse(v), t, op);
    }
    case 'integer': {
      if (typeof value !== 'number') throw fail(`"${text}" is a number`);
      if (op === 'co' || op === 'sw' || op === 'ew') throw fail('Numbers cannot be compared with co, sw or ew');
      return (v) => typeof v === 'number' && order(v, value, op);
    }
    default: {
      if (typeof value !== 'string') throw fail(`"${text}" is a string; quote the value`);
      const want = def.caseExact ? value : value.toLowerCase();
      const norm = def.caseExact || lowered ? (s: string) => s : (s: string) => s.toLowerCase();
      return (v) => typeof v === 'string' && stringTest(norm(v), want, op);
    }
  }
}

function stringTest(s: string, want: string, op: CompareOp): boolean {
  switch (op) {
    case 'co':
      return s.includes(want);
    case 'sw':
      return s.startsWith(want);
    case 'ew':
      return s.endsWith(want);
    default:
      return order(s, want, op);
  }
}

function order<T extends string | number>(a: T, b: T, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

/** `base` strips the keys of an enclosing value path, so sub-filters read the element itself. */
function compileNode(filter: Filter, base: number): Predicate {
  switch (filter.kind) {
    case 'and': {
      const l = compileNode(filter.left, base);
      const r = compileNode(filter.right, base);
      return (t) => l(t) && r(t);
    }
    case 'or': {
      const l = compileNode(filter.left, base);
      const r = compileNode(filter.right, base);
      return (t) => l(t) || r(t);
    }
    case 'not': {
      const e = compileNode(filter.expr, base);
      return (t) => !e(t);
    }
    case 'present': {
      const keys = filter.path.keys.slice(base);
      return (t) => collectValues(t.resource, keys).some(isPresent);
    }
    case 'valuePath': {
      const keys = filter.path.keys.slice(base);
      const inner = compileNode(filter.filter, base + keys.length);
      return (t) => collectValues(t.resource, keys).some((el) => typeof el === 'object' && el !== null && inner({ resource: el as Json }));
    }
    case 'compare': {
      const path = comparable(filter.path);
      const def = lastDef(path);
      const keys = path.keys.slice(base);
      const fast = fastGetter(keys, def);
      const test = valueTest(def, filter.op, filter.value, filter.path.text, fast !== undefined);
      const getter = fast ?? ((t: FilterTarget) => collectValues(t.resource, keys));
      const matchesAny = (t: FilterTarget) => getter(t).some(test);
      if (filter.value === null) {
        const present = (t: FilterTarget) => collectValues(t.resource, keys).some(isPresent);
        return filter.op === 'eq' ? (t) => !present(t) : present;
      }
      // "ne" is the negation of "eq": a user without the attribute is "not equal".
      if (filter.op === 'ne') {
        const eqTest = valueTest(def, 'eq', filter.value, filter.path.text, fast !== undefined);
        return (t) => !getter(t).some(eqTest);
      }
      return matchesAny;
    }
  }
}

const lowerAll = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v));

/** Reads the store's precomputed lowercase userName and email values; the getter's output is already lowercase. */
function fastGetter(keys: string[], def: AttrDef): ((t: FilterTarget) => unknown[]) | undefined {
  if (def.caseExact) return undefined;
  const joined = keys.join('.');
  if (joined === 'userName') {
    return (t) => (t.userNameLower !== undefined ? [t.userNameLower] : lowerAll(collectValues(t.resource, keys)));
  }
  if (joined === 'emails.value') {
    return (t) => t.emailsLower ?? lowerAll(collectValues(t.resource, keys));
  }
  return undefined;
}

/** `base`: for a value filter taken out of its path (PATCH), the depth of that path, so it reads elements. */
export function compileFilter(filter: Filter, base = 0): Predicate {
  return compileNode(filter, base);
}
