import Link from 'next/link';
import { RelativeTime } from '@/components/ui/date-time';
import type { Role } from '@/lib/authz';
import type { User } from '@/lib/users/types';
import type { Outcome } from './action-feedback';
import { ActivationControl } from './activation-control';
import { StatusBadge } from './status-badge';

type UsersTableProps = {
  users: User[];
  role: Role;
  scimHost: string;
  busy: boolean;
  onOutcome: (outcome: Outcome | null) => void;
};

const th = 'px-4 py-2.5 whitespace-nowrap text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
const td = 'px-4 py-3 align-middle';

export function UsersTable({ users, role, scimHost, busy, onOutcome }: UsersTableProps) {
  return (
    // Below lg, secondary columns fold into the first cell; anything still too wide scrolls inside the frame.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table aria-busy={busy || undefined} className={`w-full min-w-[34rem] text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}>
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/50">
          <tr>
            <th scope="col" className={th}>
              User name
            </th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>
              Display name
            </th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>
              Email
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Last modified
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <tr key={user.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className={`${td} max-w-72`}>
                <Link
                  href={`/users/${encodeURIComponent(user.id)}`}
                  className="font-medium text-blue-800 underline-offset-2 [overflow-wrap:anywhere] hover:underline dark:text-blue-300"
                >
                  {user.userName}
                </Link>
                {/* Below lg the display name and email fold in here instead of taking columns. */}
                {user.displayName ? (
                  <span className="mt-0.5 block truncate text-slate-600 lg:hidden dark:text-slate-400">{user.displayName}</span>
                ) : null}
                {user.email ? (
                  <span className="block truncate text-slate-600 lg:hidden dark:text-slate-400">{user.email}</span>
                ) : null}
              </td>
              <td className={`${td} hidden max-w-56 truncate lg:table-cell`}>{user.displayName ?? <Empty />}</td>
              <td className={`${td} hidden max-w-64 truncate lg:table-cell`} title={user.email ?? undefined}>
                {user.email ?? <Empty />}
              </td>
              <td className={td}>
                <StatusBadge active={user.active} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-700 dark:text-slate-300`}>
                <RelativeTime value={user.meta.lastModified} />
              </td>
              <td className={`${td} text-right`}>
                <ActivationControl
                  user={user}
                  role={role}
                  scimHost={scimHost}
                  onOutcome={onOutcome}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Empty() {
  return (
    <span className="text-slate-600 dark:text-slate-400">
      <span aria-hidden="true">—</span>
      <span className="sr-only">None</span>
    </span>
  );
}
