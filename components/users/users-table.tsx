import { SelectCell, SelectHeaderCell } from '@/components/bulk/select-cell';
import type { SelectionApi } from '@/lib/bulk/use-selection';
import { ShortDate } from '@/components/ui/date-time';
import { NoneMarker } from '@/components/ui/none-marker';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import type { Role } from '@/lib/authz';
import type { SortOrder, User, UserSortBy } from '@/lib/users/types';
import type { Outcome } from './action-feedback';
import { ActivationControl } from './activation-control';
import { jobLine, Person } from './person';
import { StatusBadge } from './status-badge';

type UsersTableProps = {
  users: User[];
  role: Role;
  scimHost: string;
  busy: boolean;
  onOutcome: (outcome: Outcome | null) => void;
  /** Present only where the provider sorts: the headers of sortable columns become buttons. */
  sort?: TableSort;
  /** Users changed here that no longer match the list's filter: kept in place, highlighted, until the list changes. */
  leaving: ReadonlySet<string>;
  /** Present where the role may start a bulk job: a leading checkbox column. */
  selection?: SelectionApi;
};

export type TableSort = {
  by: UserSortBy | undefined;
  order: SortOrder | undefined;
  onSort: (column: UserSortBy) => void;
};

const th = headerCell;
const td = `${cell} align-middle`;
const muted = 'text-slate-600 dark:text-slate-400';

/** The row's tint: a user leaving the filter stands out, an inactive one is muted. */
function rowTone(user: User, leaving: boolean): string {
  if (leaving) return 'bg-amber-50 dark:bg-amber-950/40';
  if (!user.active) return 'bg-slate-50 dark:bg-slate-900/60';
  return 'hover:bg-slate-50 dark:hover:bg-slate-800/40';
}

export function UsersTable({ users, role, scimHost, busy, onOutcome, sort, leaving, selection }: UsersTableProps) {
  return (
    // Below lg the job column folds into the person; anything still too wide scrolls inside the frame.
    <TableFrame>
      <table aria-busy={busy || undefined} className={`w-full min-w-[36rem] text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}>
        <caption className="sr-only">Users</caption>
        <TableHead>
          {selection ? <SelectHeaderCell selection={selection} users={users} /> : null}
          <SortableHeader column="userName" sort={sort} label="Name /">
            User name
          </SortableHeader>
          <th scope="col" className={`${th} hidden lg:table-cell`}>
            Title and department
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
            <tr key={user.id} className={rowTone(user, leaving.has(user.id))}>
              {selection ? <SelectCell selection={selection} user={user} /> : null}
              <td className={`${td} max-w-80`}>
                <Person user={user} leaving={leaving.has(user.id)} foldJob />
              </td>
              <td className={`${td} hidden max-w-64 truncate lg:table-cell ${muted}`}>{jobLine(user) || <NoneMarker />}</td>
              <td className={td}>
                <StatusBadge user={user} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-700 dark:text-slate-300`}>
                <ShortDate value={user.meta.lastModified} />
              </td>
              <td className={`${td} text-right`}>
                {/* One height for every row, with or without a button. */}
                <div className="flex h-8 items-center justify-end">
                  <ActivationControl user={user} role={role} scimHost={scimHost} onOutcome={onOutcome} />
                </div>
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
function SortableHeader({
  column,
  sort,
  label,
  children,
}: {
  column: UserSortBy;
  sort: TableSort | undefined;
  label?: string;
  children: string;
}) {
  if (!sort) {
    return (
      <th scope="col" className={th}>
        {label ? `${label} ` : null}
        {children}
      </th>
    );
  }
  const order = sort.by === column ? (sort.order ?? 'ascending') : undefined;
  return (
    <th scope="col" aria-sort={order} className={th}>
      {label ? `${label} ` : null}
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
