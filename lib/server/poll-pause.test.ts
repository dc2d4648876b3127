import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPollPause } from './poll-pause';

afterEach(() => vi.useRealTimers());

describe('createPollPause', () => {
  it('waits the poll interval, or ends at once when woken', async () => {
    vi.useFakeTimers();
    const p = createPollPause();
    let ended = false;
    void p.pause(500).then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toBe(true);

    ended = false;
    void p.pause(500).then(() => (ended = true));
    p.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toBe(true);
  });

  it('keeps a wake that came while the loop was working, once', async () => {
    vi.useFakeTimers();
    const p = createPollPause();
    p.wake(); // no pause under way: the loop is ticking
    let ended = false;
    void p.pause(500).then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toBe(true);
    // The kept wake is used up: the next pause waits again.
    ended = false;
    void p.pause(500).then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(ended).toBe(false);
  });
});
