// The SCIM 2.0 service provider over HTTP (RFC 7644): routing, authentication
// and scopes, ETags, flavors. Everything below the route lives in small modules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidFilter, salesforceError, ScimError } from './errors';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery';
import { readJson, sendEmpty, sendError, sendJson } from './http-io';
import { parseFilter, type Filter } from './filter';
import { listUsers, queryFromParams, queryFromSearchBody, LIST_SCHEMA, type ListQuery } from './list';
import { applyPatch } from './patch';
import { project, splitList } from './projection';
import { normalizeUser, requireUserSchema, type Json } from './resource';
import { DEACTIVATION_REFUSALS } from './seed';
import type { UserRecord, UserStore } from './store';

export type ScimFlavor = 'salesforce' | 'rfc';
export type Authenticate = (req: IncomingMessage) => Promise<{ scopes: Set<string> } | null>;

export type ScimHandlerOptions = {
  store: UserStore;
  flavor: ScimFlavor;
  baseUrl: string;
  authenticate: Authenticate;
  /** Read at each request, so a test hook can switch them while the sandbox runs. */
  options?: { noActiveFilter: boolean; maxStartIndex?: number };
};

/** Salesforce refuses a deeper startIndex ("Start index too big"); clients page on by `id gt` (keyset). SANDBOX_MAX_START_INDEX lowers it for tests. */
export const SALESFORCE_MAX_START_INDEX = 2000;

/** Whether the filter names the attribute `active` anywhere (urn-qualified or not). */
function mentionsActive(f: Filter): boolean {
  switch (f.kind) {
    case 'and':
    case 'or':
      return mentionsActive(f.left) || mentionsActive(f.right);
    case 'not':
      return mentionsActive(f.expr);
    case 'valuePath':
      return f.path.keys[0] === 'active' || mentionsActive(f.filter);
    default:
      return f.path.keys[0] === 'active';
  }
}

export type ScimHandler = (req: IncomingMessage, res: ServerResponse, subpath: string) => Promise<void>;

const READ = 'scim:read';
const WRITE = 'scim:write';

const methodNotAllowed = (allow: string[]) =>
  new ScimError(405, undefined, `Method not allowed; use ${allow.join(', ')}`, { Allow: allow.join(', ') });

const etagOf = (r: UserRecord) => `W/"${r.version}"`;

/** Weak comparison (RFC 7232 section 2.3.2): W/"3" matches "3". */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

function checkIfMatch(req: IncomingMessage, current: UserRecord): void {
  const header = req.headers['if-match'];
  if (header === undefined) return;
  const tags = header.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.some((t) => opaque(t) === opaque(etagOf(current)))) return;
  throw new ScimError(
    412,
    undefined,
    `If-Match ${header} does not match the current version ${etagOf(current)}: the user changed since it was read; read it again and retry`,
  );
}

function ifNoneMatchHit(req: IncomingMessage, current: UserRecord): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etagOf(current)));
}

/**
 * The path below the SCIM base plus the query. `subpath` may carry the query itself or
 * (as server.ts passes it) only the path, with the query still on req.url.
 */
export function requestUrl(req: IncomingMessage, subpath: string): URL {
  const url = new URL(subpath.startsWith('/') ? subpath : `/${subpath}`, 'http://sandbox.invalid');
  if (!subpath.includes('?') && req.url?.includes('?')) url.search = req.url.slice(req.url.indexOf('?'));
  return url;
}

export function createScimHandler(opts: ScimHandlerOptions): ScimHandler {
  const { store, flavor, authenticate } = opts;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');

  /** What some providers refuse in a list query that the RFC allows. */
  const checkQuery = (q: ListQuery): ListQuery => {
    if (flavor === 'salesforce' && (q.startIndex ?? 1) > (opts.options?.maxStartIndex ?? SALESFORCE_MAX_START_INDEX))
      throw salesforceError(400, 'Start index too big');
    if (opts.options?.noActiveFilter && q.filter !== undefined && mentionsActive(parseFilter(q.filter))) {
      throw invalidFilter('Filtering on "active" is not supported by this service provider');
    }
    return q;
  };

  /** Salesforce refuses to deactivate some users (the Default Workflow User); the rfc flavor never does. */
  const checkDeactivation = (current: UserRecord, nextActive: unknown): void => {
    if (flavor !== 'salesforce' || current.resource.active === false || nextActive !== false) return;
    const refusal = DEACTIVATION_REFUSALS.get(current.resource.id as string);
    if (refusal) throw salesforceError(400, refusal);
  };

  const find = (id: string): UserRecord => {
    const r = store.get(id);
    if (!r) throw new ScimError(404, undefined, `User "${id}" not found`);
    return r;
  };

  const sendUser = (res: ServerResponse, status: number, r: UserRecord, params: URLSearchParams, extra: Record<string, string> = {}) =>
    sendJson(
      res,
      status,
      project(r.resource, {
        attributes: splitList(params.get('attributes')),
        excludedAttributes: splitList(params.get('excludedAttributes')),
      }),
      { ETag: etagOf(r), ...extra },
    );

  /** Saves new attributes unless they equal the current ones: a no-op write keeps the version. */
  const save = (current: UserRecord, attrs: Json): UserRecord =>
    JSON.stringify(normalizeUser(current.resource)) === JSON.stringify(attrs)
      ? current
      : store.update(current.resource.id as string, attrs);

  async function route(req: IncomingMessage, res: ServerResponse, subpath: string, scopes: Set<string>): Promise<void> {
    const url = requestUrl(req, subpath);
    const segments = url.pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const params = url.searchParams;
    const method = req.method ?? 'GET';
    const need = (scope: string) => {
      if (!scopes.has(scope)) {
        throw new ScimError(403, undefined, `Insufficient scope: this request needs "${scope}"`, {
          'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
        });
      }
    };
    const [first, second, ...rest] = segments;

    if (first === 'Users' && second === undefined) {
      if (method === 'GET') {
        need(READ);
        return sendJson(res, 200, listUsers(store, checkQuery(queryFromParams(params))));
      }
      if (method === 'POST') {
        need(WRITE);
        const body = await readJson(req);
        requireUserSchema(body);
        const created = store.create(normalizeUser(body));
        return sendUser(res, 201, created, params, { Location: String((created.resource.meta as Json).location) });
      }
      throw methodNotAllowed(['GET', 'POST']);
    }

    if (first === 'Users' && second === '.search' && rest.length === 0) {
      if (method !== 'POST') throw methodNotAllowed(['POST']);
      need(READ);
      return sendJson(res, 200, listUsers(store, checkQuery(queryFromSearchBody(await readJson(req)))));
    }

    if (first === 'Users' && second !== undefined && rest.length === 0) {
      const id = second;
      switch (method) {
        case 'GET': {
          need(READ);
          const r = find(id);
          if (ifNoneMatchHit(req, r)) return sendEmpty(res, 304, { ETag: etagOf(r) });
          return sendUser(res, 200, r, params);
        }
        case 'PUT': {
          need(WRITE);
          const r = find(id);
          checkIfMatch(req, r);
          const body = await readJson(req);
          requireUserSchema(body);
          const attrs = normalizeUser(body);
          checkDeactivation(r, attrs.active);
          return sendUser(res, 200, save(r, attrs), params);
        }
        case 'PATCH': {
          need(WRITE);
          const r = find(id);
          checkIfMatch(req, r);
          const attrs = applyPatch(normalizeUser(r.resource), await readJson(req));
          checkDeactivation(r, attrs.active);
          return sendUser(res, 200, save(r, attrs), params);
        }
        case 'DELETE': {
          need(WRITE);
          const r = find(id);
          checkIfMatch(req, r);
          if (flavor === 'rfc') {
            store.remove(id);
            return sendEmpty(res, 204);
          }
          // Salesforce: DELETE deactivates; the user stays listed and readable.
          checkDeactivation(r, false);
          const after = store.update(id, { ...normalizeUser(r.resource), active: false });
          return sendEmpty(res, 204, { ETag: etagOf(after) });
        }
        default:
          throw methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']);
      }
    }

    const discovery = discoveryDocument(segments);
    if (discovery !== undefined) {
      if (method !== 'GET') throw methodNotAllowed(['GET']);
      return sendJson(res, 200, discovery);
    }
    throw new ScimError(404, undefined, `No such endpoint: ${url.pathname}`);
  }

  function discoveryDocument(segments: string[]): unknown {
    const [first, second, ...rest] = segments;
    if (rest.length > 0) return undefined;
    const list = (items: Json[]) => ({
      schemas: [LIST_SCHEMA],
      totalResults: items.length,
      itemsPerPage: items.length,
      startIndex: 1,
      Resources: items,
    });
    const one = (items: Json[]) => {
      const hit = items.find((i) => i.id === second);
      if (!hit) throw new ScimError(404, undefined, `No ${first} "${second}"`);
      return hit;
    };
    if (second === undefined && (first === 'ServiceProviderConfig' || (first === 'ServiceProviderConfigs' && flavor === 'salesforce'))) {
      return serviceProviderConfig(baseUrl);
    }
    if (first === 'Schemas') return second === undefined ? list(schemas(baseUrl)) : one(schemas(baseUrl));
    if (first === 'ResourceTypes') return second === undefined ? list(resourceTypes(baseUrl)) : one(resourceTypes(baseUrl));
    return undefined;
  }

  return async (req, res, subpath) => {
    try {
      const principal = await authenticate(req);
      if (!principal) {
        const presented = req.headers.authorization !== undefined;
        throw new ScimError(401, undefined, presented ? 'The access token is invalid or expired' : 'An access token is required', {
          'WWW-Authenticate': presented ? 'Bearer realm="scim", error="invalid_token"' : 'Bearer realm="scim"',
        });
      }
      await route(req, res, subpath, principal.scopes);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof ScimError) return sendError(res, e);
      if (e instanceof URIError)
        return sendError(res, new ScimError(400, 'invalidSyntax', 'The request path is not valid percent-encoding'));
      console.error('[sandbox scim] unexpected error', e);
      sendError(res, new ScimError(500, undefined, 'Internal error in the SCIM sandbox'));
    }
  };
}
