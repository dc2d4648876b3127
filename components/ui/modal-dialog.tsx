'use client';

import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

type ModalDialogProps = {
  title: string;
  description: ReactNode;
  /** Focused when the dialog opens; else the browser focuses the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Called once the dialog has closed, by the caller's `close`, Escape or the browser. */
  onClose: () => void;
  /** The dialog's body; a control in it closes the dialog with closeEnclosingDialog. */
  children: ReactNode;
};

/**
 * A modal <dialog>, open while mounted: the browser keeps focus inside it and
 * closes it on Escape. Named by its title, described by its description, and
 * on close focus goes back to the element that had it when the dialog opened.
 */
export function ModalDialog({ title, description, initialFocus, onClose, children }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<Element | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    openerRef.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
  }, [initialFocus]);

  function handleClose() {
    const opener = openerRef.current;
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onClose={handleClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="space-y-5 p-6">
        <div className="space-y-2">
          <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight [overflow-wrap:anywhere]">
            {title}
          </h2>
          <p id={`${id}-description`} className="text-sm text-slate-700 dark:text-slate-300">
            {description}
          </p>
        </div>
        {children}
      </div>
    </dialog>
  );
}

/** Closes the dialog an element sits in (a Cancel button, a submitted form); focus then returns to the opener. */
export function closeEnclosingDialog(element: Element) {
  element.closest('dialog')?.close();
}
