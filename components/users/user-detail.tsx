'use client';

import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { NoneMarker } from '@/components/ui/none-marker';
import { Panel } from '@/components/ui/panel';
import { DateTime } from '@/components/ui/date-time';
import { can, type Role } from '@/lib/authz';
import { isApiRequestError } from '@/lib/api-request';
import { useUser } from '@/lib/users/use-user';
import { ActionFeedback, type Outcome } from './action-feedback';
import { ActivationControl } from './activation-control';
import { BackToUsersLink } from './back-to-users-link';
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
        <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} />
      </div>
    );
  }

  if (query.isPending) return <UserDetailSkeleton />;

  if (query.isError && !query.data) {
    if (isApiRequestError(query.error) && query.error.status === 404) return <UserNotFound scimHost={scimHost} />;
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
  return (
    <div className="space-y-6">
      <BackToUsersLink />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{user.displayName || user.userName}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span className="break-all">{user.userName}</span>
            <StatusBadge active={user.active} />
          </p>
        </div>
        <ActivationControl user={user} role={role} scimHost={scimHost} onOutcome={setOutcome} size="md" />
      </div>

      <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} />

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Profile">
          <dl className="divide-y divide-slate-100 px-6 dark:divide-slate-800">
            <Field term="User name">{user.userName}</Field>
            <Field term="Name">{[user.givenName, user.familyName].filter(Boolean).join(' ') || null}</Field>
            <Field term="Display name">{user.displayName}</Field>
            <Field term="Email">{user.email}</Field>
            <Field term="Title">{user.title}</Field>
            <Field term="Department">{user.department}</Field>
            <Field term="Status">{user.active ? 'Active' : 'Inactive'}</Field>
          </dl>
        </Panel>

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
      </div>

      {can(role, 'history:read') ? <UserHistory userId={user.id} detailUpdatedAt={query.dataUpdatedAt} /> : null}

      <p className="text-xs text-slate-600 dark:text-slate-400">
        ID <code className="font-mono break-all">{user.id}</code>
      </p>
    </div>
  );
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
