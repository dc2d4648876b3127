import { describe, expect, it } from 'vitest';
import { classifyObservation, type CandidateRecord } from './observation-source';

const record = (over: Partial<CandidateRecord> = {}): CandidateRecord => ({
  id: 'rec-1',
  state: 'succeeded',
  afterVersion: 'W/"2"',
  afterActive: 0,
  finishedAt: '2026-01-01T00:00:10.000Z',
  ...over,
});
const last = { observedAt: '2026-01-01T00:00:05.000Z' };

describe('classifyObservation', () => {
  it('is the console’s when a finished activation left this version', () => {
    expect(classifyObservation({ version: 'W/"2"', active: 0 }, last, [record()])).toEqual({ source: 'console', activationId: 'rec-1' });
    expect(classifyObservation({ version: 'W/"2"', active: 0 }, last, [record({ state: 'reconciled' })])?.source).toBe('console');
  });

  it('is outside when nothing the console did explains it, and first-seen without an earlier observation', () => {
    expect(classifyObservation({ version: 'W/"3"', active: 0 }, last, [record()])).toEqual({ source: 'outside', activationId: null });
    expect(classifyObservation({ version: 'W/"3"', active: 0 }, undefined, [])).toEqual({ source: 'first-seen', activationId: null });
    // A failed attempt that happened to name the version does not explain it.
    expect(classifyObservation({ version: 'W/"2"', active: 0 }, last, [record({ state: 'failed' })])?.source).toBe('outside');
  });

  it('waits while an activation of the user is still pending', () => {
    expect(classifyObservation({ version: 'W/"2"', active: 0 }, last, [record(), record({ id: 'rec-2', state: 'pending' })])).toBeNull();
  });

  it('without versions, matches the active value left by an activation finished since the last observation', () => {
    const unversioned = record({ afterVersion: null, afterActive: 1 });
    expect(classifyObservation({ version: null, active: 1 }, last, [unversioned])?.source).toBe('console');
    expect(classifyObservation({ version: null, active: 0 }, last, [unversioned])?.source).toBe('outside');
    const older = { observedAt: '2026-01-01T00:00:20.000Z' };
    expect(classifyObservation({ version: null, active: 1 }, older, [unversioned])?.source).toBe('outside');
  });
});
