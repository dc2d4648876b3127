// The audit log's query keys, query options and fetch, for the browser. The
// audit store itself (lib/server/audit) is server-only; this is its client side.
import { queryOptions } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/audit-log/types';
import { apiRequest } from '@/lib/api-request';

/** The audit log's filters and cursor as the URL has them (see components/audit/audit-params.ts). */
export type AuditListParams = Readonly<Record<string, string>>;

const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditListParams) => ['audit', 'list', params] as const,
};

/** One keyset page of the audit log. `params` are passed through: the API validates them and answers 400 naming the field. */
function fetchAuditPage(params: AuditListParams, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams(params).toString();
  return apiRequest<AuditPage>(`/api/audit${query ? `?${query}` : ''}`, { signal });
}

export const auditQueries = {
  list: (params: AuditListParams) =>
    queryOptions({
      queryKey: auditKeys.list(params),
      queryFn: ({ signal }) => fetchAuditPage(params, signal),
      // The log only grows, and activations on other pages do not invalidate it: read it afresh on every visit.
      staleTime: 0,
    }),
};
