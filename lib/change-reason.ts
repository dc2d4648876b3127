// Why a change is made: a reason code from the configured list, free text, and
// a ticket (docs/decisions/0105-reason-codes-and-tickets.md). Plain TypeScript,
// so the browser checks a form with the same rules the API applies.

export const DEFAULT_REASON_CODES = [
  'Leaver',
  'Leave of absence',
  'Security incident',
  'Contractor ended',
  'Restored after a mistake',
  'Other',
] as const;
/** The code that needs words: its free-text reason is required. */
export const OTHER_REASON_CODE = 'Other';
/** Helpdesk may not undo a deactivation with this code. */
export const SECURITY_INCIDENT_CODE = 'Security incident';

export const REASON_MAX = 500;
export const REASON_CODE_MAX = 100;
export const TICKET_MAX = 100;

/** The console's rules for reasons and tickets, from REASON_CODES, TICKET_PATTERN and TICKET_REQUIRED. */
export type ReasonPolicy = {
  reasonCodes: readonly string[];
  /** A regular expression source the whole ticket must match, or null for any text. */
  ticketPattern: string | null;
  ticketRequired: boolean;
};

/** What a change carries about why it is made; empty strings mean "not given". */
export type ChangeReason = { reasonCode?: string | null; reason?: string | null; ticket?: string | null };

export type ReasonProblem = { field: 'reasonCode' | 'reason' | 'ticket'; message: string };

/** The first thing wrong with a change's reason code, reason and ticket under the policy; null when there is none. */
export function reasonProblem(input: ChangeReason, policy: ReasonPolicy): ReasonProblem | null {
  const code = input.reasonCode?.trim() || null;
  const reason = input.reason?.trim() || null;
  const ticket = input.ticket?.trim() || null;
  if (code !== null && !policy.reasonCodes.includes(code)) {
    return { field: 'reasonCode', message: `Reason code must be one of: ${policy.reasonCodes.join(', ')}.` };
  }
  if (code === OTHER_REASON_CODE && reason === null) {
    return { field: 'reason', message: `A reason is required when the reason code is ${OTHER_REASON_CODE}.` };
  }
  if (ticket === null) {
    return policy.ticketRequired ? { field: 'ticket', message: 'A ticket is required for every change.' } : null;
  }
  if (ticket.length > TICKET_MAX) return { field: 'ticket', message: `Ticket must be at most ${TICKET_MAX} characters.` };
  if (policy.ticketPattern !== null && !new RegExp(policy.ticketPattern).test(ticket)) {
    return { field: 'ticket', message: `Ticket must match ${policy.ticketPattern}.` };
  }
  return null;
}

/** "Leaver: moved to a partner (HR-123)": a record's code, reason and ticket in one line; '' when none is given. */
export function describeReason(r: { reasonCode: string | null; reason: string | null; ticket: string | null }): string {
  const words = [r.reasonCode, r.reason].filter(Boolean).join(': ');
  return r.ticket ? (words ? `${words} (${r.ticket})` : `(${r.ticket})`) : words;
}
