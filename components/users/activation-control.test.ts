import { describe, expect, it } from 'vitest';
import { makeUser } from '@/lib/users/testing/make-user';
import { ApiRequestError } from '@/lib/api-request';
import { blockedBecause, failureOutcome, staleMessage } from './activation-control';

const user = (active: boolean, version: string | null) => makeUser('ada', active, version);

describe('staleMessage', () => {
  it('says what the user is now and that nothing was applied', () => {
    expect(staleMessage(user(true, 'W/"3"'), user(false, 'W/"5"'))).toBe(
      'This user changed since you loaded it. It is now Inactive (version W/"5"); you loaded it as Active (version W/"3"). Nothing was changed: it is already inactive.',
    );
  });

  it('asks the admin to press the button again when the state is the same but the version moved', () => {
    expect(staleMessage(user(true, 'W/"3"'), user(true, 'W/"5"'))).toContain('Press Deactivate again if you still mean it.');
  });

  it('copes with a 412 that carries no current user', () => {
    expect(staleMessage(user(true, 'W/"3"'), undefined)).toMatch(/^This user changed since you loaded it\. Nothing was changed\./);
  });
});

describe('failureOutcome', () => {
  const seen = user(true, 'W/"3"');
  const deactivating = { user: seen, method: 'PATCH' as const, active: false };

  it("turns a 412 into the account of what the user is now, under the change's title", () => {
    const error = new ApiRequestError(412, 'Precondition failed', { requestId: 'r1', current: user(false, 'W/"5"') });
    expect(failureOutcome(error, deactivating)).toEqual({
      kind: 'error',
      title: 'Could not deactivate ada',
      message: staleMessage(seen, user(false, 'W/"5"')),
      requestId: 'r1',
    });
  });

  it("takes Undo's own title, and passes other errors' messages on", () => {
    const error = new ApiRequestError(502, 'The provider is down', { requestId: 'r2' });
    expect(failureOutcome(error, deactivating, 'Could not undo the change to ada')).toEqual({
      kind: 'error',
      title: 'Could not undo the change to ada',
      message: 'The provider is down',
      requestId: 'r2',
    });
    expect(failureOutcome(new Error(''), { ...deactivating, active: true })).toEqual({
      kind: 'error',
      title: 'Could not reactivate ada',
      message: 'Something went wrong.',
    });
  });
});

describe('blockedBecause', () => {
  const off = (reasonCode: string | null) => ({
    ...user(false, null),
    lifecycle: {
      protection: null,
      lastDeactivation: { at: '2026-01-01T00:00:00Z', by: 'a@example.com', reason: null, reasonCode, ticket: null },
    },
  });

  it('keeps Deactivate from the admin’s own account and a protected one, saying which', () => {
    expect(blockedBecause({ ...user(true, null), lifecycle: { protection: 'self', lastDeactivation: null } }, 'admin')).toBe(
      'Your own account',
    );
    expect(blockedBecause({ ...user(true, null), lifecycle: { protection: 'protected', lastDeactivation: null } }, 'admin')).toBe(
      'Protected account',
    );
    expect(blockedBecause(user(true, null), 'admin')).toBeNull();
  });

  it('keeps Reactivate of a Security incident from helpdesk, not from an admin, and never blocks reactivating a protected user', () => {
    expect(blockedBecause(off('Security incident'), 'helpdesk')).toBe('Security incident: admins only');
    expect(blockedBecause(off('Security incident'), 'admin')).toBeNull();
    expect(blockedBecause(off('Leaver'), 'helpdesk')).toBeNull();
    expect(blockedBecause({ ...off(null), lifecycle: { protection: 'protected', lastDeactivation: null } }, 'helpdesk')).toBeNull();
  });
});
