import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteUser, patchUserActive } from './api-client';

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('If-Match', () => {
  it('goes out with PATCH and DELETE whenever the admin saw a version; the API decides whether to forward it', async () => {
    const fetch = vi.fn(async () => ok({ user: null }));
    vi.stubGlobal('fetch', fetch);
    await patchUserActive('a', { active: false }, 'W/"3"');
    await deleteUser('a', {}, 'W/"4"');
    const sent = fetch.mock.calls.map((call) => {
      const init = (call as unknown as [string, RequestInit])[1];
      return [init.method, (init.headers as Record<string, string>)['If-Match']];
    });
    expect(sent).toEqual([
      ['PATCH', 'W/"3"'],
      ['DELETE', 'W/"4"'],
    ]);
  });

  it('is left out only when the provider gave the user no version', async () => {
    const fetch = vi.fn(async () => ok({ user: null }));
    vi.stubGlobal('fetch', fetch);
    await deleteUser('a', {}, null);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).not.toHaveProperty('If-Match');
  });
});
