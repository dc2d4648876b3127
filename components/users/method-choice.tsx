// The Method choice of a deactivation (PATCH active=false or DELETE), shared by the
// single-user and the bulk confirm dialogs: DELETE is labelled by what it really does
// on this provider, and offered only once that is known (never a guess).
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { ActivationMethod } from '@/lib/audit-vocabulary';
import { DELETE_EFFECT_LABELS, type DeleteEffect } from '@/lib/users/delete-effect';
import { useCapabilities } from '@/lib/users/use-capabilities';

/** What DELETE would do here, and what the chosen method then means. */
export function useDeleteChoice(offered: boolean, method: ActivationMethod) {
  const known = useCapabilities({ enabled: offered });
  const effect = known.data?.provider.deleteEffect;
  const choosesMethod = offered && effect !== 'unsupported';
  const deleting = choosesMethod && effect !== undefined && method === 'DELETE';
  const irreversible = deleting && effect === 'removes-irreversibly';
  return {
    effect,
    choosesMethod,
    checkFailed: effect === undefined && known.isError && !known.isFetching,
    recheck: () => void known.refetch(),
    deleting,
    irreversible,
    removes: deleting && (effect === 'removes' || irreversible),
  };
}

type DeleteChoice = ReturnType<typeof useDeleteChoice>;

/** What the DELETE option's hint says, from what the provider is known to do with it. */
export function deleteHint(effect: DeleteEffect | undefined, checkFailed: boolean): string {
  if (effect) return `On this provider: ${DELETE_EFFECT_LABELS[effect]}.`;
  if (checkFailed) return 'Could not check what DELETE means on this provider, so it is not offered. Use PATCH, or check again.';
  return 'Checking what DELETE means on this provider…';
}

/** The radio group `Method` with `PATCH active=false` and `DELETE` (README's accessible names). */
export function MethodChoice({
  id,
  method,
  onChange,
  choice,
  patchHint,
}: {
  id: string;
  method: ActivationMethod;
  onChange: (method: ActivationMethod) => void;
  choice: DeleteChoice;
  /** What PATCH does, in the dialog's own number (one account or many). */
  patchHint: string;
}) {
  const { effect, checkFailed } = choice;
  return (
    <fieldset role="radiogroup" aria-labelledby={`${id}-method`} className="space-y-2">
      <legend id={`${id}-method`} className="text-sm font-medium">
        Method
      </legend>
      <div className="space-y-2">
        <MethodOption
          value="PATCH"
          label="PATCH active=false"
          checked={method === 'PATCH'}
          onSelect={() => onChange('PATCH')}
          hintId={`${id}-patch-hint`}
          hint={patchHint}
        />
        <MethodOption
          value="DELETE"
          label="DELETE"
          checked={method === 'DELETE'}
          onSelect={() => onChange('DELETE')}
          disabled={effect === undefined}
          hintId={`${id}-delete-hint`}
          warn={effect === 'removes' || effect === 'removes-irreversibly'}
          hint={deleteHint(effect, checkFailed)}
        >
          {checkFailed ? (
            <Button size="sm" variant="ghost" className="mt-1 ml-4" onClick={choice.recheck}>
              Check again
            </Button>
          ) : null}
        </MethodOption>
      </div>
    </fieldset>
  );
}

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
function MethodOption({ value, label, checked, onSelect, disabled = false, hintId, hint, warn = false, children }: MethodOptionProps) {
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
