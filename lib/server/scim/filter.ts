// RFC 7644 §3.4.2.2 filters, built from user-typed text. Values are JSON
// string literals (RFC 7159), so `"` and `\` are escaped, and control
// characters too; every clause is parenthesised before being combined.

import type { UserStatus } from '@/lib/users/types';

export function scimString(value: string): string {
  return JSON.stringify(value);
}

const SEARCHED = ['userName', 'emails.value', 'name.familyName', 'name.givenName'] as const;

/** At most this many words are searched: each adds a clause a provider must evaluate. */
const MAX_WORDS = 5;

/**
 * The list filter: each word of `q` must match userName, an email or a name
 * (so "Zoë O'Brien" finds given name Zoë and family name O'Brien), and/or the
 * active flag. Undefined when there is nothing to filter.
 */
export function buildUserFilter(params: { q?: string; status?: UserStatus }): string | undefined {
  const clauses: string[] = [];
  const words = (params.q ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  for (const word of words) clauses.push(SEARCHED.map((attr) => `${attr} co ${scimString(word)}`).join(' or '));
  if (params.status === 'active') clauses.push('active eq true');
  if (params.status === 'inactive') clauses.push('active eq false');
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return clauses.map((c) => `(${c})`).join(' and ');
}
