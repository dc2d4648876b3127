'use client';

import type { SelectionApi } from '@/lib/bulk/use-selection';
import type { User } from '@/lib/users/types';

const box = 'size-4 accent-blue-700 dark:accent-blue-400';

/** The users table's leading column: a header checkbox for the page, one per row. */
export function SelectHeaderCell({ selection, users }: { selection: SelectionApi; users: readonly User[] }) {
  const selected = users.filter((u) => selection.isSelected(u.id)).length;
  return (
    <th scope="col" className="w-10 px-4 py-2.5">
      <input
        type="checkbox"
        aria-label="Select all on this page"
        className={box}
        checked={users.length > 0 && selected === users.length}
        ref={(el) => {
          if (el) el.indeterminate = selected > 0 && selected < users.length;
        }}
        onChange={() => selection.togglePage(users)}
      />
    </th>
  );
}

export function SelectCell({ selection, user }: { selection: SelectionApi; user: User }) {
  return (
    <td className="w-10 px-4 py-3 align-middle">
      <input
        type="checkbox"
        aria-label={`Select ${user.userName}`}
        className={box}
        checked={selection.isSelected(user.id)}
        onChange={() => selection.toggle(user)}
      />
    </td>
  );
}
