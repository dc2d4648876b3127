// The audit log's words as the page shows them, for the table, its badges and the filters alike.
import type { AuditAction, AuditState } from '@/lib/audit-vocabulary';

export const ACTION_LABELS: Record<AuditAction, string> = {
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  'sign-in': 'Sign-in',
  'sign-out': 'Sign-out',
};

export const OUTCOME_LABELS: Record<AuditState, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  reconciled: 'Reconciled',
};
