// The audit page's state lives in the URL (filters and the keyset cursor), so
// reload, Back and shared links keep it. Each value is checked on its own as
// the API checks it: one the API would refuse (a hand-edited or stale link) is
// left out of the form, the query and the export alike, and the page says so.
// Rules across fields (a range that ends before it starts) stay with the API,
// which answers 400 naming the field.
// Plain validators, not zod (about 20 kB gzip on every page): each accepts
// exactly what lib/server/api/schemas.ts#auditQuerySchema accepts for its field
// (lib/server/api/schemas.test.ts checks that).
import type { AuditListParams } from '@/lib/audit-log/query';
import { AUDIT_ACTIONS, AUDIT_STATES } from '@/lib/audit-vocabulary';
import { REASON_CODE_MAX, TICKET_MAX } from '@/lib/change-reason';

export const AUDIT_FILTER_KEYS = ['actor', 'target', 'action', 'outcome', 'job', 'reasonCode', 'ticket', 'from', 'to', 'webhooks'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export const AUDIT_PARAM_KEYS = [...AUDIT_FILTER_KEYS, 'cursor'] as const;
const KEYS = AUDIT_PARAM_KEYS;

// zod's own patterns (zod/v4/core/regexes.js): z.uuid(), z.iso.date(), z.iso.datetime({ offset: true }).
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))`;
const ISO_DATE = new RegExp(`^${DATE}$`);
const ISO_DATE_TIME = new RegExp(
  String.raw`^${DATE}T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$`,
);
const CURSOR = /^[A-Za-z0-9_-]+$/;

const lengthWithin = (min: number, max: number) => (v: string) => {
  const length = v.trim().length;
  return length >= min && length <= max;
};
const dateOrDateTime = (v: string) => ISO_DATE.test(v) || ISO_DATE_TIME.test(v);

const VALID: Record<(typeof KEYS)[number], (value: string) => boolean> = {
  actor: lengthWithin(1, 320),
  target: lengthWithin(1, 256),
  action: (v) => (AUDIT_ACTIONS as readonly string[]).includes(v),
  outcome: (v) => (AUDIT_STATES as readonly string[]).includes(v),
  job: (v) => UUID.test(v.trim()),
  reasonCode: lengthWithin(1, REASON_CODE_MAX),
  ticket: lengthWithin(1, TICKET_MAX),
  from: dateOrDateTime,
  to: dateOrDateTime,
  webhooks: (v) => v === 'undelivered',
  cursor: (v) => v.length <= 200 && CURSOR.test(v),
};

/** Whether the API would accept `value` for `key` ('' means no filter, so it is accepted). */
export function validAuditParam(key: (typeof KEYS)[number], value: string): boolean {
  return value === '' || VALID[key](value);
}

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
    if (validAuditParam(key, value)) params[key] = value;
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
