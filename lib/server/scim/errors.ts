// The one error type the SCIM layer throws. `status` is the upstream's HTTP
// status, or 502/504 for failures of our own (unreadable body, redirect, timeout).

// 'service-token': the console's own credential could not be fetched (nothing was sent upstream).
// 'session': the admin's session has no SCIM base it may use (status 401: sign in again; nothing was sent).
export type ScimErrorKind = 'upstream' | 'network' | 'timeout' | 'bad-response' | 'redirect' | 'invalid-id' | 'service-token' | 'session';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: string;
  readonly detail: string;
  readonly kind: ScimErrorKind;
  /** Seconds, from Retry-After on a 429 (or Salesforce's limit), when the upstream gave one. */
  readonly retryAfter?: number;

  constructor(init: { status: number; detail: string; scimType?: string; kind?: ScimErrorKind; retryAfter?: number }) {
    super(init.detail);
    this.name = 'ScimError';
    this.status = init.status;
    this.detail = init.detail;
    this.scimType = init.scimType;
    this.kind = init.kind ?? 'upstream';
    this.retryAfter = init.retryAfter;
  }
}

export function isScimError(e: unknown): e is ScimError {
  return e instanceof ScimError;
}
