import { TableSkeleton } from '@/components/ui/table-skeleton';

const CELLS = ['h-4 w-40', 'hidden h-4 w-32 lg:block', 'h-4 w-48', 'h-5 w-16 rounded-full', 'ml-auto h-8 w-24'];

/** The users table's shape while the first page loads (also the route's loading.tsx). */
export function UsersTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading users…" cells={CELLS} rows={rows} />;
}
