import type { ReactNode } from 'react';
import { SignOutButton } from './sign-out-button';

type NoAccessProps = {
  email: string | null;
  /** Why, when the viewer has a role but not for this page; by default, no role at all. */
  children?: ReactNode;
  /** What to do instead; by default Sign out. */
  action?: ReactNode;
};

export function NoAccess({ email, children, action }: NoAccessProps) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold tracking-tight">No access</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        {children ?? (
          <>
            Your account
            {email ? (
              <>
                {' '}
                (<span className="font-medium">{email}</span>)
              </>
            ) : null}{' '}
            is signed in but is not in a group that may use this console. Ask an administrator to add you to the admin, helpdesk or auditor
            group, then sign in again.
          </>
        )}
      </p>
      <div className="mt-6">{action ?? <SignOutButton variant="primary" />}</div>
    </div>
  );
}
