import 'server-only';
// Who produced a state the console sees: the rule that labels an observation,
// apart from the SQL that gathers its inputs
// (docs/decisions/0031-append-only-and-observations.md).

import type { AuditState, ObservationSource } from '@/lib/audit-vocabulary';

/** The observation's fields the rule compares; active as stored (0/1). */
export type SeenState = { version: string | null; active: number | null };

/** The earlier observation of the same user, if any. */
export type LastObservation = { observedAt: string } | undefined;

/** The target's audit records that may explain the state: pending ones, and finished ones that left this version. */
export type CandidateRecord = {
  id: string;
  state: AuditState;
  afterVersion: string | null;
  afterActive: number | null;
  finishedAt: string | null;
};

/**
 * 'console' when a finished console activation produced this state (same
 * version; for a provider without versions, the same `active` left since the
 * last observation), 'outside' when it differs from an earlier observation,
 * 'first-seen' otherwise. Null while one of the target's activations is still
 * pending: labelling it now would call the console's own change "outside".
 */
export function classifyObservation(
  seen: SeenState,
  last: LastObservation,
  records: readonly CandidateRecord[],
): { source: ObservationSource; activationId: string | null } | null {
  if (records.some((r) => r.state === 'pending')) return null;
  const finished = records.filter((r) => r.state === 'succeeded' || r.state === 'reconciled');
  const producer =
    seen.version !== null
      ? finished.find((r) => r.afterVersion === seen.version)
      : finished.find((r) => r.afterActive === seen.active && (!last || (r.finishedAt ?? '') >= last.observedAt));
  if (producer) return { source: 'console', activationId: producer.id };
  return { source: last ? 'outside' : 'first-seen', activationId: null };
}
