'use client';

import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { NoneMarker } from '@/components/ui/none-marker';
import { Panel } from '@/components/ui/panel';
import { DateTime } from '@/components/ui/date-time';
import { can, type Role } from '@/lib/authz';
import { isApiRequestError } from '@/lib/api-request';
import { useUser } from '@/lib/users/use-user';
import { useUserHistory } from '@/lib/users/use-user-history';
import { ActionFeedback, type Outcome } from './action-feedback';
import { ReactivationStatus } from '@/components/schedule/reactivation-status';
import { ActivationControl } from './activation-control';
import { BackToUsersLink } from './back-to-users-link';
import { CopyButton } from './copy-button';
import { DeactivationNote } from './deactivation-note';
import { StatusBadge } from './status-badge';
import { UserDetailSkeleton } from './user-detail-skeleton';
import { UserHistory } from './user-history';
import { UserNotFound } from './user-not-found';

type UserDetailProps = { id: string; role: Role; scimHost: string };

export function UserDetail({ id, role, scimHost }: UserDetailProps) {
  const query = useUser(id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (outcome?.kind === 'removed') {
    return (
      <div className="space-y-4">
        <BackToUsersLink />
        <h1 className="text-2xl font-semibold tracking-tight">User removed</h1>
        <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} onOutcome={setOutcome} />
      </div>
    );
  }

  if (query.isPending) return <UserDetailSkeleton />;

  if (query.isError && !query.data) {
    if (isApiRequestError(query.error) && query.error.status === 404) {
      // A user the provider removed (DELETE on an RFC server) keeps its History in the audit log.
      return (
        <UserNotFound scimHost={scimHost}>
          {can(role, 'history:read') ? <UserHistory userId={id} detailUpdatedAt={query.errorUpdatedAt} /> : null}
        </UserNotFound>
      );
    }
    return (
      <div className="space-y-4">
        <BackToUsersLink />
        <h1 className="text-2xl font-semibold tracking-tight">User</h1>
        <Alert title="Could not load this user" onRetry={() => void query.refetch()}>
          {query.error.message}
        </Alert>
      </div>
    );
  }

  const user = query.data;
  const name = [user.givenName, user.familyName].filter(Boolean).join(' ') || null;
  // Shown once: a value that repeats the userName (or the display name) adds nothing.
  const differs = (value: string | null, ...others: (string | null)[]) =>
    value && !others.some((o) => o && o.toLowerCase() === value.toLowerCase()) ? value : null;
  return (
    <div className="space-y-6">
      <BackToUsersLink />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{user.displayName || user.userName}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span className="break-all">{user.userName}</span>
            <CopyButton value={user.userName} label="Copy user name" />
            <StatusBadge user={user} />
          </p>
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
            <span>
              ID <code className="font-mono break-all">{user.id}</code>
            </span>
            <CopyButton value={user.id} label="Copy id" />
          </p>
        </div>
        <ActivationControl user={user} role={role} scimHost={scimHost} onOutcome={setOutcome} size="md" />
      </div>

      {!user.active && can(role, 'history:read') ? <InactiveBanner userId={user.id} detailUpdatedAt={query.dataUpdatedAt} /> : null}
      <ReactivationStatus userId={user.id} userName={user.userName} />

      <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} onOutcome={setOutcome} />

      <Panel title="Profile">
        <dl className="divide-y divide-slate-100 px-6 dark:divide-slate-800">
          <Field term="User name">{user.userName}</Field>
          {differs(name, user.userName) ? <Field term="Name">{name}</Field> : null}
          {differs(user.displayName, user.userName, name) ? <Field term="Display name">{user.displayName}</Field> : null}
          {differs(user.email, user.userName) ? <Field term="Email">{user.email}</Field> : null}
          <Field term="Title">{user.title}</Field>
          <Field term="Department">{user.department}</Field>
        </dl>
      </Panel>

      {can(role, 'history:read') ? <UserHistory userId={user.id} detailUpdatedAt={query.dataUpdatedAt} /> : null}

      <section aria-labelledby="technical-details" className="space-y-3">
        <h2 id="technical-details" className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Technical details
        </h2>
        {/* Term texts are SCIM's attribute names on purpose: people compare them with the provider's docs. */}
        <Panel title="Meta">
          <dl className="divide-y divide-slate-100 px-6 dark:divide-slate-800">
            <Field term="created" mono>
              {user.meta.created ? <DateTime value={user.meta.created} /> : null}
            </Field>
            <Field term="lastModified" mono>
              {user.meta.lastModified ? <DateTime value={user.meta.lastModified} /> : null}
            </Field>
            <Field term="version" mono>
              {user.meta.version ? <code className="font-mono">{user.meta.version}</code> : null}
            </Field>
            <Field term="location" mono>
              {user.meta.location ? <span className="font-mono break-all">{user.meta.location}</span> : null}
            </Field>
            <Field term="resourceType" mono>
              {user.meta.resourceType}
            </Field>
          </dl>
        </Panel>
      </section>
    </div>
  );
}

/** At the top of an inactive user's page: who switched it off, when and why, as History knows it. */
function InactiveBanner({ userId, detailUpdatedAt }: { userId: string; detailUpdatedAt: number }) {
  const history = useUserHistory(userId, detailUpdatedAt);
  return history.data ? <DeactivationNote entries={history.data.entries} /> : null;
}

function Field({ term, mono = false, children }: { term: string; mono?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="grid grid-cols-1 gap-1 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className={`text-sm text-slate-600 dark:text-slate-400 ${mono ? 'font-mono' : ''}`}>{term}</dt>
      <dd className="min-w-0 text-sm break-words">{empty ? <NoneMarker label="Not set" /> : children}</dd>
    </div>
  );
}
