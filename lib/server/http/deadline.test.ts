import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline';

afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('clears its timer as soon as the call settles, so nothing outlives the request', async () => {
    vi.useFakeTimers();
    await expect(withDeadline(10_000, async () => 'answered')).resolves.toBe('answered');
    await expect(withDeadline(10_000, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts a call that outlives the deadline with a TimeoutError', async () => {
    vi.useFakeTimers();
    const hanging = withDeadline(
      50,
      (signal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    );
    const outcome = expect(hanging).rejects.toMatchObject({ name: 'TimeoutError' });
    await vi.advanceTimersByTimeAsync(50);
    await outcome;
  });
});
