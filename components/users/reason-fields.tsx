// Why a change is made: `Reason code`, `Reason` and `Ticket`, shared by every
// form that changes users (one user, a bulk job). Checked here with the rules
// the API applies (lib/change-reason.ts), so a refused form names its field.
import { useRef, useState } from 'react';
import { errorClass, fieldClass, hintClass } from '@/components/ui/field';
import { OTHER_REASON_CODE, REASON_MAX, reasonProblem, TICKET_MAX, type ReasonProblem } from '@/lib/change-reason';
import { useReasonPolicy } from './reason-policy';

export type ReasonValues = { reasonCode: string; reason: string; ticket: string };

/** The fields' state, and `check()`: the values to send (undefined when not given), or null after focusing the field at fault. */
export function useReasonFields() {
  const policy = useReasonPolicy();
  const [values, setValues] = useState<ReasonValues>({ reasonCode: '', reason: '', ticket: '' });
  const [problem, setProblem] = useState<ReasonProblem | null>(null);
  const reasonCodeRef = useRef<HTMLSelectElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ticketRef = useRef<HTMLInputElement>(null);
  return {
    policy,
    values,
    problem,
    reasonCodeRef,
    reasonRef,
    ticketRef,
    set(field: keyof ReasonValues, value: string) {
      setValues((v) => ({ ...v, [field]: value }));
      if (problem?.field === field) setProblem(null);
    },
    check(): { reasonCode?: string; reason?: string; ticket?: string } | null {
      const found = reasonProblem(values, policy);
      setProblem(found);
      if (found) {
        ({ reasonCode: reasonCodeRef, reason: reasonRef, ticket: ticketRef })[found.field].current?.focus();
        return null;
      }
      return {
        reasonCode: values.reasonCode || undefined,
        reason: values.reason.trim() || undefined,
        ticket: values.ticket.trim() || undefined,
      };
    },
  };
}

type ReasonFields = ReturnType<typeof useReasonFields>;

/** The three fields; `savedWith` finishes the Reason hint ("Saved in the audit log with …"). */
export function ReasonFieldset({ id, fields, savedWith }: { id: string; fields: ReasonFields; savedWith: string }) {
  const { policy, values, problem, reasonCodeRef, reasonRef, ticketRef } = fields;
  const other = values.reasonCode === OTHER_REASON_CODE;
  const errorFor = (field: ReasonProblem['field']) => (problem?.field === field ? problem.message : null);
  const ticketRule = [
    policy.ticketRequired ? 'Required.' : 'Optional.',
    policy.ticketPattern ? `Must match ${policy.ticketPattern}.` : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-reason-code`} className="block text-sm font-medium">
          Reason code
        </label>
        <select
          ref={reasonCodeRef}
          id={`${id}-reason-code`}
          name="reasonCode"
          value={values.reasonCode}
          onChange={(e) => fields.set('reasonCode', e.target.value)}
          aria-invalid={errorFor('reasonCode') ? true : undefined}
          aria-describedby={errorFor('reasonCode') ? `${id}-reason-code-error` : undefined}
          className={fieldClass}
        >
          <option value="">No code</option>
          {policy.reasonCodes.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-reason-code-error`} message={errorFor('reasonCode')} />
      </div>

      <div className="space-y-1.5">
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          ref={reasonRef}
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          value={values.reason}
          onChange={(e) => fields.set('reason', e.target.value)}
          aria-required={other || undefined}
          aria-invalid={errorFor('reason') ? true : undefined}
          aria-describedby={`${id}-reason-hint${errorFor('reason') ? ` ${id}-reason-error` : ''}`}
          className={`${fieldClass} placeholder:text-slate-500 dark:placeholder:text-slate-400`}
        />
        <p id={`${id}-reason-hint`} className={`flex justify-between gap-4 ${hintClass}`}>
          <span>
            {other ? `Required with ${OTHER_REASON_CODE}.` : 'Optional.'} Saved in the audit log with {savedWith}.
          </span>
          <span aria-hidden="true">
            {values.reason.length}/{REASON_MAX}
          </span>
        </p>
        <FieldError id={`${id}-reason-error`} message={errorFor('reason')} />
      </div>

      <div className="space-y-1.5">
        <label htmlFor={`${id}-ticket`} className="block text-sm font-medium">
          Ticket
        </label>
        <input
          ref={ticketRef}
          id={`${id}-ticket`}
          name="ticket"
          value={values.ticket}
          maxLength={TICKET_MAX}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => fields.set('ticket', e.target.value)}
          aria-required={policy.ticketRequired || undefined}
          aria-invalid={errorFor('ticket') ? true : undefined}
          aria-describedby={`${id}-ticket-hint${errorFor('ticket') ? ` ${id}-ticket-error` : ''}`}
          className={`${fieldClass} max-w-xs font-mono`}
        />
        <p id={`${id}-ticket-hint`} className={hintClass}>
          {ticketRule} The change request or incident this answers to.
        </p>
        <FieldError id={`${id}-ticket-error`} message={errorFor('ticket')} />
      </div>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className={errorClass}>
      {message}
    </p>
  ) : null;
}
