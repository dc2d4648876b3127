import 'server-only';
// The starting admin's access token, sealed for the job row: AES-256-GCM with
// a key derived from AUTH_SECRET by HKDF-SHA256, and the job id as associated
// data so a sealed token cannot be moved to another job
// (docs/decisions/0071-whose-token-runs-a-job.md). Only access tokens are
// sealed; refresh tokens never leave the session cookie. A session whose SCIM
// base came from Salesforce's instance_url seals that base with the token (v2),
// so the job calls the same org and nobody who can write the job row can point
// the token elsewhere (docs/decisions/0055-salesforce-instance-url.md).

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const VERSION_WITH_BASE = 'v2';

/** What a job's calls carry: the admin's access token, and the session's own SCIM base where it had one. */
export type JobCredential = { accessToken: string; scimBaseUrl?: string };
const INFO = 'scim-console job access token v1';

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'scim-console-jobs', INFO, 32));
}

/** v1 (bare token) kept its AAD; v2 also binds the version, so a v2 value cannot be relabelled v1. */
const aad = (jobId: string, version: string) => Buffer.from(version === VERSION ? jobId : `${jobId}\n${version}`);

export function sealToken(secret: string, jobId: string, token: string, scimBaseUrl?: string): string {
  const version = scimBaseUrl === undefined ? VERSION : VERSION_WITH_BASE;
  const plain = scimBaseUrl === undefined ? token : JSON.stringify({ accessToken: token, scimBaseUrl });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  cipher.setAAD(aad(jobId, version));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [version, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Null when the value was not sealed for this job with this secret (tampered, moved, or AUTH_SECRET changed). */
export function openToken(secret: string, jobId: string, sealed: string): JobCredential | null {
  const [version, iv, body, tag] = sealed.split('.');
  if ((version !== VERSION && version !== VERSION_WITH_BASE) || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(jobId, version));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    if (version === VERSION) return { accessToken: plain };
    const parsed = JSON.parse(plain) as Partial<JobCredential>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.scimBaseUrl !== 'string') return null;
    return { accessToken: parsed.accessToken, scimBaseUrl: parsed.scimBaseUrl };
  } catch {
    return null;
  }
}
