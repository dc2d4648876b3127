import 'server-only';
// The starting admin's access token, sealed for the job row: AES-256-GCM with
// a key derived from AUTH_SECRET by HKDF-SHA256, and the job id as associated
// data so a sealed token cannot be moved to another job
// (docs/decisions/0071-whose-token-runs-a-job.md). Only access tokens are
// sealed; refresh tokens never leave the session cookie.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'scim-console job access token v1';

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'scim-console-jobs', INFO, 32));
}

export function sealToken(secret: string, jobId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  cipher.setAAD(Buffer.from(jobId));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Null when the value was not sealed for this job with this secret (tampered, moved, or AUTH_SECRET changed). */
export function openToken(secret: string, jobId: string, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(jobId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
