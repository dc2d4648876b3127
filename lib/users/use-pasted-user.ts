import { useQuery } from '@tanstack/react-query';
import { userQueries } from './query-keys';
import type { User, UserPage } from './types';

// Provider ids: Salesforce's 15/18 characters, UUIDs, long numbers. Shorter words are names.
const ID_LIKE = /^[A-Za-z0-9._~-]{15,128}$/;

/**
 * The one user a pasted SCIM id or full email points at, to offer opening it
 * directly: an id is looked up (the list search does not match ids), an email
 * or userName must be the page's only match, exactly. The lookup is the user's
 * detail query, so the page it opens is already loaded.
 */
export function usePastedUser(q: string, page: UserPage | undefined): User | null {
  const looksLikeId = ID_LIKE.test(q) && !q.includes('@');
  const byId = useQuery({ ...userQueries.detail(q), enabled: looksLikeId });
  if (looksLikeId && byId.data) return byId.data;
  const only = page?.users.length === 1 ? page.users[0] : undefined;
  const exact = (value: string | null) => value !== null && value.toLowerCase() === q.toLowerCase();
  if (only && q.includes('@') && (exact(only.email) || exact(only.userName))) return only;
  return null;
}
