// Verifies the bearer tokens the SCIM half receives: JWT access tokens signed
// by the sandbox issuer for the SCIM base audience. Token values are never logged.
import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';

export type AccessTokenInfo = {
  scopes: Set<string>;
  /** `sub`: a demo account id, or the client id for client_credentials tokens. */
  subject?: string;
  clientId?: string;
};

export type Authenticate = (req: Pick<IncomingMessage, 'headers'>) => Promise<AccessTokenInfo | null>;

export function createAuthenticator(opts: {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  /** For tests: the clock jose checks `exp`/`nbf` against. */
  now?: () => Date;
}): Authenticate {
  // In-process key set: the issuer lives in the same process, no HTTP round trip needed.
  const keySet = createLocalJWKSet(opts.jwks);
  return async function authenticate(req) {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return null;
    const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header);
    if (!match?.[1]) return null;
    try {
      const { payload } = await jwtVerify(match[1], keySet, {
        issuer: opts.issuer,
        audience: opts.audience,
        // oidc-provider types JWT access tokens; this refuses an ID token presented as a bearer token.
        typ: 'at+jwt',
        algorithms: ['RS256'],
        clockTolerance: 5,
        currentDate: opts.now?.(),
      });
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return {
        scopes: new Set(scope.split(' ').filter(Boolean)),
        subject: payload.sub,
        clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
      };
    } catch {
      return null;
    }
  };
}
