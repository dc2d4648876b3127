// The audit page's state lives in the URL (filters and the keyset cursor), so
// reload, Back and shared links keep it. Each value is checked on its own with
// the API's schema: one the API would refuse (a hand-edited or stale link) is
// left out of the form, the query and the export alike, and the page says so.
// Rules across fields (a range that ends before it starts) stay with the API,
// which answers 400 naming the field.
import type { AuditListParams } from '@/lib/audit-log/query';
import { auditQuerySchema } from '@/lib/audit-log/types';

export const AUDIT_FILTER_KEYS = ['actor', 'target', 'action', 'outcome', 'job', 'from', 'to'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
const KEYS = [...AUDIT_FILTER_KEYS, 'cursor'] as const;

type SearchSource = { get(name: string): string | null | undefined };

export type ParsedAuditParams = {
  /** The known, valid, non-empty parameters in a fixed order (a stable query key). */
  params: AuditListParams;
  /** Parameters present but not valid, by URL name, in the same order. */
  ignored: string[];
};

/** Reads the URL's parameters one by one; an invalid value is dropped and named in `ignored`. */
export function parseAuditParams(search: SearchSource): ParsedAuditParams {
  const params: Record<string, string> = {};
  const ignored: string[] = [];
  for (const key of KEYS) {
    const value = search.get(key)?.trim();
    if (!value) continue;
    if (auditQuerySchema.shape[key].safeParse(value).success) params[key] = value;
    else ignored.push(key);
  }
  return { params, ignored };
}

/** The valid parameters only (see parseAuditParams). */
export function readAuditParams(search: SearchSource): AuditListParams {
  return parseAuditParams(search).params;
}

/** What the page says about the parameters it left out, or null when there are none. */
export function ignoredParamsMessage(ignored: readonly string[]): string | null {
  if (ignored.length === 0) return null;
  return `Some filters in the address were not understood and were ignored: ${ignored.join(', ')}.`;
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
