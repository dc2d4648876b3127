import { Badge } from '@/components/ui/badge';
import type { AuditState } from '@/lib/audit-vocabulary';

const BADGES: Record<AuditState, { label: string; tone: 'success' | 'neutral' | 'info' | 'warning' }> = {
  pending: { label: 'Pending', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'warning' },
  reconciled: { label: 'Reconciled', tone: 'neutral' },
};

export function OutcomeBadge({ outcome }: { outcome: AuditState }) {
  const { label, tone } = BADGES[outcome];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
