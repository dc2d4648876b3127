import type { ReactNode } from 'react';
import type { ActivationMethod } from '@/lib/audit-vocabulary';

type MethodOptionProps = {
  value: ActivationMethod;
  label: string;
  checked: boolean;
  onSelect: () => void;
  disabled?: boolean;
  hintId: string;
  hint: string;
  /** The hint warns (an irreversible method). */
  warn?: boolean;
  children?: ReactNode;
};

/** One radio of the Method group, with the hint that says what it does on this provider. */
export function MethodOption({
  value,
  label,
  checked,
  onSelect,
  disabled = false,
  hintId,
  hint,
  warn = false,
  children,
}: MethodOptionProps) {
  return (
    <div>
      <label className={`flex items-center gap-2 text-sm ${disabled ? 'opacity-60' : ''}`}>
        <input
          type="radio"
          name="method"
          value={value}
          checked={checked}
          onChange={onSelect}
          disabled={disabled}
          aria-describedby={hintId}
          className="size-4 accent-blue-700 dark:accent-blue-400"
        />
        <span className="font-mono">{label}</span>
      </label>
      <p
        id={hintId}
        className={`ml-6 text-xs ${warn ? 'font-medium text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
      >
        {hint}
      </p>
      {children}
    </div>
  );
}
