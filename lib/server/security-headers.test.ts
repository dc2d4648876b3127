// next.config.ts's headers, as the README's Security section states them: HSTS only in
// production on https; nosniff, Referrer-Policy and no framing everywhere; API responses under a
// CSP that lets nothing run.
import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

/** The headers next.config.ts gives `source`, with lib/server/env.ts read from `vars`. */
async function headersWith(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  vi.resetModules();
  const { default: config } = await import('@/next.config');
  const rules = await config.headers!();
  return (source: string) => Object.fromEntries(rules.find((r) => r.source === source)!.headers.map((h) => [h.key, h.value]));
}

describe('security headers (next.config.ts)', () => {
  it('HSTS in production on https, with nosniff, Referrer-Policy and no framing; API responses run nothing', async () => {
    const headers = await headersWith({
      NODE_ENV: 'production',
      CONSOLE_URL: 'https://console.example.com',
      CONSOLE_DEMO: '1',
      AUTH_SECRET: 'y'.repeat(40),
    });
    expect(headers('/:path*')).toMatchObject({
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
    expect(headers('/api/:path*')['Content-Security-Policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('no HSTS on plain http, nor outside production', async () => {
    expect(
      await headersWith({
        NODE_ENV: 'production',
        CONSOLE_URL: 'http://localhost:3000',
        CONSOLE_DEMO: '1',
        AUTH_SECRET: 'y'.repeat(40),
      }).then((h) => h('/:path*')),
    ).not.toHaveProperty('Strict-Transport-Security');
    expect(
      await headersWith({ NODE_ENV: 'test', CONSOLE_URL: 'https://console.example.com' }).then((h) => h('/:path*')),
    ).not.toHaveProperty('Strict-Transport-Security');
  });
});
