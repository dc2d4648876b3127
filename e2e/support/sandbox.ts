// Talks to the running sandbox directly (machine client and test hooks), so a
// test can see what really happened upstream, not only what the console shows.
import { expect, type APIRequestContext } from '@playwright/test';
import { ISSUER, SANDBOX_URL, SCIM_BASE } from './env';

export type ScimUser = { id: string; userName: string; active: boolean; meta: { version: string } };
export type LoggedRequest = { method: string; path: string; query: string; authorization: boolean; ifMatch: string | null; status: number };
export type Fault = {
  kind: 'latency' | 'slow-response' | 'status' | 'rate-limit' | 'salesforce-limit' | 'hang';
  count: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  latencyMs?: number;
  status?: number;
  retryAfter?: number;
};

export class Sandbox {
  private token: string | null = null;

  constructor(private readonly request: APIRequestContext) {}

  async reset() {
    const res = await this.request.post(`${SANDBOX_URL}/__test/reset`);
    expect(res.status()).toBe(204);
  }

  async fault(fault: Fault) {
    const res = await this.request.post(`${SANDBOX_URL}/__test/faults`, { data: fault });
    expect(res.ok()).toBe(true);
  }

  async clearFaults() {
    const res = await this.request.delete(`${SANDBOX_URL}/__test/faults`);
    expect(res.status()).toBe(204);
  }

  async requests(): Promise<LoggedRequest[]> {
    const res = await this.request.get(`${SANDBOX_URL}/__test/requests`);
    expect(res.ok()).toBe(true);
    return res.json();
  }

  async clearRequests() {
    await this.request.delete(`${SANDBOX_URL}/__test/requests`);
  }

  private async machineToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await this.request.post(`${ISSUER}/token`, {
      headers: { authorization: `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}` },
      form: { grant_type: 'client_credentials', scope: 'scim:read scim:write' },
    });
    expect(res.ok(), await res.text()).toBe(true);
    this.token = (await res.json()).access_token as string;
    return this.token;
  }

  /** GET /Users with a filter, straight from the SCIM server. */
  async findUsers(filter: string, count = 10): Promise<ScimUser[]> {
    const url = `${SCIM_BASE}/Users?count=${count}&filter=${encodeURIComponent(filter)}`;
    const res = await this.request.get(url, { headers: { authorization: `Bearer ${await this.machineToken()}` } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()).Resources as ScimUser[];
  }

  async getUser(id: string): Promise<{ status: number; user: ScimUser | null }> {
    const res = await this.request.get(`${SCIM_BASE}/Users/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${await this.machineToken()}` },
    });
    return { status: res.status(), user: res.ok() ? ((await res.json()) as ScimUser) : null };
  }

  /** A change made outside the console, as another admin or a sync job would. */
  async setActive(id: string, active: boolean) {
    const res = await this.request.patch(`${SCIM_BASE}/Users/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${await this.machineToken()}`, 'content-type': 'application/scim+json' },
      data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active } }] },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  /** The user the SCIM server itself puts first in this order. */
  async firstBy(sortBy: string, sortOrder: 'ascending' | 'descending'): Promise<ScimUser> {
    const url = `${SCIM_BASE}/Users?sortBy=${encodeURIComponent(sortBy)}&sortOrder=${sortOrder}&count=1`;
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
