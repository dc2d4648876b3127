'use client';
// On a user's page: `Reactivated until <time>` with `Extend` (the same limits as reactivating) and,
// for admins, `Make permanent`; and any change scheduled for the user
// (docs/decisions/0111-time-boxed-reactivation.md).
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { can } from '@/lib/authz';
import { extendReactivation, makeReactivationPermanent } from '@/lib/schedule/api-client';
import { scheduleQueries } from '@/lib/schedule/query-keys';
import type { ReactivationEnd } from '@/lib/schedule/types';
import { useScheduleCommand } from '@/lib/schedule/use-schedule-command';
import { useReactivationPolicy } from './reactivation-policy-context';
import { ScheduledTime } from './scheduled-time';

// Loaded on the first click, like the confirm dialogs: its For field and time zones are not
// part of the page's first-load JavaScript.
const ExtendDialog = dynamic(() => import('./extend-dialog').then((m) => m.ExtendDialog), { ssr: false });

export function ReactivationStatus({ userId, userName }: { userId: string; userName: string }) {
  const { role } = useReactivationPolicy();
  const { data } = useQuery(scheduleQueries.user(userId));
  const [extending, setExtending] = useState(false);
  const extend = useScheduleCommand((end: ReactivationEnd) => extendReactivation(userId, end));
  const permanent = useScheduleCommand(() => makeReactivationPermanent(userId));
  const expiry = data?.changes.find((c) => c.kind === 'expiry');
  const scheduled = data?.changes.filter((c) => c.kind === 'scheduled') ?? [];
  const error = extend.error ?? permanent.error;
  if (!expiry && scheduled.length === 0) return null;

  return (
    <section
      aria-label="Scheduled"
      className="space-y-2 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-sm dark:border-blue-900 dark:bg-blue-950"
    >
      {expiry ? (
        <div className="flex flex-wrap items-center gap-3">
          <p>
            Reactivated until <ScheduledTime value={expiry.runAt} />
          </p>
          {can(role, 'users:reactivate') ? (
            <Button size="sm" variant="secondary" onClick={() => setExtending(true)}>
              Extend
            </Button>
          ) : null}
          {can(role, 'schedule:manage') ? (
            <Button
              size="sm"
              variant="secondary"
              aria-disabled={permanent.isPending || undefined}
              onClick={() => permanent.mutate(undefined)}
            >
              Make permanent
            </Button>
          ) : null}
        </div>
      ) : null}
      {scheduled.map((c) => (
        <p key={`${c.jobId}:${c.seq}`}>
          {c.action === 'deactivate' ? 'Deactivation' : 'Reactivation'} scheduled for{' '}
          <ScheduledTime value={c.runAt} timeZone={c.timeZone} /> by {c.actor.email ?? c.actor.sub}
        </p>
      ))}
      {error ? (
        <p role="alert" className="font-medium text-red-800 dark:text-red-300">
          {error.message}
        </p>
      ) : null}
      {extending ? <ExtendDialog userName={userName} onExtend={(end) => extend.mutate(end)} onClose={() => setExtending(false)} /> : null}
    </section>
  );
}
