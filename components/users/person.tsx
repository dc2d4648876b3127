import Link from 'next/link';
import type { User } from '@/lib/users/types';

const muted = 'text-slate-600 dark:text-slate-400';

/** Title and department, which tell apart people with the same name. */
export const jobLine = (user: User) => [user.title, user.department].filter(Boolean).join(' · ');

/**
 * The person first: display name in bold, then the userName (the row's link, named
 * by the userName as the README's contract says), then the email where it differs.
 */
export function Person({ user, leaving, foldJob = false }: { user: User; leaving: boolean; foldJob?: boolean }) {
  const email = user.email && user.email.toLowerCase() !== user.userName.toLowerCase() ? user.email : null;
  const job = jobLine(user);
  return (
    <div className="min-w-0">
      {user.displayName ? <span className="block truncate font-semibold">{user.displayName}</span> : null}
      {/* No prefetch: a page of rows would fetch every user's page and compete with the list's own call. */}
      <Link
        href={`/users/${encodeURIComponent(user.id)}`}
        prefetch={false}
        className={`block w-fit [overflow-wrap:anywhere] text-blue-800 underline-offset-2 hover:underline dark:text-blue-300 ${user.displayName ? 'text-sm' : 'font-semibold'}`}
      >
        {user.userName}
      </Link>
      {email ? <span className={`block truncate ${muted}`}>{email}</span> : null}
      {job ? <span className={`block truncate ${muted} ${foldJob ? 'lg:hidden' : ''}`}>{job}</span> : null}
      {leaving ? (
        <span className="mt-0.5 block text-xs font-medium text-amber-900 dark:text-amber-200">No longer matches this filter</span>
      ) : null}
    </div>
  );
}
