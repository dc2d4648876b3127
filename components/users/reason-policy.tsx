'use client';
// The console's reason-code and ticket rules (REASON_CODES, TICKET_PATTERN,
// TICKET_REQUIRED), handed from the server layout to every form that changes
// users, so a form checks what the API will check before it sends.
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_REASON_CODES, type ReasonPolicy } from '@/lib/change-reason';

const ReasonPolicyContext = createContext<ReasonPolicy>({ reasonCodes: DEFAULT_REASON_CODES, ticketPattern: null, ticketRequired: false });

export function ReasonPolicyProvider({ policy, children }: { policy: ReasonPolicy; children: ReactNode }) {
  return <ReasonPolicyContext value={policy}>{children}</ReasonPolicyContext>;
}

export const useReasonPolicy = () => useContext(ReasonPolicyContext);
