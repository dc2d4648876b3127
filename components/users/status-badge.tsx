import { useId } from 'react';
import { Badge } from '@/components/ui/badge';

/**
 * Active or Inactive, in words; Inactive is the state people scan for, so it
 * stands out. `description`: why an inactive user is off
 * (lib/users/deactivation-summary.ts#inactiveDescription), as the badge's
 * accessible description and its tooltip.
 */
export function StatusBadge({ active, description }: { active: boolean; description?: string | null }) {
  const id = useId();
  return (
    <>
      <Badge tone={active ? 'success' : 'warning'} dot describedBy={description ? id : undefined} title={description ?? undefined}>
        {active ? 'Active' : 'Inactive'}
      </Badge>
      {description ? (
        <span id={id} hidden>
          {description}
        </span>
      ) : null}
    </>
  );
}
