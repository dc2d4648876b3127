import { ScimError } from './errors';

// Unreserved URI characters only, so an id can never carry a path separator,
// query, fragment or percent-escape into the upstream URL.
const ID_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

export function isValidScimId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id) && id !== '.' && id !== '..';
}

export function assertScimId(id: unknown): string {
  if (!isValidScimId(id)) {
    throw new ScimError({ status: 400, kind: 'invalid-id', scimType: 'invalidValue', detail: 'id: not a valid user id' });
  }
  return id;
}

/**
 * Builds `<base>/<segments…>?<query>` from the configured base only, and
 * asserts the result stayed under the base's origin and path: a second line
 * of defence behind the id pattern.
 */
export function buildScimUrl(baseUrl: string, segments: readonly string[], query?: Record<string, string | number | undefined>): URL {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const url = new URL(base.origin);
  url.pathname = `${basePath}/${path}`;
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new ScimError({ status: 400, kind: 'invalid-id', detail: 'refused to build a URL outside the SCIM base' });
  }
  return url;
}

export function userUrl(baseUrl: string, id: string): URL {
  return buildScimUrl(baseUrl, ['Users', assertScimId(id)]);
}
