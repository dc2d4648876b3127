// The users list's state lives in the URL (q, status, startIndex, count, sortBy, sortOrder, after), so
// reload, Back and shared links keep it. Parsing is per field and forgiving:
// a bad value falls back to its default instead of failing the page.
// Plain validators, not zod (which would add about 20 kB gzip to every page):
// each accepts exactly what lib/server/api/schemas.ts#userListParamsSchema
// accepts for its field (lib/server/api/schemas.test.ts checks that).
import {
  SORT_ORDERS,
  USER_LIST_DEFAULTS,
  USER_LIST_LIMITS,
  USER_SORT_BYS,
  USER_STATUSES,
  type UserListParams,
  type UserPage,
  type UserSortBy,
} from '@/lib/users/types';

const PAGE_SIZES = [10, 25, 50, 100] as const;
export const LIST_STATE_KEY = 'scim-console:users-list';

type SearchSource = { get(name: string): string | null };

/** As zod's z.coerce.number().int().min(min).max(max): Number(raw), whole and in range. */
function boundedInt(raw: string, min: number, max: number): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], raw: string): T | undefined {
  return (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

const FIELDS: { [K in keyof UserListParams]-?: (raw: string) => UserListParams[K] | undefined } = {
  q: (raw) => {
    const q = raw.trim();
    return q.length <= USER_LIST_LIMITS.qMaxLength ? q : undefined;
  },
  status: (raw) => oneOf(USER_STATUSES, raw),
  startIndex: (raw) => boundedInt(raw, 1, USER_LIST_LIMITS.startIndexMax),
  count: (raw) => boundedInt(raw, 1, USER_LIST_LIMITS.countMax),
  sortBy: (raw) => oneOf(USER_SORT_BYS, raw),
  sortOrder: (raw) => oneOf(SORT_ORDERS, raw),
  after: (raw) => (raw.length <= USER_LIST_LIMITS.afterMaxLength ? raw : undefined),
};

const DEFAULTS: Partial<UserListParams> = USER_LIST_DEFAULTS;

/** One URL parameter: its value when the API would accept it, else the API's default (undefined where it has none). */
export function parseListField<K extends keyof UserListParams>(key: K, raw: string | null): UserListParams[K] {
  return ((raw === null ? undefined : FIELDS[key](raw)) ?? DEFAULTS[key]) as UserListParams[K];
}

const field = parseListField;

/** `maxResults` is the provider's page-size cap; until it is known, the URL's count goes out and the server caps it. */
export function parseListParams(search: SearchSource, maxResults?: number): UserListParams {
  const requested = field('count', search.get('count'));
  const count = maxResults === undefined ? requested : Math.min(requested, Math.max(1, maxResults));
  return {
    q: field('q', search.get('q')),
    status: field('status', search.get('status')),
    startIndex: field('startIndex', search.get('startIndex')),
    count,
    ...parseSort(search),
    ...(search.get('after') ? { after: field('after', search.get('after')) } : {}),
  };
}

/** A sortBy outside the whitelist means no sort; a sortOrder without a sortBy means nothing. */
function parseSort(search: SearchSource): Pick<UserListParams, 'sortBy' | 'sortOrder'> {
  const sortBy = field('sortBy', search.get('sortBy'));
  if (!sortBy) return {};
  return { sortBy, sortOrder: field('sortOrder', search.get('sortOrder')) ?? 'ascending' };
}

/** The sort after activating `column`'s header: ascending first, then it flips. */
export function nextSort(
  params: Pick<UserListParams, 'sortBy' | 'sortOrder'>,
  column: UserSortBy,
): Required<Pick<UserListParams, 'sortBy' | 'sortOrder'>> {
  const ascending = params.sortBy !== column || params.sortOrder === 'descending';
  return { sortBy: column, sortOrder: ascending ? 'ascending' : 'descending' };
}

/** The query string for `params`, leaving defaults out so URLs stay short. */
export function listQueryString(params: UserListParams): string {
  const defaults = USER_LIST_DEFAULTS;
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.status !== defaults.status) search.set('status', params.status);
  if (params.startIndex !== defaults.startIndex) search.set('startIndex', String(params.startIndex));
  if (params.count !== defaults.count) search.set('count', String(params.count));
  if (params.sortBy) {
    search.set('sortBy', params.sortBy);
    if (params.sortOrder === 'descending') search.set('sortOrder', 'descending');
  }
  if (params.after) search.set('after', params.after);
  const query = search.toString();
  return query ? `?${query}` : '';
}

/** Page sizes offered: the usual ones the provider allows (all of them until its cap is known), plus the current one. */
export function pageSizes(maxResults: number | undefined, current: number): number[] {
  const cap = maxResults ?? Number.POSITIVE_INFINITY;
  const sizes = new Set<number>(PAGE_SIZES.filter((n) => n <= cap));
  if (sizes.size === 0) sizes.add(Math.max(1, cap));
  sizes.add(current);
  return [...sizes].sort((a, b) => a - b);
}

export type PageNavigation = {
  /** "Showing first–last of total"; 0–0 when the page is empty. */
  first: number;
  last: number;
  total: number;
  /** Where Previous and Next lead; null where there is no such page. */
  previousStartIndex: number | null;
  nextStartIndex: number | null;
};

/**
 * Counted from the rows the provider returned, not the count asked for: a
 * provider may return fewer (its maxResults), and advancing by `count` would
 * skip the rows in between.
 */
export function pageNavigation(page: Pick<UserPage, 'startIndex' | 'totalResults'> & { shown: number }, count: number): PageNavigation {
  const { startIndex, shown, totalResults: total } = page;
  const next = startIndex + shown;
  const nextStartIndex = shown > 0 && next <= total ? next : null;
  // A full page shorter than asked for shows the provider's real page size: step back by that.
  const step = shown > 0 && shown < count && nextStartIndex !== null ? shown : count;
  return {
    first: shown > 0 ? startIndex : 0,
    last: shown > 0 ? startIndex + shown - 1 : 0,
    total,
    previousStartIndex: startIndex > 1 ? Math.max(1, startIndex - step) : null,
    nextStartIndex,
  };
}

/**
 * The keyset cursors (`after`) for the page at `startIndex`, reached from the page on
 * screen: forward adds this page's last id (to a fresh trail unless this page was itself
 * read by keyset), back drops the last one. The server uses the last cursor only when the
 * provider refuses the startIndex (docs/decisions/0053-deep-pages-by-keyset.md).
 */
export function cursorsFor(
  params: Pick<UserListParams, 'startIndex' | 'after'>,
  page: { users: readonly { id: string }[]; keyset?: boolean },
  startIndex: number,
): string | undefined {
  if (startIndex <= 1) return undefined;
  const trail = params.after ? params.after.split(',') : [];
  if (startIndex < params.startIndex) return trail.slice(0, -1).join(',') || undefined;
  const last = page.users.at(-1)?.id;
  if (!last) return undefined;
  return [...(page.keyset ? trail : []), last].join(',');
}
