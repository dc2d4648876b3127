import 'server-only';
// When a webhook delivery that failed is tried again (docs/decisions/0100-webhook-outbox.md):
// exponential backoff with jitter, capped, for the whole retry window (at least 24 hours)
// counted from the event; the last attempt falls at the window's end, then the delivery fails.

export type RetryPolicy = {
  /** The first retry's delay before jitter. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
  /** Retries go on this long after the event was written. */
  windowMs: number;
};

/**
 * The wait after the `failures`-th failed attempt in a row: base × 2^(failures−1), capped,
 * with "equal jitter" (between half and all of it), so instances that failed together
 * spread out and the wait still grows.
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** When to try again after `failures` failed attempts at `now`, or null once the window from `createdAt` is over. */
export function nextAttemptAt(
  createdAt: Date,
  failures: number,
  now: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Date | null {
  const end = createdAt.getTime() + policy.windowMs;
  if (now.getTime() >= end) return null;
  return new Date(Math.min(end, now.getTime() + retryDelayMs(failures, policy, random)));
}
