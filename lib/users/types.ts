// Client-safe shapes the console's API returns. SCIM wire JSON is reshaped into
// these once, in lib/scim; components never see `urn:` schema names.
// Plain types and constants, no zod: the browser bundles this file. The API's
// schemas are in lib/server/api/schemas.ts, built from the constants here.
import type { ReactivationPolicy } from '@/lib/schedule/reactivation-policy';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import type { DeleteEffect } from './delete-effect';

export const USER_STATUSES = ['all', 'active', 'inactive'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export type UserMeta = {
  created: string | null;
  lastModified: string | null;
  /** Weak ETag such as W/"3"; null where the provider sends none. */
  version: string | null;
  location: string | null;
  resourceType: string | null;
};

export type User = {
  id: string;
  userName: string;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
  meta: UserMeta;
  /**
   * Every email value (`email` is the primary one) and the provider's externalId: what "your own account" is matched by.
   * An externalId also means an identity provider provisions the user (lib/users/idp-managed.ts).
   */
  emails?: string[];
  externalId?: string | null;
  /** What the console knows of this user beyond the provider's data; the users API attaches it (list, read, change). */
  lifecycle?: UserLifecycle;
};

/** Why the console will not deactivate a user: it is the signed-in admin's own account, or listed in PROTECTED_USERS. */
export type Protection = 'self' | 'protected';

/** The latest deactivation the console knows of (lib/users/deactivation-summary.ts). */
export type DeactivationSummary = {
  at: string;
  /** Who did it; null when it happened outside the console. */
  by: string | null;
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
};

/**
 * The user's status as the console sees it, for the viewer: the "why is this
 * user off?" summary and whether it may be deactivated here. Further facts about
 * the user's lifecycle (a scheduled change) join this object, and the status
 * line and the badge's description read them from here (lib/users/deactivation-summary.ts#inactiveDescription).
 */
export type UserLifecycle = {
  /** Null: the console may deactivate this user. */
  protection: Protection | null;
  /** For an inactive user, its latest deactivation (null: the console has no record of it); null for an active user. */
  lastDeactivation: DeactivationSummary | null;
};

export type UserPage = {
  users: User[];
  totalResults: number;
  /** 1-based, as in SCIM. */
  startIndex: number;
  itemsPerPage: number;
  /** Read by keyset (`id gt` the cursor) because the provider refused startIndex: Next extends the cursor trail. */
  keyset?: boolean;
};

/** The columns the list can be sorted by (SCIM attribute paths); a whitelist, never passed through raw. */
export const USER_SORT_BYS = ['userName', 'meta.lastModified'] as const;
export type UserSortBy = (typeof USER_SORT_BYS)[number];
export const SORT_ORDERS = ['ascending', 'descending'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Bounds and defaults of GET /api/users's parameters (the API's schema and the page's URL parser share them). */
export const USER_LIST_LIMITS = { qMaxLength: 200, startIndexMax: 1_000_000, countMax: 200, afterMaxLength: 16_000 } as const;
export const USER_LIST_DEFAULTS = { q: '', status: 'all', startIndex: 1, count: 25 } as const satisfies Partial<UserListParams>;

export type UserListParams = {
  q: string;
  status: UserStatus;
  startIndex: number;
  count: number;
  /** Absent: the provider's own order. */
  sortBy?: UserSortBy;
  /** Meaningful only with sortBy; absent means ascending (RFC 7644 §3.4.2.3). */
  sortOrder?: SortOrder;
  /**
   * Keyset cursors, comma-separated (ids never hold a comma): the last is the id of the row
   * before this page, used only if the provider refuses startIndex; earlier ones lead back.
   */
  after?: string;
};

/** GET /api/users/counts: how many users match a search, by status; null where the provider cannot filter by status. */
export type UserCounts = { all: number; active: number | null; inactive: number | null };

/** Why a change is made, as a body sends it (lib/change-reason.ts has the rules). */
export type ChangeReasonBody = { reasonCode?: string; reason?: string; ticket?: string };

/** `hours`/`until`: a time-boxed reactivation (docs/decisions/0111-time-boxed-reactivation.md). */
export type ActivationBody = { active: boolean; hours?: number; until?: string } & ChangeReasonBody;

/** Every error the console's API returns. `current` accompanies a 412. */
export type ApiError = {
  error: { status: number; message: string; scimType?: string; requestId: string };
  current?: User;
};

/** What the provider supports, discovered from its ServiceProviderConfig. */
export type ProviderCapabilities = {
  etag: boolean;
  maxResults: number;
  /** DELETE deactivates (Salesforce) rather than removing the account. */
  deleteDeactivates: boolean;
  /** The provider honours sortBy/sortOrder on GET /Users (SPC `sort.supported`). */
  sort: boolean;
};

/** What the console knows about the provider beyond discovery (docs/decisions/0051-provider-profiles.md). */
export type ProviderInfo = {
  /** SCIM_PROVIDER, or inferred: salesforce, okta, entra, github, atlassian, slack, better-auth, generic. */
  id: string;
  label: string;
  /** What DELETE really does. */
  deleteEffect: DeleteEffect;
  /** Whether the list can be filtered by status; false hides the status filter. */
  activeFilter: boolean;
  /** Every user is provisioned by an identity provider that may undo a console change. */
  idpManaged: boolean;
  /** Whose credential the admin's SCIM calls carry (SCIM_AUTH). */
  scimAuth: 'user' | 'service';
  /** The console has a credential of its own, for work no admin is signed in for. */
  serviceIdentity: boolean;
};

/** GET /api/capabilities. */
export type CapabilitiesResponse = {
  capabilities: ProviderCapabilities;
  provider: ProviderInfo;
  /** Whether reactivations can be time-boxed and changes scheduled, and helpdesk's limit (0111-time-boxed-reactivation.md). */
  reactivation: ReactivationPolicy;
};

/**
 * One line of a user's History (GET /api/users/:id/history), newest first:
 * activation attempts made through the console, and changes the console saw
 * but did not make (`outside-change`, actor null).
 */
export type HistoryEntry = {
  id: string;
  /** UTC ISO 8601: when the attempt started, or when the outside change was seen. */
  at: string;
  /** `scheduled`: a change was scheduled (or a reactivation given an end); `schedule-ended`: it was skipped or cancelled. */
  kind: 'deactivated' | 'reactivated' | 'failed' | 'pending' | 'outside-change' | 'reconciled' | 'scheduled' | 'schedule-ended';
  /** How the console changed it; null for outside changes. */
  method: ActivationMethod | null;
  /** Who did it; null means outside the console. */
  actor: { sub: string; email: string | null } | null;
  /** What the attempt asked for ('failed', 'pending' and 'reconciled' keep it); null for outside changes. */
  action: ActivationAction | null;
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
  versionBefore: string | null;
  versionAfter: string | null;
  activeBefore: boolean | null;
  activeAfter: boolean | null;
  /** The upstream's message for a failed attempt; for a reconciled one, how it was settled. */
  error: string | null;
  /** An outside change that put back what the console's change just before it had changed ("Changed back outside the console"). */
  changedBack?: true;
  /** A DELETE after which the provider had no such user: the account was removed, not deactivated. */
  removed?: true;
  /** A scheduled change or a reactivation's expiry this entry is, or was made by (0110-scheduled-changes-are-jobs.md). */
  schedule?: HistorySchedule;
};

export type HistorySchedule = {
  kind: 'scheduled' | 'expiry';
  /** When it was due (UTC ISO), and the admin's time zone. */
  runAt: string;
  timeZone: string | null;
  /** It ran more than two scheduler ticks after it was due (every console instance was down). */
  late: boolean;
  /** Where it stands: `queued` (waiting), `succeeded`, `skipped`, `cancelled`, … */
  state: 'queued' | 'running' | 'succeeded' | 'skipped' | 'failed' | 'cancelled';
  /** Why it was skipped or cancelled. */
  detail: string | null;
};

export type HistoryResponse = { entries: HistoryEntry[] };

/** GET /api/scim-status: whether the SCIM provider is answering this console (docs/decisions/0052-provider-down.md). */
export type ProviderStatus = {
  available: boolean;
  /** The last failure's message, while unavailable. */
  lastError: string | null;
  /** ISO time of the provider's last answer; null when none since the console started. */
  lastSuccessAt: string | null;
};
