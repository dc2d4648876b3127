import { SignOutButton } from './sign-out-button';

export function NoAccess({ email }: { email: string | null }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold tracking-tight">No access</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        Your account{email ? <> (<span className="font-medium">{email}</span>)</> : null} is signed in but is not in a
        group that may use this console. Ask an administrator to add you to the admin, helpdesk or auditor group, then
        sign in again.
      </p>
      <div className="mt-6">
        <SignOutButton variant="primary" />
      </div>
    </div>
  );
}
