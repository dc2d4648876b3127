import Link from 'next/link';
import { RelativeTime } from '@/components/ui/date-time';
import { NoneMarker } from '@/components/ui/none-marker';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import type { Role } from '@/lib/authz';
import type { SortOrder, User, UserSortBy } from '@/lib/users/types';
import type { Outcome } from './action-feedback';
import { ActivationControl } from './activation-control';
import { StatusBadge } from './status-badge';

type UsersTableProps = {
  users: User[];
  role: Role;
  scimHost: string;
  busy: boolean;
  onOutcome: (outcome: Outcome | null) => void;
  /** Present only where the provider sorts: the headers of sortable columns become buttons. */
  sort?: TableSort;
};

export type TableSort = {
  by: UserSortBy | undefined;
  order: SortOrder | undefined;
  onSort: (column: UserSortBy) => void;
};

const th = headerCell;
const td = `${cell} align-middle`;

export function UsersTable({ users, role, scimHost, busy, onOutcome, sort }: UsersTableProps) {
  return (
    // Below lg, secondary columns fold into the first cell; anything still too wide scrolls inside the frame.
    <TableFrame>
      <table aria-busy={busy || undefined} className={`w-full min-w-[34rem] text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}>
        <caption className="sr-only">Users</caption>
        <TableHead>
          <SortableHeader column="userName" sort={sort}>
            User name
          </SortableHeader>
          <th scope="col" className={`${th} hidden lg:table-cell`}>
            Display name
          </th>
          <th scope="col" className={`${th} hidden lg:table-cell`}>
            Email
          </th>
          <th scope="col" className={th}>
            Status
          </th>
          <SortableHeader column="meta.lastModified" sort={sort}>
            Last modified
          </SortableHeader>
          <th scope="col" className={th}>
            <span className="sr-only">Actions</span>
          </th>
        </TableHead>
        <TableBody>
          {users.map((user) => (
            <tr key={user.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className={`${td} max-w-72`}>
                {/* No prefetch: a page of rows would fetch every user's page and compete with the list's own call. */}
                <Link
                  href={`/users/${encodeURIComponent(user.id)}`}
                  prefetch={false}
                  className="font-medium [overflow-wrap:anywhere] text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                >
                  {user.userName}
                </Link>
                {/* Below lg the display name and email fold in here instead of taking columns. */}
                {user.displayName ? (
                  <span className="mt-0.5 block truncate text-slate-600 lg:hidden dark:text-slate-400">{user.displayName}</span>
                ) : null}
                {user.email ? <span className="block truncate text-slate-600 lg:hidden dark:text-slate-400">{user.email}</span> : null}
              </td>
              <td className={`${td} hidden max-w-56 truncate lg:table-cell`}>{user.displayName ?? <NoneMarker />}</td>
              <td className={`${td} hidden max-w-64 truncate lg:table-cell`} title={user.email ?? undefined}>
                {user.email ?? <NoneMarker />}
              </td>
              <td className={td}>
                <StatusBadge active={user.active} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-700 dark:text-slate-300`}>
                <RelativeTime value={user.meta.lastModified} />
              </td>
              <td className={`${td} text-right`}>
                <ActivationControl user={user} role={role} scimHost={scimHost} onOutcome={onOutcome} />
              </td>
            </tr>
          ))}
        </TableBody>
      </table>
    </TableFrame>
  );
}

/**
 * A plain header, or where the provider sorts a header holding a button named
 * by the column (APG sortable table): aria-sort only on the sorted column.
 */
function SortableHeader({ column, sort, children }: { column: UserSortBy; sort: TableSort | undefined; children: string }) {
  if (!sort) {
    return (
      <th scope="col" className={th}>
        {children}
      </th>
    );
  }
  const order = sort.by === column ? (sort.order ?? 'ascending') : undefined;
  return (
    <th scope="col" aria-sort={order} className={th}>
      <button
        type="button"
        onClick={() => sort.onSort(column)}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold tracking-wide uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:hover:text-slate-100"
      >
        {children}
        <SortArrow order={order} />
      </button>
    </th>
  );
}

const SORT_ARROWS = {
  ascending: 'M10 5l4 5H6l4-5z',
  descending: 'M10 15l-4-5h8l-4 5z',
  none: 'M10 3l3.5 4.5h-7L10 3zm0 14l-3.5-4.5h7L10 17z',
};

function SortArrow({ order }: { order: SortOrder | undefined }) {
  // Unsorted columns show a faint up/down pair so the header reads as sortable.
  const path = SORT_ARROWS[order ?? 'none'];
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`size-3.5 ${order ? '' : 'opacity-40'}`}>
      <path d={path} />
    </svg>
  );
}
