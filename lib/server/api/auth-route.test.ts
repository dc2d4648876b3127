import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { guardedAuthRoute } from './auth-route';

function setup() {
  const inner = vi.fn(async (request: NextRequest) => new Response(`saw ${request.method} ${await request.text()}`));
  const route = guardedAuthRoute(inner);
  const call = (path: string[], init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
    route(new NextRequest(`http://console.test/api/auth/${path.join('/')}`, init), { params: Promise.resolve({ nextauth: path }) });
  return { inner, call };
}

describe('the next-auth route', () => {
  it('answers 404 for _log, whatever the method, without reaching next-auth', async () => {
    const { inner, call } = setup();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await call(['_log'], { method: 'POST', headers: form, body: 'level=error&code=x' })).status).toBe(404);
    expect((await call(['_log'])).status).toBe(404);
    expect(inner).not.toHaveBeenCalled();
  });

  it('refuses a body over 16 kB, chunked or not, and passes smaller ones through intact', async () => {
    const { inner, call } = setup();
    const big = 'a='.padEnd(16 * 1024 + 1, 'x');
    expect((await call(['signout'], { method: 'POST', body: big })).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    expect(
      (await call(['signout'], { method: 'POST', body: stream, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1])).status,
    ).toBe(413);
    expect(inner).not.toHaveBeenCalled();
    const ok = await call(['signout'], { method: 'POST', body: 'csrfToken=abc' });
    expect(await ok.text()).toBe('saw POST csrfToken=abc');
    expect((await call(['session'])).status).toBe(200);
  });
});
