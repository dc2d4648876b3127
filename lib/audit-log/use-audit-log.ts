import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditQueries, type AuditListParams } from './query';

/** One keyset page of the audit log; the previous page stays on screen while the next one loads. */
export function useAuditLog(params: AuditListParams) {
  return useQuery({ ...auditQueries.list(params), placeholderData: keepPreviousData });
}
