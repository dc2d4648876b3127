// The users list's state lives in the URL (q, status, startIndex, count), so
// reload, Back and shared links keep it. Parsing is per field and forgiving:
// a bad value falls back to its default instead of failing the page.
import { userListParamsSchema, type UserListParams } from '@/lib/users/types';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const LIST_STATE_KEY = 'scim-console:users-list';

type SearchSource = { get(name: string): string | null };

function field<K extends keyof UserListParams>(key: K, raw: string | null): UserListParams[K] {
  const schema = userListParamsSchema.shape[key];
  const parsed = schema.safeParse(raw ?? undefined);
  return (parsed.success ? parsed.data : schema.parse(undefined)) as UserListParams[K];
}

export function parseListParams(search: SearchSource, maxResults: number): UserListParams {
  const count = Math.min(field('count', search.get('count')), Math.max(1, maxResults));
  return {
    q: field('q', search.get('q')),
    status: field('status', search.get('status')),
    startIndex: field('startIndex', search.get('startIndex')),
    count,
  };
}

/** The query string for `params`, leaving defaults out so URLs stay short. */
export function listQueryString(params: UserListParams): string {
  const defaults = userListParamsSchema.parse({});
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.status !== defaults.status) search.set('status', params.status);
  if (params.startIndex !== defaults.startIndex) search.set('startIndex', String(params.startIndex));
  if (params.count !== defaults.count) search.set('count', String(params.count));
  const query = search.toString();
  return query ? `?${query}` : '';
}

/** Page sizes offered: the usual ones the provider allows, plus the current one. */
export function pageSizes(maxResults: number, current: number): number[] {
  const sizes = new Set<number>(PAGE_SIZES.filter((n) => n <= maxResults));
  if (sizes.size === 0) sizes.add(Math.max(1, maxResults));
  sizes.add(current);
  return [...sizes].sort((a, b) => a - b);
}
