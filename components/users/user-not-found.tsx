import type { ReactNode } from 'react';
import { BackToUsersLink } from './back-to-users-link';

/** `children`: what the console still knows of the id (its History, for a user the provider removed). */
export function UserNotFound({ scimHost, children }: { scimHost?: string; children?: ReactNode }) {
  return (
    <div className="space-y-4">
      <BackToUsersLink />
      <div className="rounded-lg border border-slate-200 bg-white p-8 dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-semibold tracking-tight">User not found</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          No user with this ID exists{scimHost ? ` on ${scimHost}` : ''}. It may have been removed, or the link may be wrong.
        </p>
      </div>
      {children}
    </div>
  );
}
