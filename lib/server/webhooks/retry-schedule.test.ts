import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs, type RetryPolicy } from './retry-schedule';

const HOUR = 3_600_000;
const policy: RetryPolicy = { baseMs: 5_000, maxMs: HOUR, windowMs: 72 * HOUR };

describe('webhook retry schedule', () => {
  it('doubles from the base up to the cap, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(retryDelayMs(30, policy, () => 1)).toBe(HOUR);
    expect(retryDelayMs(30, policy, () => 0)).toBe(HOUR / 2);
    // Two instances that failed together retry apart.
    expect(retryDelayMs(3, policy, () => 0.1)).not.toBe(retryDelayMs(3, policy, () => 0.9));
  });

  it('keeps retrying for the whole window, at least 24 hours, then gives up', () => {
    // A fake clock: every attempt fails at once, the next starts when it is due.
    for (const random of [() => 0, () => 0.5, () => 1]) {
      const created = new Date('2026-03-29T00:30:00Z');
      let now = created;
      const attempts: Date[] = [now];
      for (let failures = 1; ; failures++) {
        const next = nextAttemptAt(created, failures, now, policy, random);
        if (!next) break;
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        attempts.push((now = next));
      }
      const span = attempts.at(-1)!.getTime() - created.getTime();
      expect(span).toBe(policy.windowMs);
      expect(span).toBeGreaterThanOrEqual(24 * HOUR);
      // Exponential, then capped: about 72 tries at 1/2–1 hour after the first dozen, never a busy loop.
      expect(attempts.length).toBeGreaterThan(70);
      expect(attempts.length).toBeLessThan(160);
    }
  });

  it('gives up only once the window is over, with one last try at its end', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const nearEnd = new Date(created.getTime() + policy.windowMs - 1_000);
    expect(nextAttemptAt(created, 40, nearEnd, policy, () => 1)).toEqual(new Date(created.getTime() + policy.windowMs));
    expect(nextAttemptAt(created, 40, new Date(created.getTime() + policy.windowMs), policy)).toBeNull();
  });
});
