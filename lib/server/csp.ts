// The Content-Security-Policy of pages, with a fresh nonce per request: Next
// reads the nonce from the request's CSP header and puts it on its own
// scripts. proxy.ts sets it (no `server-only` here: proxy bundles do not use
// the react-server condition). See docs/decisions/0041-csp-nonce.md.
import { env } from './env';

const issuerOrigin = new URL(env.AUTH_OIDC_ISSUER).origin;
const isProd = env.NODE_ENV === 'production';

/** 128 random bits, base64: unguessable per response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load run too; 'self' is ignored by
    // browsers that know 'strict-dynamic'. No 'unsafe-inline' for scripts.
    // Dev mode's React needs eval for its stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isProd ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // Chrome applies form-action to the redirect after the sign-in POST.
    `form-action 'self' ${issuerOrigin}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For everything that is not a page (API JSON, CSV): nothing may run or embed it. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
