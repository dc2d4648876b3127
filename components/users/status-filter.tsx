import { useId } from 'react';
import type { UserCounts, UserStatus } from '@/lib/users/types';
import { formatCount } from '@/lib/format-count';

const OPTIONS: Array<{ value: UserStatus; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
];

/** A segmented control built from real radios, so arrow keys and screen readers work as usual. */
type StatusFilterProps = { value: UserStatus; onChange: (status: UserStatus) => void; counts?: UserCounts };

/** The counts are shown beside each radio but kept out of its name, which stays `All`, `Active`, `Inactive` (README contract). */
export function StatusFilter({ value, onChange, counts }: StatusFilterProps) {
  const id = useId();
  return (
    <fieldset role="radiogroup" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="mb-1 block text-sm font-medium">
        Status
      </legend>
      <div className="inline-flex h-10 items-center gap-1 rounded-md border border-slate-300 bg-slate-100 p-1 dark:border-slate-600 dark:bg-slate-800">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className="relative flex h-full items-center rounded px-3 text-sm font-medium text-slate-700 has-checked:bg-white has-checked:text-slate-900 has-checked:shadow-sm dark:text-slate-300 dark:has-checked:bg-slate-950 dark:has-checked:text-white"
          >
            {/* The input covers its label, so pointer and keyboard both reach the real radio. */}
            <input
              type="radio"
              name={`${id}-status`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="absolute inset-0 cursor-pointer appearance-none rounded"
            />
            <span className="pointer-events-none relative">{option.label}</span>
            {counts && counts[option.value] !== null ? (
              <span
                aria-hidden="true"
                className="pointer-events-none relative ml-1.5 text-xs font-normal text-slate-600 tabular-nums dark:text-slate-400"
              >
                {formatCount(counts[option.value]!)}
              </span>
            ) : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
