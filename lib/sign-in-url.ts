// Building and reading /signin URLs. Pure, so pages and client leaves share it.

const DEFAULT_CALLBACK = '/users';

/**
 * Accepts only same-origin relative paths ("/users?q=a"); anything else
 * (absolute URLs, "//host", "/\host", the sign-in page itself, the API) falls
 * back to the users list, so the sign-in page cannot become an open redirect.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return DEFAULT_CALLBACK;
  }
  try {
    const base = 'http://console.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return DEFAULT_CALLBACK;
    if (url.pathname === '/signin' || url.pathname.startsWith('/api/')) return DEFAULT_CALLBACK;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_CALLBACK;
  }
}

/**
 * Where Sign out lands. Signing out ends only the console's session, not the
 * identity provider's: from here the next sign-in asks it for credentials
 * again (prompt=login), so a shared desk does not sign the last person back in.
 */
export const SIGNED_OUT_PATH = '/signin?signedOut=1';

/**
 * Also remembered in this browser until someone signs in again, so a sign-in
 * that starts elsewhere (a bookmark sent to /signin by the proxy) asks too.
 */
export const SIGNED_OUT_KEY = 'scim-console:signed-out';

export function signInPath({ callbackUrl, error }: { callbackUrl?: string; error?: 'SessionExpired' } = {}): string {
  const params = new URLSearchParams();
  if (error) params.set('error', error);
  if (callbackUrl && callbackUrl !== DEFAULT_CALLBACK) params.set('callbackUrl', callbackUrl);
  const query = params.toString();
  return query ? `/signin?${query}` : '/signin';
}

/** The current page's path and query, rebuilt from a page's searchParams. */
export function pathWithSearch(pathname: string, searchParams: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Shown on /signin?error=SessionExpired and by the API client when a call answers 401. */
export const SESSION_EXPIRED_MESSAGE = 'Your session ended. Sign in again.';

const MESSAGES: Record<string, string> = {
  SessionExpired: SESSION_EXPIRED_MESSAGE,
  SessionRequired: 'Sign in to continue.',
  AccessDenied: 'The identity provider did not allow this sign-in.',
  OAuthSignin:
    'Could not start sign-in with the identity provider. Try again, or ask an administrator to check the console’s sign-in settings.',
  OAuthCallback:
    'The identity provider’s answer could not be verified. Try again, or ask an administrator to check the console’s sign-in settings.',
  OAuthAccountNotLinked: 'This account is already linked to another sign-in method.',
  Callback: 'Sign-in could not be completed. Try again.',
  Configuration: 'The console’s sign-in is not configured correctly. Ask an administrator.',
  Verification: 'The sign-in link is no longer valid. Try again.',
};

/** A message for next-auth's `?error=` codes; unknown codes get a generic one. */
export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? 'Sign-in failed. Try again.';
}
