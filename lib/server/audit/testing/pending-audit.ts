import type { PendingAudit } from '../records';

/** Tests only: a pending audit record of Ann deactivating bob by PATCH; what a test names differs. */
export const pendingAudit = (over: Partial<PendingAudit> = {}): PendingAudit => ({
  requestId: 'r1',
  actor: { sub: 'sub-ann', email: 'ann@example.com' },
  target: { id: 'u1', userName: 'bob' },
  action: 'deactivate',
  method: 'PATCH',
  reason: null,
  before: { active: true, version: 'W/"1"' },
  ...over,
});
