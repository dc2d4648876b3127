// The rules a SCIM base must meet, whether configured (SCIM_BASE_URL) or learned at
// sign-in (Salesforce's `instance_url`): http(s), no credentials, query or fragment,
// and in production https (plain http only to loopback). See
// docs/decisions/0013-scim-url-safety.md and 0055-salesforce-instance-url.md.
// No `server-only`: lib/server/env.ts applies the same rules at start-up.

export const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** What is wrong with `url` as a place to send an admin's token, or null. */
export function scimUrlProblem(url: string, production: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an http(s) URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http(s) URL';
  if (parsed.username || parsed.password) return 'must not carry credentials (user:password@)';
  if (parsed.search || parsed.hash || url.includes('?') || url.includes('#')) return 'must not carry a query or fragment';
  if (production && parsed.protocol === 'http:' && !LOOPBACK_HOST.test(parsed.hostname))
    return 'must be https:// in production (plain http:// only to localhost)';
  return null;
}

/** Salesforce's SCIM base under an org's `instance_url`. */
export const SALESFORCE_SCIM_PATH = '/services/scim/v2';

/**
 * The SCIM base from a token response's `instance_url`, or a reason to refuse it: an
 * origin only (Salesforce sends `https://<my domain>.my.salesforce.com`, no path).
 */
export function scimBaseFromInstanceUrl(instanceUrl: unknown, production: boolean): { base: string } | { problem: string } {
  if (typeof instanceUrl !== 'string' || instanceUrl === '') return { problem: 'the token response has no instance_url' };
  const problem = scimUrlProblem(instanceUrl, production);
  if (problem) return { problem: `instance_url ${problem}` };
  const parsed = new URL(instanceUrl);
  if (parsed.pathname !== '/') return { problem: 'instance_url must be an origin only (no path)' };
  return { base: `${parsed.origin}${SALESFORCE_SCIM_PATH}` };
}
