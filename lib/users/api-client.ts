// The users feature's calls to the console's API, through the one fetch wrapper.
import { apiRequest } from '@/lib/api-request';
import type {
  ActivationBody,
  CapabilitiesResponse,
  ChangeReasonBody,
  HistoryResponse,
  User,
  UserCounts,
  UserListParams,
  UserPage,
} from './types';

export const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/**
 * The version the admin saw, as If-Match. Sent whatever the provider supports:
 * the API compares it itself and forwards it only where the provider has ETags.
 */
const ifMatch = (version: string | null) => (version ? { 'If-Match': version } : undefined);

/** What the provider supports (discovery) and what the console knows of it beyond that (its profile). */
export function fetchCapabilities(signal?: AbortSignal): Promise<CapabilitiesResponse> {
  return apiRequest<CapabilitiesResponse>('/api/capabilities', { signal });
}

/** GET /api/users for `params`: the browser's call, and the page's server-side read of the same list. */
export function usersApiPath(params: UserListParams): string {
  const search = new URLSearchParams({
    q: params.q,
    status: params.status,
    startIndex: String(params.startIndex),
    count: String(params.count),
  });
  if (params.sortBy) {
    search.set('sortBy', params.sortBy);
    if (params.sortOrder) search.set('sortOrder', params.sortOrder);
  }
  // Only the page's own cursor: the earlier ones matter to Previous, in the page's URL.
  const cursor = params.after?.split(',').at(-1);
  if (cursor) search.set('after', cursor);
  return `/api/users?${search}`;
}

export function fetchUsers(params: UserListParams, signal?: AbortSignal): Promise<UserPage> {
  return apiRequest<UserPage>(usersApiPath(params), { signal });
}

export function fetchUserCounts(q: string, signal?: AbortSignal): Promise<UserCounts> {
  return apiRequest<UserCounts>(`/api/users/counts?${new URLSearchParams({ q })}`, { signal });
}

export async function fetchUser(id: string, signal?: AbortSignal): Promise<User> {
  const { user } = await apiRequest<{ user: User }>(userPath(id), { signal });
  return user;
}

/** What the API answers a change: the user after it (null: the provider removed it) and its audit record (null: nothing changed). */
/** `until`: when a time-boxed reactivation ends (PATCH only; null when permanent or nothing changed). */
export type ActivationResponse = { user: User | null; auditRecordId: string | null; until?: string | null };

/** PATCH active, with If-Match: `version` (the meta.version the admin saw). */
export function patchUserActive(id: string, body: ActivationBody, version: string | null): Promise<ActivationResponse> {
  return apiRequest<ActivationResponse>(userPath(id), { method: 'PATCH', body, headers: ifMatch(version) });
}

/**
 * DELETE, with If-Match: `version` (the meta.version the admin saw). A null
 * user means the provider removed the account (an RFC server), not just deactivated it.
 */
export function deleteUser(id: string, body: ChangeReasonBody, version: string | null): Promise<ActivationResponse> {
  return apiRequest<ActivationResponse>(userPath(id), { method: 'DELETE', body, headers: ifMatch(version) });
}

export function fetchUserHistory(id: string, signal?: AbortSignal): Promise<HistoryResponse> {
  return apiRequest<HistoryResponse>(`${userPath(id)}/history`, { signal });
}
