import type { NextConfig } from 'next';
import { NON_PAGE_CSP } from './lib/server/csp';
import { env } from './lib/server/env';

const isProd = env.NODE_ENV === 'production';

// Pages get their CSP, with a per-request nonce, from proxy.ts (lib/server/csp.ts);
// everything else (API JSON, CSV, assets) gets one under which nothing runs.
// See docs/decisions/0041-csp-nonce.md.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ...(isProd && env.CONSOLE_URL.startsWith('https://')
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_CSP }] },
    ];
  },
};

export default nextConfig;
