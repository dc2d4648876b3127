import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { NoneMarker } from '@/components/ui/none-marker';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import type { AuditEntry } from '@/lib/audit-log/types';
import { isActivationAction } from '@/lib/audit-vocabulary';
import { ACTION_LABELS } from './audit-labels';
import { BreakableEmail } from './breakable-email';
import { ReasonText } from '@/components/users/reason-text';
import { OutcomeBadge } from './outcome-badge';

const td = `${cell} align-top`;

const muted = 'text-slate-600 dark:text-slate-400';

export function AuditTable({ entries, busy }: { entries: AuditEntry[]; busy: boolean }) {
  return (
    <TableFrame>
      <table
        aria-label="Audit log"
        aria-busy={busy || undefined}
        className={`w-full min-w-[68rem] text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}
      >
        <TableHead>
          {['When', 'Actor', 'User', 'Action', 'Outcome', 'Reason', 'Version', 'Upstream'].map((name) => (
            <th key={name} scope="col" className={headerCell}>
              {name}
            </th>
          ))}
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              {/* The exact time first (people cite it), how long ago after it. */}
              <td className={`${td} min-w-44`}>
                <DateTime value={entry.at} />
              </td>
              <td className={`${td} max-w-56 min-w-44`}>
                <BreakableEmail value={entry.actor.email ?? entry.actor.sub} />
                {/* Whose credential the provider saw: the admin's own token or the console's service identity. */}
                {entry.identity ? (
                  <span className={`block text-xs ${muted}`}>
                    via {entry.identity === 'service-identity' ? 'service identity' : 'admin token'}
                  </span>
                ) : null}
              </td>
              <td className={`${td} max-w-60 min-w-44`}>
                {/* A sign-in or sign-out concerns the actor's own session, not a user of the provider. */}
                {!isActivationAction(entry.action) ? (
                  <NoneMarker />
                ) : (
                  <Link
                    href={`/users/${encodeURIComponent(entry.target.id)}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                  >
                    <BreakableEmail value={entry.target.userName ?? entry.target.id} />
                  </Link>
                )}
              </td>
              {/* A change shows how it was made; a sign-in or sign-out, through which provider. */}
              <td className={`${td} whitespace-nowrap`}>
                {ACTION_LABELS[entry.action]} <span className={`font-mono text-xs ${muted}`}>{entry.method ?? entry.provider}</span>
              </td>
              <td className={td}>
                <OutcomeBadge outcome={entry.outcome} />
                {entry.webhooks
                  .filter((w) => w.state !== 'delivered')
                  .map((w) => (
                    <span key={w.receiver} className={`mt-1 block text-xs ${muted}`} title={w.lastError ?? undefined}>
                      Webhook to {w.receiver}: {w.state === 'failed' ? 'given up' : 'not delivered yet'} ({w.attempts}{' '}
                      {w.attempts === 1 ? 'attempt' : 'attempts'})
                    </span>
                  ))}
              </td>
              <td className={`${td} max-w-72 [overflow-wrap:anywhere]`}>
                <ReasonText reasonCode={entry.reasonCode} reason={entry.reason} ticket={entry.ticket} fallback={<NoneMarker />} />
              </td>
              <td className={`${td} font-mono text-xs whitespace-nowrap`}>
                {entry.versionBefore || entry.versionAfter ? (
                  <>
                    {entry.versionBefore ?? '—'} <span aria-hidden="true">→</span>
                    <span className="sr-only">to</span> {entry.versionAfter ?? '—'}
                  </>
                ) : (
                  <NoneMarker />
                )}
              </td>
              <td className={`${td} max-w-72 [overflow-wrap:anywhere]`}>
                {entry.upstreamStatus === null && !entry.error ? (
                  <NoneMarker />
                ) : (
                  <>
                    {entry.upstreamStatus !== null ? <span className="font-mono">{entry.upstreamStatus}</span> : null}
                    {entry.error ? <span className={`block text-xs ${muted}`}>{entry.error}</span> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </TableBody>
      </table>
    </TableFrame>
  );
}
