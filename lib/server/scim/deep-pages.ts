import 'server-only';
// Providers that refuse a deep startIndex (Salesforce: 400 "Start index too big"
// past 2,000) are paged on by keyset: `id gt "<last id seen>"`, in id order
// (docs/decisions/0053-deep-pages-by-keyset.md).

import { ScimError } from './errors';
import { scimString } from './filter';

/**
 * Whether `error` is the provider refusing a deep page: a 400 whose detail names the
 * start index, or (a profile's `deepPagesRefusedAs: 'any-400'`) any 400 past the first row.
 */
export function refusesDeepStartIndex(error: unknown, startIndex: number, anyBadRequest: boolean): boolean {
  if (!(error instanceof ScimError) || error.kind !== 'upstream' || error.status !== 400 || startIndex <= 1) return false;
  return anyBadRequest || /start\s*index/i.test(error.detail);
}

/** The search's filter, narrowed to the users after `afterId` in id order. */
export function keysetFilter(filter: string | undefined, afterId: string): string {
  const clause = `id gt ${scimString(afterId)}`;
  return filter ? `(${filter}) and ${clause}` : clause;
}
