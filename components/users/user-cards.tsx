import type { Role } from '@/lib/authz';
import type { User } from '@/lib/users/types';
import type { Outcome } from './action-feedback';
import { ActivationControl } from './activation-control';
import { StatusBadge } from './status-badge';
import { Person } from './person';

type UserCardsProps = {
  users: User[];
  role: Role;
  scimHost: string;
  busy: boolean;
  onOutcome: (outcome: Outcome | null) => void;
  leaving: ReadonlySet<string>;
};

/**
 * The list on a phone: one stacked card per user (name, email, status) with a
 * full-width action, instead of a table whose button scrolls off-screen.
 */
export function UserCards({ users, role, scimHost, busy, onOutcome, leaving }: UserCardsProps) {
  return (
    <ul aria-label="Users" aria-busy={busy || undefined} className={`space-y-3 transition-opacity ${busy ? 'opacity-60' : ''}`}>
      {users.map((user) => (
        <li
          key={user.id}
          className={`rounded-lg border p-4 shadow-sm ${
            leaving.has(user.id)
              ? 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40'
              : 'border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900'
          }`}
        >
          <div className="flex items-start justify-between gap-3">
            <Person user={user} leaving={leaving.has(user.id)} />
            <StatusBadge user={user} />
          </div>
          <div className="mt-3 empty:hidden [&>button]:w-full">
            <ActivationControl user={user} role={role} scimHost={scimHost} onOutcome={onOutcome} size="md" />
          </div>
        </li>
      ))}
    </ul>
  );
}
