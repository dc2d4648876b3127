'use client';
// Whether reactivations can be time-boxed and changes scheduled (a service identity exists),
// helpdesk's limit, and the viewer's role: handed from the server layout to every form that
// reactivates or schedules (docs/decisions/0111-time-boxed-reactivation.md).
import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@/lib/authz';
import type { ReactivationPolicy } from '@/lib/schedule/reactivation-policy';

type Lifecycle = { policy: ReactivationPolicy; role: Role };

const ReactivationPolicyContext = createContext<Lifecycle>({ policy: { timeBoxed: false, helpdeskMaxHours: 0 }, role: 'none' });

export function ReactivationPolicyProvider({ value, children }: { value: Lifecycle; children: ReactNode }) {
  return <ReactivationPolicyContext value={value}>{children}</ReactivationPolicyContext>;
}

export const useReactivationPolicy = () => useContext(ReactivationPolicyContext);
