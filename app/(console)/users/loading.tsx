import { UsersTableSkeleton } from '@/components/users/users-table-skeleton';

export default function UsersLoading() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 h-5" />
      </div>
      <UsersTableSkeleton />
    </div>
  );
}
