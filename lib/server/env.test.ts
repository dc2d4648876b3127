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

  it('requires AUTH_SECRET and the client credentials against a real identity provider', () => {
    const real = {
      AUTH_OIDC_ISSUER: 'https://login.example.com/',
      AUTH_OIDC_CLIENT_ID: 'console',
      AUTH_OIDC_CLIENT_SECRET: 's3cret',
      AUTH_SECRET: 'x'.repeat(32),
    };
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: real.AUTH_OIDC_ISSUER })).toThrow(
      /AUTH_OIDC_CLIENT_ID: required when signing in against a real identity provider[\s\S]*AUTH_OIDC_CLIENT_SECRET: required[\s\S]*AUTH_SECRET: required/,
    );
    expect(() => parseEnv({ ...real, AUTH_OIDC_CLIENT_ID: undefined })).toThrow(/AUTH_OIDC_CLIENT_ID: required/);
    expect(() => parseEnv({ ...real, AUTH_OIDC_CLIENT_SECRET: '' })).toThrow(/AUTH_OIDC_CLIENT_SECRET: required/);
    expect(() => parseEnv({ ...real, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET: required/);
    const env = parseEnv(real);
    expect(env.AUTH_OIDC_ISSUER).toBe('https://login.example.com');
    expect(env).toMatchObject({
      AUTH_OIDC_CLIENT_ID: 'console',
      AUTH_OIDC_CLIENT_SECRET: 's3cret',
      AUTH_OIDC_NAME: 'SSO',
      usesSandbox: false,
    });
  });

  it('keeps the sandbox client as the default for the sandbox issuer only', () => {
    expect(parseEnv({ DATA_DIR: dataDir() })).toMatchObject({
      AUTH_OIDC_CLIENT_ID: 'scim-console',
      AUTH_OIDC_CLIENT_SECRET: 'scim-console-secret',
    });
  });

  it('refuses an audit pending timeout an upstream write can outlast', () => {
    // A write: 3 attempts of SCIM_TIMEOUT_MS and 2 waits of up to 5 s (lib/server/scim/client.ts).
    const base = { DATA_DIR: dataDir(), SCIM_TIMEOUT_MS: '10000' };
    expect(() => parseEnv({ ...base, AUDIT_PENDING_TIMEOUT_SECONDS: '40' })).toThrow(
      /AUDIT_PENDING_TIMEOUT_SECONDS: must be more than 40 s with SCIM_TIMEOUT_MS=10000/,
    );
    expect(parseEnv({ ...base, AUDIT_PENDING_TIMEOUT_SECONDS: '41' }).AUDIT_PENDING_TIMEOUT_SECONDS).toBe(41);
    expect(() => parseEnv({ DATA_DIR: dataDir(), SCIM_TIMEOUT_MS: '40000' })).toThrow(
      /AUDIT_PENDING_TIMEOUT_SECONDS.*SCIM_TIMEOUT_MS=40000/,
    );
    expect(parseEnv({ DATA_DIR: dataDir() }).AUDIT_PENDING_TIMEOUT_SECONDS).toBe(120);
  });

  it('splits group lists and treats empty strings as unset', () => {
    const env = parseEnv({ ROLE_ADMIN_GROUPS: ' a, b ,', ROLES_CLAIM: '', DATA_DIR: dataDir() });
    expect(env.ROLE_ADMIN_GROUPS).toEqual(['a', 'b']);
    expect(env.ROLES_CLAIM).toBe('groups');
  });
});
