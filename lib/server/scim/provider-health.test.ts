import { describe, expect, it } from 'vitest';
import { createScimClient } from './client';
import { ScimError } from './errors';
import { createProviderHealth, FAILURES_TO_OPEN } from './provider-health';
import { sendJson, testUpstreamForThisScope } from './testing/upstream';

const down = new ScimError({ status: 503, detail: 'Service Unavailable' });

describe('createProviderHealth', () => {
  it('opens after repeated outages, with the last error and the last success, and closes on the next answer', () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const health = createProviderHealth(() => now);
    expect(health.status()).toEqual({ available: true, lastError: null, lastSuccessAt: null });
    health.success();
    now += 60_000;
    for (let i = 1; i < FAILURES_TO_OPEN; i++) health.failure(down);
    expect(health.status().available).toBe(true);
    health.failure(new ScimError({ status: 504, kind: 'timeout', detail: 'The SCIM provider did not answer within 10 seconds.' }));
    expect(health.status()).toEqual({
      available: false,
      lastError: 'The SCIM provider did not answer within 10 seconds.',
      lastSuccessAt: '2026-01-01T10:00:00.000Z',
    });
    health.success();
    expect(health.status()).toEqual({ available: true, lastError: null, lastSuccessAt: '2026-01-01T10:01:00.000Z' });
  });

  it('counts refusals (4xx), bad ids and a failed service-token fetch as no outage', () => {
    const health = createProviderHealth();
    for (let i = 0; i < 5; i++) {
      health.failure(new ScimError({ status: 403, detail: 'no' }));
      health.failure(new ScimError({ status: 400, kind: 'invalid-id', detail: 'bad id' }));
      // The token endpoint failing is not the SCIM provider failing (docs/decisions/0052-provider-down.md).
      health.failure(new ScimError({ status: 502, kind: 'service-token', detail: 'no token' }));
    }
    expect(health.status().available).toBe(true);
  });
});

describe('the SCIM client feeds it', () => {
  const upstream = testUpstreamForThisScope();

  it('a GET failing every retry with 503 opens it; a 404 answer closes it', async () => {
    const health = createProviderHealth();
    const client = createScimClient({ baseUrl: upstream().baseUrl, timeoutMs: 2000, health, sleep: async () => {}, maxAttempts: 3 });
    upstream().handle((_req, res) => sendJson(res, 503, { status: '503', detail: 'maintenance' }));
    await expect(client.getUser('u1')).rejects.toBeInstanceOf(ScimError);
    expect(health.status()).toMatchObject({ available: false, lastError: 'maintenance' });
    upstream().handle((_req, res) => sendJson(res, 404, { status: '404', detail: 'no such user' }));
    await expect(client.getUser('u1')).rejects.toMatchObject({ status: 404 });
    expect(health.status().available).toBe(true);
  });

  it('connection refused counts as an outage', async () => {
    const health = createProviderHealth();
    const client = createScimClient({ baseUrl: 'http://127.0.0.1:1/scim', timeoutMs: 1000, health, sleep: async () => {}, maxAttempts: 3 });
    await expect(client.getUser('u1')).rejects.toMatchObject({ kind: 'network' });
    expect(health.status()).toMatchObject({ available: false, lastError: 'The SCIM provider could not be reached.' });
  });
});
