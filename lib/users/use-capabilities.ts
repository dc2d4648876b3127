import { useQuery } from '@tanstack/react-query';
import { capabilitiesQuery } from './query-keys';

/**
 * What the provider supports (GET /api/capabilities). Read in the browser, not
 * passed down from a server component: the route handler can refresh an expired
 * token, a page render cannot, and a guess here would misdescribe DELETE.
 * `data` is undefined until known; callers must not assume a default.
 */
export function useCapabilities({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...capabilitiesQuery, enabled });
}
