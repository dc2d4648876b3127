import { describe, expect, it } from 'vitest';
import { createAuditDb, migrate } from './db';
import { createEndedSessions } from './ended-sessions';

describe('ended sessions', () => {
  it('are remembered until their absolute expiry, then forgotten', async () => {
    const db = createAuditDb('file::memory:');
    await migrate(db);
    let t = Date.parse('2026-01-01T00:00:00Z');
    const ended = createEndedSessions(db, () => new Date(t));
    const s = t / 1000;
    expect(await ended.isEnded('a')).toBe(false);
    await ended.end('a', s + 60);
    await ended.end('a', s + 60); // signing out twice is fine
    await ended.end('b', s + 3600);
    expect(await ended.isEnded('a')).toBe(true);
    expect(await ended.isEnded('b')).toBe(true);
    t += 120_000;
    await ended.end('c', s + 7200);
    expect(await ended.isEnded('a')).toBe(false);
    expect(await ended.isEnded('b')).toBe(true);
  });
});
