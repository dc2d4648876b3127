import { AuditTableSkeleton } from '@/components/audit/audit-table-skeleton';

// No heading yet: the page decides between "Audit log" and "No access" by role.
export default function AuditLoading() {
  return <AuditTableSkeleton />;
}
