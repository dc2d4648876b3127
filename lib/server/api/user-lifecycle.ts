import 'server-only';
// Attaches each user's lifecycle (lib/users/types.ts#UserLifecycle) to what the
// users API returns: whether the viewer may deactivate it, and for an inactive
// user why it is off, for a whole list page in two audit queries.

import { log } from '@/lib/server/log';
import { protectionOf } from '@/lib/server/protection';
import type { DeactivationSummary, User } from '@/lib/users/types';
import type { ApiContext } from './handler';
import { lastDeactivations } from './history';

type Scope = Pick<ApiContext, 'actor' | 'auditStore' | 'requestId'>;

/**
 * The users with `lifecycle` set. Without the audit log an inactive user gets
 * none (the page then says nothing rather than "no record"); the write path
 * still checks for itself.
 */
export async function withLifecycle(scope: Scope, users: readonly User[], protectedUsers: readonly string[]): Promise<User[]> {
  const inactive = users.filter((u) => !u.active).map((u) => u.id);
  let last: Map<string, DeactivationSummary | null> | null = new Map();
  if (inactive.length > 0) {
    try {
      last = await lastDeactivations(await scope.auditStore(), inactive);
    } catch (error) {
      log.error('audit read failed; list shown without why users are off', { requestId: scope.requestId, error });
      last = null;
    }
  }
  return users.map((user) => {
    if (!user.active && last === null) return user;
    return {
      ...user,
      lifecycle: {
        protection: protectionOf(user, scope.actor, protectedUsers),
        lastDeactivation: user.active ? null : (last?.get(user.id) ?? null),
      },
    };
  });
}
