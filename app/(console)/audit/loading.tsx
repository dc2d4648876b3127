import { AuditTableSkeleton } from '@/components/audit/audit-table-skeleton';

export default function AuditLoading() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 h-5" />
      </div>
      <AuditTableSkeleton />
    </div>
  );
}
