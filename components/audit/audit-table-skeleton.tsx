import { TableSkeleton } from '@/components/ui/table-skeleton';

const CELLS = ['h-4 w-20', 'h-4 w-40', 'h-4 w-32', 'h-5 w-20 rounded-full', 'hidden h-4 w-48 lg:block'];

/** The audit table's shape while its first page loads (also the route's loading.tsx). */
export function AuditTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading the audit log…" cells={CELLS} rows={rows} />;
}
