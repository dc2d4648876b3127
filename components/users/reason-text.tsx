import type { ReactNode } from 'react';

type ReasonTextProps = { reasonCode: string | null; reason: string | null; ticket: string | null; fallback: ReactNode };

/** A change's reason code, reason and ticket as History and the audit log show them; `fallback` when none was given. */
export function ReasonText({ reasonCode, reason, ticket, fallback }: ReasonTextProps) {
  if (!reasonCode && !reason && !ticket) return fallback;
  return (
    <span className="block space-y-0.5">
      {reasonCode ? (
        <span className="block font-medium">
          <span className="sr-only">Reason code: </span>
          {reasonCode}
        </span>
      ) : null}
      {reason ? (
        <span className="block break-words whitespace-pre-wrap">
          <span className="sr-only">Reason: </span>“{reason}”
        </span>
      ) : null}
      {ticket ? <span className="block font-mono text-xs">Ticket {ticket}</span> : null}
    </span>
  );
}
