// What a DELETE really does at the provider (docs/decisions/0051-provider-profiles.md),
// and the words the UI uses for it.

export type DeleteEffect = 'deactivates' | 'removes' | 'removes-irreversibly' | 'unsupported';

export const DELETE_EFFECT_LABELS: Record<DeleteEffect, string> = {
  deactivates: 'Deactivates the account and keeps it',
  removes: 'Removes the account; it can be restored',
  'removes-irreversibly': 'Removes the account permanently; it cannot be restored',
  unsupported: 'Not supported by this provider',
};
