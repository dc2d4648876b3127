import { Badge } from '@/components/ui/badge';
import type { AuditState } from '@/lib/audit-vocabulary';
import { OUTCOME_LABELS } from './audit-labels';

const TONES: Record<AuditState, 'success' | 'neutral' | 'info' | 'warning'> = {
  pending: 'info',
  succeeded: 'success',
  failed: 'warning',
  reconciled: 'neutral',
};

export function OutcomeBadge({ outcome }: { outcome: AuditState }) {
  return (
    <Badge tone={TONES[outcome]} dot>
      {OUTCOME_LABELS[outcome]}
    </Badge>
  );
}
