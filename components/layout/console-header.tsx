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
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/users" className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <ConsoleLogo />
          SCIM Console
        </Link>

        {/* Everyone with a role shares the users list; the audit log is for admins and auditors. */}
        {hasAccess && can(viewer.role, 'users:list') ? (
          <nav aria-label="Main">
            <ul className="flex items-center gap-1">
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
            </ul>
          </nav>
        ) : null}

        <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
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
      </div>
    </header>
  );
}
