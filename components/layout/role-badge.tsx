import type { Role } from '@/lib/authz';
import { Badge } from '@/components/ui/badge';

const LABELS: Record<Role, string> = {
  admin: 'Admin',
  helpdesk: 'Helpdesk',
  auditor: 'Auditor',
  none: 'No role',
};

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={role === 'none' ? 'warning' : role === 'admin' ? 'info' : 'neutral'}>{LABELS[role]}</Badge>;
}
