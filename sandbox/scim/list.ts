// GET /Users and POST /Users/.search (RFC 7644 sections 3.4.2 and 3.4.3):
// filter, sort, page, project. One pass over the users in the requested order.
import { invalidSyntax, invalidValue } from './errors';
import { collectValues, compileFilter, type Predicate } from './filter-eval';
import { parseFilter } from './filter';
import { project, splitList } from './projection';
import type { Json } from './resource';
import { lastDef, resolvePath, type ResolvedPath } from './schema';
import type { UserRecord, UserStore } from './store';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const MAX_RESULTS = 200;
const DEFAULT_COUNT = 100;

export type ListQuery = {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: number;
  count?: number;
  attributes?: string[];
  excludedAttributes?: string[];
};

function integer(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^[+-]?\d{1,15}$/.test(raw.trim())) return Number(raw);
  throw invalidValue(`"${name}" must be an integer, got ${JSON.stringify(raw)}`);
}

export function queryFromParams(params: URLSearchParams): ListQuery {
  return {
    filter: params.get('filter') ?? undefined,
    sortBy: params.get('sortBy') ?? undefined,
    sortOrder: params.get('sortOrder') ?? undefined,
    startIndex: integer('startIndex', params.get('startIndex')),
    count: integer('count', params.get('count')),
    attributes: splitList(params.get('attributes')),
    excludedAttributes: splitList(params.get('excludedAttributes')),
  };
}

export function queryFromSearchBody(body: unknown): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidSyntax('The search request must be a JSON object');
  const b = body as Json;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(SEARCH_SCHEMA)) throw invalidSyntax(`"schemas" must include "${SEARCH_SCHEMA}"`);
  const str = (name: string): string | undefined => {
    const v = b[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalidValue(`"${name}" must be a string`);
    return v;
  };
  const strList = (name: string): string[] | undefined => {
    const v = b[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return splitList(v);
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw invalidValue(`"${name}" must be an array of strings`);
    return v as string[];
  };
  return {
    filter: str('filter'),
    sortBy: str('sortBy'),
    sortOrder: str('sortOrder'),
    startIndex: integer('startIndex', b.startIndex),
    count: integer('count', b.count),
    attributes: strList('attributes'),
    excludedAttributes: strList('excludedAttributes'),
  };
}

type SortKey = string | number | undefined;

function sortKeyOf(r: UserRecord, path: ResolvedPath): SortKey {
  const def = lastDef(path);
  let keys = path.keys;
  let values: unknown[];
  if (def.type === 'complex' && def.multiValued) {
    // Multi-valued: sort by the primary value, else the first (RFC 7644 section 3.4.2.3).
    const items = collectValues(r.resource, keys) as Json[];
    const chosen = items.find((i) => i.primary === true) ?? items[0];
    values = chosen ? [chosen.value] : [];
    keys = [...keys, 'value'];
  } else {
    values = collectValues(r.resource, keys);
  }
  const v = values[0];
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v === '') return undefined;
  if (keys.length === 1 && keys[0] === 'userName') return r.userNameLower;
  return def.caseExact ? v : v.toLowerCase();
}

const sortCache = new WeakMap<UserStore, { generation: number; orders: Map<string, readonly UserRecord[]> }>();

/** Sorted users, cached per store until its next write; missing values last, ties by id. */
function sortedUsers(store: UserStore, path: ResolvedPath, descending: boolean): readonly UserRecord[] {
  let cache = sortCache.get(store);
  if (!cache || cache.generation !== store.generation) {
    cache = { generation: store.generation, orders: new Map() };
    sortCache.set(store, cache);
  }
  const cacheKey = `${path.keys.join('.')}|${descending}`;
  const hit = cache.orders.get(cacheKey);
  if (hit) return hit;
  const keyed = store.all().map((r) => ({ r, k: sortKeyOf(r, path) }));
  const dir = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) {
      if (a.k === b.k) return a.r.seq - b.r.seq;
      return a.k === undefined ? 1 : -1;
    }
    if (a.k < b.k) return -dir;
    if (a.k > b.k) return dir;
    return a.r.seq - b.r.seq;
  });
  const order = keyed.map((x) => x.r);
  cache.orders.set(cacheKey, order);
  return order;
}

export type ListResponse = {
  schemas: [string];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources?: Json[];
};

export function listUsers(store: UserStore, q: ListQuery): ListResponse {
  const predicate: Predicate | undefined = q.filter !== undefined ? compileFilter(parseFilter(q.filter)) : undefined;
  let order: readonly UserRecord[] = store.all();
  if (q.sortBy !== undefined && q.sortBy !== '') {
    const path = resolvePath(q.sortBy);
    if (!path || (lastDef(path).type === 'complex' && !lastDef(path).multiValued)) throw invalidValue(`Cannot sort by "${q.sortBy}"`);
    const sortOrder = (q.sortOrder ?? 'ascending').toLowerCase();
    if (sortOrder !== 'ascending' && sortOrder !== 'descending') throw invalidValue('"sortOrder" must be "ascending" or "descending"');
    order = sortedUsers(store, path, sortOrder === 'descending');
  }
  // RFC 7644 section 3.4.2.4: startIndex < 1 means 1; negative count means 0.
  const startIndex = Math.max(1, q.startIndex ?? 1);
  const count = Math.min(MAX_RESULTS, Math.max(0, q.count ?? DEFAULT_COUNT));
  const page: UserRecord[] = [];
  let total = 0;
  for (const r of order) {
    if (predicate && !predicate(r)) continue;
    total += 1;
    if (total >= startIndex && page.length < count) page.push(r);
  }
  const response: ListResponse = { schemas: [LIST_SCHEMA], totalResults: total, itemsPerPage: page.length, startIndex };
  // count=0 asks for totalResults only (RFC 7644 section 3.4.2.4), so Resources is left out.
  if (count > 0) response.Resources = page.map((r) => project(r.resource, q));
  return response;
}
