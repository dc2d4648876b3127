import { describe, expect, it } from 'vitest';
import { DEFAULT_REASON_CODES, describeReason, reasonProblem, type ReasonPolicy } from './change-reason';

const open: ReasonPolicy = { reasonCodes: DEFAULT_REASON_CODES, ticketPattern: null, ticketRequired: false };
const strict: ReasonPolicy = { ...open, ticketPattern: '^[A-Z]+-\\d+$', ticketRequired: true };

describe('reasonProblem', () => {
  it('accepts nothing at all, or any listed code, when no ticket is required', () => {
    expect(reasonProblem({}, open)).toBeNull();
    for (const code of DEFAULT_REASON_CODES.filter((c) => c !== 'Other')) expect(reasonProblem({ reasonCode: code }, open)).toBeNull();
    expect(reasonProblem({ reasonCode: 'Other', reason: 'merger' }, open)).toBeNull();
  });

  it('names the field and the rule it breaks', () => {
    expect(reasonProblem({ reasonCode: 'leaver' }, open)).toMatchObject({ field: 'reasonCode' });
    expect(reasonProblem({ reasonCode: 'Other', reason: ' ' }, open)).toEqual({
      field: 'reason',
      message: 'A reason is required when the reason code is Other.',
    });
    expect(reasonProblem({ reasonCode: 'Leaver' }, strict)).toEqual({ field: 'ticket', message: 'A ticket is required for every change.' });
    expect(reasonProblem({ ticket: 'HR-12x' }, strict)).toEqual({ field: 'ticket', message: 'Ticket must match ^[A-Z]+-\\d+$.' });
    expect(reasonProblem({ ticket: ' HR-12 ' }, strict)).toBeNull();
    expect(reasonProblem({ ticket: 'x'.repeat(101) }, open)).toMatchObject({ field: 'ticket' });
  });
});

describe('describeReason', () => {
  it('joins what is given', () => {
    expect(describeReason({ reasonCode: 'Leaver', reason: 'last day', ticket: 'HR-1' })).toBe('Leaver: last day (HR-1)');
    expect(describeReason({ reasonCode: 'Leaver', reason: null, ticket: null })).toBe('Leaver');
    expect(describeReason({ reasonCode: null, reason: null, ticket: 'HR-1' })).toBe('(HR-1)');
    expect(describeReason({ reasonCode: null, reason: null, ticket: null })).toBe('');
  });
});
