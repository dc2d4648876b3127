// The audit page's state lives in the URL (filters and the keyset cursor), so
// reload, Back and shared links keep it. Values are passed to the API as they
// are: it validates them and answers 400 naming the field, shown in an alert.
import type { AuditListParams } from '@/lib/audit-log/query';

export const AUDIT_FILTER_KEYS = ['actor', 'target', 'action', 'outcome', 'from', 'to'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
const KEYS = [...AUDIT_FILTER_KEYS, 'cursor'] as const;

type SearchSource = { get(name: string): string | null | undefined };

/** The known, non-empty parameters in a fixed order (a stable query key). */
export function readAuditParams(search: SearchSource): AuditListParams {
  const params: Record<string, string> = {};
  for (const key of KEYS) {
    const value = search.get(key)?.trim();
    if (value) params[key] = value;
  }
  return params;
}

export function filtersOf(params: AuditListParams): AuditListParams {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'cursor'));
}

export function auditQueryString(params: AuditListParams): string {
  const query = new URLSearchParams(readAuditParams(new Map(Object.entries(params)))).toString();
  return query ? `?${query}` : '';
}

// Keyset cursors only lead forward. To offer "Previous page", remember in this tab
// which page each cursor was reached from (per filter set; '' is the first page).
const PREVIOUS_KEY = 'scim-console:audit-previous';

function previousMap(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(PREVIOUS_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

const pageId = (params: AuditListParams) => `${auditQueryString(filtersOf(params))}#${params.cursor ?? ''}`;

export function rememberPrevious(from: AuditListParams, to: AuditListParams) {
  const map = previousMap();
  map[pageId(to)] = from.cursor ?? '';
  sessionStorage.setItem(PREVIOUS_KEY, JSON.stringify(map));
}

/** The cursor of the page before this one ('' = the first page), or null when this tab does not know it. */
export function previousCursor(params: AuditListParams): string | null {
  if (!params.cursor) return null;
  return previousMap()[pageId(params)] ?? null;
}
