import { describe, expect, it } from 'vitest';
import { requestIdsFrom } from './request-id';

describe('requestIdsFrom', () => {
  it('always generates the id, keeping a client’s only as clientRequestId', () => {
    const ids = requestIdsFrom(new Headers({ 'x-request-id': 'client-chosen-id-1' }));
    expect(ids.requestId).not.toBe('client-chosen-id-1');
    expect(ids.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids.clientRequestId).toBe('client-chosen-id-1');
    expect(requestIdsFrom(new Headers()).clientRequestId).toBeUndefined();
    expect(requestIdsFrom(new Headers({ 'x-request-id': 'bad id; forged=1' })).clientRequestId).toBeUndefined();
  });
});
