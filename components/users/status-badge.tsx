import { useId } from 'react';
import { Badge } from '@/components/ui/badge';
import { useNow } from '@/components/ui/date-time';
import { inactiveDescription } from '@/lib/users/deactivation-summary';
import type { User } from '@/lib/users/types';

/**
 * Active or Inactive, in words; Inactive is the state people scan for, so it
 * stands out. For an inactive user, why it is off
 * (lib/users/deactivation-summary.ts#inactiveDescription) is the badge's
 * accessible description and its tooltip; its time is UTC on the server and
 * while hydrating, the viewer's after (components/ui/date-time.tsx#useNow).
 */
export function StatusBadge({ user }: { user: User }) {
  const id = useId();
  const description = inactiveDescription(user, useNow() !== null);
  return (
    <>
      <Badge tone={user.active ? 'success' : 'warning'} dot describedBy={description ? id : undefined} title={description ?? undefined}>
        {user.active ? 'Active' : 'Inactive'}
      </Badge>
      {description ? (
        <span id={id} hidden>
          {description}
        </span>
      ) : null}
    </>
  );
}
