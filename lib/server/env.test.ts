import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'env-test-'));

/** A complete production configuration against a real issuer and SCIM server. */
const REAL_PRODUCTION = {
  NODE_ENV: 'production',
  CONSOLE_URL: 'https://console.example.com',
  AUTH_OIDC_ISSUER: 'https://login.example.com',
  SCIM_BASE_URL: 'https://scim.example.com/v2',
  AUTH_OIDC_CLIENT_ID: 'console',
  AUTH_OIDC_CLIENT_SECRET: 's3cret',
  AUTH_SECRET: 'x'.repeat(32),
};

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

  it('reads the reason codes and ticket rules, and names a bad one', () => {
    const dir = dataDir();
    expect(parseEnv({ DATA_DIR: dir }).REASON_CODES).toContain('Security incident');
    const env = parseEnv({ DATA_DIR: dir, REASON_CODES: ' Leaver , Other,', TICKET_PATTERN: '^[A-Z]+-\\d+$', TICKET_REQUIRED: '1' });
    expect([env.REASON_CODES, env.TICKET_PATTERN, env.TICKET_REQUIRED]).toEqual([['Leaver', 'Other'], '^[A-Z]+-\\d+$', true]);
    expect(() => parseEnv({ DATA_DIR: dir, TICKET_PATTERN: '[A-Z' })).toThrow(/TICKET_PATTERN: must be a valid regular expression/);
    expect(() => parseEnv({ DATA_DIR: dir, REASON_CODES: ' , ' })).toThrow(/REASON_CODES: needs at least one/);
  });

  it('reads PROTECTED_USERS as a trimmed list, empty by default', () => {
    const dir = dataDir();
    expect(parseEnv({ DATA_DIR: dir }).PROTECTED_USERS).toEqual([]);
    expect(parseEnv({ DATA_DIR: dir, PROTECTED_USERS: ' breakglass@example.com , 005Dn0000000001IAA,' }).PROTECTED_USERS).toEqual([
      'breakglass@example.com',
      '005Dn0000000001IAA',
    ]);
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

  describe('in production', () => {
    const real = REAL_PRODUCTION;

    it('starts with a complete real configuration', () => {
      expect(parseEnv(real)).toMatchObject({ usesSandbox: false, CONSOLE_DEMO: false });
    });

    it('refuses only one of AUTH_OIDC_ISSUER and SCIM_BASE_URL', () => {
      expect(() => parseEnv({ ...real, SCIM_BASE_URL: undefined })).toThrow(
        /SCIM_BASE_URL: required in production when AUTH_OIDC_ISSUER is set/,
      );
      expect(() => parseEnv({ ...real, AUTH_OIDC_ISSUER: '' })).toThrow(
        /AUTH_OIDC_ISSUER: required in production when SCIM_BASE_URL is set/,
      );
    });

    it('with AUTH_PROVIDER=salesforce, SCIM_BASE_URL may be unset: each session takes its instance_url', () => {
      const salesforce = { ...real, AUTH_PROVIDER: 'salesforce', AUTH_OIDC_ISSUER: 'https://login.salesforce.com' };
      expect(parseEnv({ ...salesforce, SCIM_BASE_URL: undefined }).SCIM_BASE_FROM_INSTANCE_URL).toBe(true);
      expect(parseEnv(salesforce).SCIM_BASE_FROM_INSTANCE_URL).toBe(false);
      expect(parseEnv(real).SCIM_BASE_FROM_INSTANCE_URL).toBe(false);
      // The console's own credential has no sign-in to learn the org from.
      expect(() => parseEnv({ ...salesforce, SCIM_BASE_URL: undefined, SCIM_BEARER_TOKEN: 't' })).toThrow(
        /SCIM_BASE_URL: required with a service identity/,
      );
    });

    it('refuses a SCIM_BASE_URL carrying credentials, a query or a fragment', () => {
      expect(() => parseEnv({ ...real, SCIM_BASE_URL: 'https://u:p@scim.example.com/v2' })).toThrow(
        /SCIM_BASE_URL: must not carry credentials/,
      );
      expect(() => parseEnv({ ...real, SCIM_BASE_URL: 'https://scim.example.com/v2?x=1' })).toThrow(
        /SCIM_BASE_URL: must not carry a query/,
      );
      expect(() => parseEnv({ ...real, SCIM_BASE_URL: 'https://scim.example.com/v2#x' })).toThrow(/SCIM_BASE_URL: must not carry a query/);
    });

    it('refuses the sandbox issuer or its public client secret without CONSOLE_DEMO=1', () => {
      const sandbox = { NODE_ENV: 'production', AUTH_SECRET: real.AUTH_SECRET, DATA_DIR: dataDir() };
      expect(() => parseEnv(sandbox)).toThrow(/AUTH_OIDC_ISSUER: the sandbox issuer in production needs CONSOLE_DEMO=1/);
      expect(() => parseEnv({ ...real, AUTH_OIDC_CLIENT_SECRET: 'scim-console-secret' })).toThrow(
        /AUTH_OIDC_CLIENT_SECRET: the sandbox's public demo secret in production needs CONSOLE_DEMO=1/,
      );
      expect(parseEnv({ ...sandbox, CONSOLE_DEMO: '1' })).toMatchObject({ usesSandbox: true, CONSOLE_DEMO: true });
    });

    it('refuses a missing AUTH_SECRET: no generated secret outside the demo', () => {
      expect(() => parseEnv({ ...real, AUTH_SECRET: undefined })).toThrow(
        /^Invalid configuration:\n {2}AUTH_SECRET: required in production[^\n]*$/,
      );
      const dir = dataDir();
      expect(parseEnv({ NODE_ENV: 'production', CONSOLE_DEMO: '1', DATA_DIR: dir }).AUTH_SECRET).toBe(
        readFileSync(path.join(dir, 'auth-secret'), 'utf8'),
      );
    });

    it('refuses plain http:// to a host that is not loopback', () => {
      for (const name of ['CONSOLE_URL', 'AUTH_OIDC_ISSUER', 'SCIM_BASE_URL'] as const) {
        expect(() => parseEnv({ ...real, [name]: 'http://10.0.0.5/x' })).toThrow(new RegExp(`${name}: must be https:// in production`));
      }
      const loopback = {
        ...real,
        CONSOLE_URL: 'http://127.0.0.1:3000',
        AUTH_OIDC_ISSUER: 'http://localhost:9/oidc',
        SCIM_BASE_URL: 'http://[::1]:9/scim',
      };
      expect(parseEnv(loopback).CONSOLE_URL).toBe('http://127.0.0.1:3000');
    });

    it('leaves development and tests alone', () => {
      expect(parseEnv({ SCIM_BASE_URL: 'http://10.0.0.5/scim', DATA_DIR: dataDir() }).usesSandbox).toBe(true);
    });
  });
});

describe('parseEnv: service identity and provider', () => {
  it('defaults to the admin’s own token and the generic profile', () => {
    const env = parseEnv({ DATA_DIR: dataDir() });
    expect(env.SCIM_AUTH).toBe('user');
    expect(env.SCIM_PROVIDER).toBeUndefined();
    expect(env.SCIM_TOKEN_URL).toBeUndefined();
  });

  it('service mode needs a credential, and a credential must be whole', () => {
    const d = dataDir();
    expect(() => parseEnv({ DATA_DIR: d, SCIM_AUTH: 'service' })).toThrow(/SCIM_AUTH: service needs SCIM_BEARER_TOKEN/);
    expect(() => parseEnv({ DATA_DIR: d, SCIM_CLIENT_ID: 'x' })).toThrow(/SCIM_CLIENT_ID, SCIM_CLIENT_SECRET: set both/);
    expect(() => parseEnv({ DATA_DIR: d, SCIM_BEARER_TOKEN: 't', SCIM_CLIENT_ID: 'x', SCIM_CLIENT_SECRET: 'y' })).toThrow(/not both/);
    expect(() => parseEnv({ DATA_DIR: d, SCIM_AUTH: 'bogus' })).toThrow(/SCIM_AUTH/);
    expect(() => parseEnv({ DATA_DIR: d, SCIM_PROVIDER: 'canva' })).toThrow(/SCIM_PROVIDER/);
    expect(parseEnv({ DATA_DIR: d, SCIM_AUTH: 'service', SCIM_BEARER_TOKEN: 't' }).SCIM_AUTH).toBe('service');
  });

  it('client credentials default to the sandbox issuer’s token endpoint only on the sandbox', () => {
    const d = dataDir();
    const creds = { SCIM_CLIENT_ID: 'sandbox-cli', SCIM_CLIENT_SECRET: 'sandbox-cli-secret' };
    expect(parseEnv({ DATA_DIR: d, ...creds })).toMatchObject({
      SCIM_TOKEN_URL: 'http://localhost:4010/oidc/token',
      SCIM_SCOPE: 'scim:read scim:write',
    });
    const real = {
      AUTH_OIDC_ISSUER: 'https://login.example.com',
      AUTH_OIDC_CLIENT_ID: 'c',
      AUTH_OIDC_CLIENT_SECRET: 's',
      AUTH_SECRET: 'x'.repeat(32),
    };
    expect(() => parseEnv({ ...real, ...creds })).toThrow(/SCIM_TOKEN_URL: required with SCIM_CLIENT_ID/);
  });
});

describe('parseEnv: webhooks', () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

  it('sends nothing by default, and splits and keeps the URLs exactly as given', () => {
    const d = dataDir();
    expect(parseEnv({ DATA_DIR: d }).WEBHOOK_URLS).toEqual([]);
    const env = parseEnv({ DATA_DIR: d, WEBHOOK_URLS: ' https://a.example.com/hook/ , http://127.0.0.1:9/x', WEBHOOK_SECRET: secret });
    expect(env.WEBHOOK_URLS).toEqual(['https://a.example.com/hook/', 'http://127.0.0.1:9/x']);
    expect(env.WEBHOOK_RETRY_HOURS).toBe(72);
  });

  it('refuses bad URLs, credentials in a URL, and URLs without a Standard Webhooks secret', () => {
    const d = dataDir();
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_URLS: 'ftp://x.example.com', WEBHOOK_SECRET: secret })).toThrow(
      /WEBHOOK_URLS\.0: must be an http\(s\) URL/,
    );
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_URLS: 'https://u:p@x.example.com', WEBHOOK_SECRET: secret })).toThrow(
      /WEBHOOK_URLS\.0: must not carry a user name or password/,
    );
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_URLS: 'https://x.example.com' })).toThrow(/WEBHOOK_SECRET: required with WEBHOOK_URLS/);
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_SECRET: 'plain-secret' })).toThrow(/WEBHOOK_SECRET: must be whsec_/);
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_SECRET: `whsec_${Buffer.alloc(8).toString('base64')}` })).toThrow(
      /WEBHOOK_SECRET: must encode 24 to 64 bytes/,
    );
    expect(() => parseEnv({ DATA_DIR: d, WEBHOOK_RETRY_HOURS: '1' })).toThrow(/WEBHOOK_RETRY_HOURS/);
  });

  it('never repeats the secret or a URL in its message', () => {
    const bad = `whsec_${Buffer.alloc(8, 1).toString('base64')}`;
    let message = '';
    try {
      parseEnv({ DATA_DIR: dataDir(), WEBHOOK_URLS: 'https://hooks.example.com/T0/s3cr3t-path,nope', WEBHOOK_SECRET: bad });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/WEBHOOK_URLS\.1/);
    expect(message).not.toContain(bad.slice(6));
    expect(message).not.toContain('s3cr3t-path');
  });

  it('in production, refuses plain http:// to a receiver that is not loopback', () => {
    const real = { ...REAL_PRODUCTION, WEBHOOK_SECRET: secret };
    expect(() => parseEnv({ ...real, WEBHOOK_URLS: 'https://ok.example.com,http://10.0.0.5/hook' })).toThrow(
      /WEBHOOK_URLS\.1: must be https:\/\/ in production/,
    );
    expect(parseEnv({ ...real, WEBHOOK_URLS: 'http://127.0.0.1:3605/hook' }).WEBHOOK_URLS).toHaveLength(1);
  });
});
