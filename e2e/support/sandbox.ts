// Talks to the running sandbox directly (machine client and test hooks), so a
// test can see what really happened upstream, not only what the console shows.
import { expect, type APIRequestContext } from '@playwright/test';
import type { FaultRequest, LoggedRequest, RuntimeOptions, WriteCount } from '../../sandbox/test-hooks';
import { SANDBOX_URL } from './env';

export type ScimUser = { id: string; userName: string; active: boolean; meta: { version: string } };

export class Sandbox {
  private token: string | null = null;

  private readonly scim: string;

  /** `url`: the e2e run's sandbox unless a spec starts its own (e2e/role-refresh.spec.ts). */
  constructor(
    private readonly request: APIRequestContext,
    private readonly url = SANDBOX_URL,
  ) {
    this.scim = `${url}/scim/v2`;
  }

  // The hooks answer changes only to Content-Type: application/json (see sandbox/test-hooks.ts); `data` sets it.
  async reset() {
    const res = await this.request.post(`${this.url}/__test/reset`, { data: {} });
    expect(res.status()).toBe(204);
  }

  /** Without `count` a fault applies to every matching request until clearFaults() or reset(). */
  async fault(fault: FaultRequest) {
    const res = await this.request.post(`${this.url}/__test/faults`, { data: fault });
    expect(res.ok(), await res.text()).toBe(true);
  }

  async clearFaults() {
    const res = await this.request.delete(`${this.url}/__test/faults`, { data: {} });
    expect(res.status()).toBe(204);
  }

  async requests(): Promise<LoggedRequest[]> {
    const res = await this.request.get(`${this.url}/__test/requests`);
    expect(res.ok()).toBe(true);
    return res.json();
  }

  async clearRequests() {
    const res = await this.request.delete(`${this.url}/__test/requests`, { data: {} });
    expect(res.status()).toBe(204);
  }

  /** PUT/PATCH/DELETE requests per user id since the last reset or clearRequests(), and how many answered 2xx. */
  async writes(): Promise<Record<string, WriteCount>> {
    const res = await this.request.get(`${this.url}/__test/writes`);
    expect(res.ok()).toBe(true);
    return res.json();
  }

  /** The account's groups at the issuer from now on; the console sees them at its next token refresh. */
  async setGroups(email: string, groups: string[]) {
    const res = await this.request.post(`${this.url}/__test/accounts/${encodeURIComponent(email)}/groups`, { data: { groups } });
    expect(res.status(), await res.text()).toBe(204);
  }

  /** Provider behaviour switched at run time; reset() restores the configured one. */
  async setOptions(options: Partial<RuntimeOptions>) {
    const res = await this.request.post(`${this.url}/__test/options`, { data: options });
    expect(res.status(), await res.text()).toBe(204);
  }

  private async machineToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await this.request.post(`${this.url}/oidc/token`, {
      headers: { authorization: `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}` },
      form: { grant_type: 'client_credentials', scope: 'scim:read scim:write' },
    });
    expect(res.ok(), await res.text()).toBe(true);
    this.token = (await res.json()).access_token as string;
    return this.token;
  }

  /** GET /Users with a filter, straight from the SCIM server. */
  async findUsers(filter: string, count = 10): Promise<ScimUser[]> {
    const url = `${this.scim}/Users?count=${count}&filter=${encodeURIComponent(filter)}`;
    const res = await this.request.get(url, { headers: { authorization: `Bearer ${await this.machineToken()}` } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()).Resources as ScimUser[];
  }

  /** How many users match a filter, straight from the SCIM server (count=0). */
  async count(filter: string): Promise<number> {
    const url = `${this.scim}/Users?count=0&filter=${encodeURIComponent(filter)}`;
    const res = await this.request.get(url, { headers: { authorization: `Bearer ${await this.machineToken()}` } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()).totalResults as number;
  }

  async getUser(id: string): Promise<{ status: number; user: ScimUser | null }> {
    const res = await this.request.get(`${this.scim}/Users/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${await this.machineToken()}` },
    });
    return { status: res.status(), user: res.ok() ? ((await res.json()) as ScimUser) : null };
  }

  /** A change made outside the console, as another admin or a sync job would. */
  async setActive(id: string, active: boolean) {
    const res = await this.request.patch(`${this.scim}/Users/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${await this.machineToken()}`, 'content-type': 'application/scim+json' },
      data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active } }] },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  /** A new user, as a provisioning system would create it (gone again at the next reset). */
  async createUser(userName: string, email = userName): Promise<ScimUser> {
    const res = await this.request.post(`${this.scim}/Users`, {
      headers: { authorization: `Bearer ${await this.machineToken()}`, 'content-type': 'application/scim+json' },
      data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, emails: [{ value: email, primary: true }], active: true },
    });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  }

  /** Marks a user as provisioned by an identity provider (RFC 7643 externalId), as a sync would. */
  async setExternalId(id: string, externalId: string) {
    const res = await this.request.patch(`${this.scim}/Users/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${await this.machineToken()}`, 'content-type': 'application/scim+json' },
      data: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'externalId', value: externalId }],
      },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  /** The user the SCIM server itself puts first in this order. */
  async firstBy(sortBy: string, sortOrder: 'ascending' | 'descending'): Promise<ScimUser> {
    const url = `${this.scim}/Users?sortBy=${encodeURIComponent(sortBy)}&sortOrder=${sortOrder}&count=1`;
    const res = await this.request.get(url, { headers: { authorization: `Bearer ${await this.machineToken()}` } });
    expect(res.ok(), await res.text()).toBe(true);
    const [user] = (await res.json()).Resources as ScimUser[];
    if (!user) throw new Error('the sandbox has no users to sort');
    return user;
  }

  async firstUser(active: boolean): Promise<ScimUser> {
    const [user] = await this.findUsers(`active eq ${active}`, 1);
    if (!user) throw new Error(`the seed has no ${active ? 'active' : 'inactive'} user`);
    return user;
  }
}
