// Signing keys and cookie keys for the sandbox issuer, persisted in the data
// dir so a restart keeps issued tokens verifiable and browser sessions valid.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { z } from 'zod';

export const KEYS_FILE = 'oidc-keys.json';

const privateRsaJwk = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  alg: z.literal('RS256'),
  use: z.literal('sig'),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
  p: z.string().min(1),
  q: z.string().min(1),
  dp: z.string().min(1),
  dq: z.string().min(1),
  qi: z.string().min(1),
});

const keysFileSchema = z.object({
  version: z.literal(1),
  signingKeys: z.array(privateRsaJwk).min(1),
  cookieKeys: z.array(z.string().min(32)).min(1),
});

export type OidcKeys = {
  /** Private JWKs for oidc-provider's `jwks` option. */
  signingKeys: JWK[];
  /** The same keys without private members: what /jwks publishes and the SCIM half verifies with. */
  publicJwks: { keys: JWK[] };
  cookieKeys: string[];
};

/** Reads `oidc-keys.json` from the data dir, creating it on first start. A corrupt file stops start-up rather than silently invalidating every token. */
export async function loadOrCreateOidcKeys(dataDir: string): Promise<OidcKeys> {
  const file = path.join(dataDir, KEYS_FILE);
  if (existsSync(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new Error(`${file} is not valid JSON; delete it to generate new keys (issued tokens become invalid)`);
    }
    const parsed = keysFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`${file} has an unexpected shape; delete it to generate new keys (issued tokens become invalid)`);
    }
    return toKeys(parsed.data.signingKeys as JWK[], parsed.data.cookieKeys);
  }

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const signing: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
  const cookieKeys = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];

  mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, signingKeys: [signing], cookieKeys }, null, 2)}\n`, { mode: 0o600 });
  // Rename is atomic, so a crash mid-write never leaves a half file behind.
  renameSync(tmp, file);
  return toKeys([signing], cookieKeys);
}

function toKeys(signingKeys: JWK[], cookieKeys: string[]): OidcKeys {
  const publicKeys = signingKeys.map(({ kty, kid, alg, use, n, e }) => ({ kty, kid, alg, use, n, e }));
  return { signingKeys, publicJwks: { keys: publicKeys }, cookieKeys };
}
