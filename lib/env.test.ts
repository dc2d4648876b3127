import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'env-test-'));

describe('parseEnv', () => {
  it('defaults to the sandbox and generates a demo secret in the data dir', () => {
    const dir = dataDir();
    const env = parseEnv({ DATA_DIR: dir });
    expect(env.SCIM_BASE_URL).toBe('http://localhost:4010/scim/v2');
    expect(env.AUTH_OIDC_NAME).toBe('Sandbox');
    expect(env.usesSandbox).toBe(true);
    expect(env.AUTH_SECRET).toBe(readFileSync(path.join(dir, 'auth-secret'), 'utf8'));
    expect(parseEnv({ DATA_DIR: dir }).AUTH_SECRET).toBe(env.AUTH_SECRET);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ SCIM_BASE_URL: 'ftp://x' })).toThrow(/SCIM_BASE_URL: must be an http\(s\) URL/);
    expect(() => parseEnv({ AUTH_PROVIDER: 'okta' })).toThrow(/AUTH_PROVIDER/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SESSION_MAX_AGE_HOURS: '720' })).toThrow(/SESSION_MAX_AGE_HOURS/);
  });

  it('requires AUTH_SECRET against a real identity provider', () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: 'https://login.example.com' })).toThrow(/AUTH_SECRET: required/);
    const env = parseEnv({ AUTH_OIDC_ISSUER: 'https://login.example.com/', AUTH_SECRET: 'x'.repeat(32) });
    expect(env.AUTH_OIDC_ISSUER).toBe('https://login.example.com');
    expect(env.AUTH_OIDC_NAME).toBe('SSO');
  });

  it('splits group lists and treats empty strings as unset', () => {
    const env = parseEnv({ ROLE_ADMIN_GROUPS: ' a, b ,', ROLES_CLAIM: '', DATA_DIR: dataDir() });
    expect(env.ROLE_ADMIN_GROUPS).toEqual(['a', 'b']);
    expect(env.ROLES_CLAIM).toBe('groups');
  });
});
