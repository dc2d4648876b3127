// The SCIM client's retry limits, in a module without `server-only` so
// lib/server/env.ts (loaded by next.config.ts in plain Node) can check the audit
// timeout against them (docs/decisions/0014-scim-retries.md, 0032-reconciliation.md).

/** Total tries for a retryable failure, the first included. */
export const SCIM_MAX_ATTEMPTS = 3;
/** A Retry-After longer than this is not waited out: the caller gets the 429. */
export const SCIM_MAX_RETRY_DELAY_MS = 5_000;

/** The longest one client call can take: every attempt timing out, with the longest wait between them. */
export function longestScimCallMs(timeoutMs: number): number {
  return SCIM_MAX_ATTEMPTS * timeoutMs + (SCIM_MAX_ATTEMPTS - 1) * SCIM_MAX_RETRY_DELAY_MS;
}
