import { Badge } from '@/components/ui/badge';

/** Active or Inactive, in words; Inactive is the state people scan for, so it stands out. */
export function StatusBadge({ active }: { active: boolean }) {
  return (
    <Badge tone={active ? 'success' : 'warning'} dot>
      {active ? 'Active' : 'Inactive'}
    </Badge>
  );
}
