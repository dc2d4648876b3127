import 'server-only';
// The configured rules for a change's reason code, reason and ticket, applied
// to every body that changes users (docs/decisions/0105-reason-codes-and-tickets.md).

import { DEFAULT_REASON_CODES, reasonProblem, type ChangeReason, type ReasonPolicy } from '@/lib/change-reason';
import { ApiFailure } from './handler';

/** The rules when nothing is configured: the default codes, any ticket, none required. */
export const DEFAULT_REASON_POLICY: ReasonPolicy = { reasonCodes: DEFAULT_REASON_CODES, ticketPattern: null, ticketRequired: false };

export type AcceptedReason = { reason: string | null; reasonCode: string | null; ticket: string | null };

/** The change's reason, code and ticket, trimmed ('' is not given); a 400 naming the rule when the policy refuses them. */
export function acceptedReason(body: ChangeReason, policy: ReasonPolicy = DEFAULT_REASON_POLICY): AcceptedReason {
  const problem = reasonProblem(body, policy);
  if (problem) throw new ApiFailure(400, problem.message);
  return { reason: body.reason?.trim() || null, reasonCode: body.reasonCode?.trim() || null, ticket: body.ticket?.trim() || null };
}
