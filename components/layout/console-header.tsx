import Link from 'next/link';
import { can, type Role } from '@/lib/authz';
import { ConsoleLogo } from './console-logo';
import { NavLink } from './nav-link';
import { RoleBadge } from './role-badge';
import { SignOutButton } from './sign-out-button';

type ConsoleHeaderProps = {
  viewer: { name: string | null; email: string | null; role: Role };
  scimHost: string;
};

export function ConsoleHeader({ viewer, scimHost }: ConsoleHeaderProps) {
  const hasAccess = viewer.role !== 'none';
  const who = viewer.name ?? viewer.email ?? 'Signed in';

  // Everyone with a role shares the overview and the users list; the audit log is for admins and auditors.
  const nav = can(viewer.role, 'users:list') ? (
    <nav aria-label="Main">
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          <NavLink href="/">Overview</NavLink>
        </li>
        <li>
          <NavLink href="/users">Users</NavLink>
        </li>
        {can(viewer.role, 'audit:read') ? (
          <li>
            <NavLink href="/audit">Audit log</NavLink>
          </li>
        ) : null}
        {/* Bulk jobs, for the roles that may start one. */}
        {can(viewer.role, 'jobs:deactivate') || can(viewer.role, 'jobs:reactivate') ? (
          <li>
            <NavLink href="/jobs">Jobs</NavLink>
          </li>
        ) : null}
        {/* Scheduled changes and reactivations that end by themselves (docs/decisions/0110-scheduled-changes-are-jobs.md). */}
        {can(viewer.role, 'schedule:read') ? (
          <li>
            <NavLink href="/schedule">Schedule</NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  ) : null;

  const account = (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm sm:ml-auto">
      <p className="text-slate-600 dark:text-slate-300">
        Managing <span className="font-medium text-slate-900 dark:text-slate-100">{scimHost}</span>
      </p>
      <div className="flex items-center gap-2">
        <p className="max-w-56 truncate" title={viewer.email ?? undefined}>
          <span className="sr-only">Signed in as </span>
          <span className="font-medium">{who}</span>
          {viewer.name && viewer.email ? (
            <span className="hidden text-slate-600 lg:inline dark:text-slate-400"> · {viewer.email}</span>
          ) : null}
        </p>
        <RoleBadge role={viewer.role} />
      </div>
      {/* With no role, the No access panel carries the one Sign out button. */}
      {hasAccess ? <SignOutButton /> : null}
    </div>
  );

  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <ConsoleLogo />
          SCIM Console
        </Link>
        <div className="hidden sm:contents">
          {nav}
          {account}
        </div>
        {/* On a phone the header folds into a menu; a native disclosure works with the keyboard and without script. */}
        <details className="relative ml-auto sm:hidden">
          <summary className="flex h-10 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-600">
            Menu
          </summary>
          <div className="absolute right-0 z-30 mt-2 w-72 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            {nav}
            {account}
          </div>
        </details>
      </div>
    </header>
  );
}
