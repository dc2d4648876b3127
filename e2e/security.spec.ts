import { expect, signedInAs, test } from './fixtures';
import { csvRecords } from './support/csv';
import { CONSOLE_URL } from './support/env';

signedInAs('admin');

// Three base64url segments starting with a JSON header: what a JWT (access or ID token) looks like.
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;

test('no token-shaped string reaches the browser', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(CONSOLE_URL)) return;
    const type = response.headers()['content-type'] ?? '';
    if (/json|html|javascript|text/.test(type)) bodies.push(response.text().catch(() => ''));
  });

  const session = await page.request.get('/api/auth/session');
  const sessionText = await session.text();
  expect(sessionText).toContain('admin@example.com');
  expect(sessionText).not.toMatch(JWT);
  expect(sessionText).not.toMatch(/access_?token|refresh_?token/i);

  await page.goto('/users');
  await expect(page.getByRole('link', { name: user.userName, exact: true })).toBeVisible();
  await page.getByRole('link', { name: user.userName, exact: true }).click();
  await expect(page.getByRole('region', { name: 'Meta' })).toBeVisible();
  await page.goto('/signin');

  const seen = await Promise.all(bodies);
  expect(seen.length).toBeGreaterThan(3);
  for (const body of seen) expect(body).not.toMatch(JWT);
  // The session cookie is HttpOnly, so page scripts cannot read it either.
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((c) => c.name.includes('next-auth.session-token'));
  expect(sessionCookie?.httpOnly).toBe(true);
});

test('a cross-origin or non-JSON PATCH is refused and reaches no upstream', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await page.goto('/users');
  // Let the page's own reads finish, so the log below holds only what the refused requests caused
  // (the rows come with the HTML: the totals are the last read).
  await expect(page.getByRole('link', { name: user.userName, exact: true })).toBeVisible();
  await expect(page.getByText(/^\d+ users · \d+ inactive$/)).toBeVisible();
  await sandbox.clearRequests();

  const foreign = await page.request.patch(`/api/users/${user.id}`, {
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    data: { active: false },
  });
  expect(foreign.status()).toBe(403);

  const crossSite = await page.request.patch(`/api/users/${user.id}`, {
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    data: { active: false },
  });
  expect(crossSite.status()).toBe(403);

  const plain = await page.request.patch(`/api/users/${user.id}`, {
    headers: { 'content-type': 'text/plain', origin: CONSOLE_URL },
    data: JSON.stringify({ active: false }),
  });
  expect(plain.status()).toBe(415);

  const malformedId = await page.request.patch('/api/users/..%2F..%2FGroups', {
    headers: { 'content-type': 'application/json', origin: CONSOLE_URL },
    data: { active: false },
  });
  expect(malformedId.status()).toBe(400);

  expect(await sandbox.requests()).toEqual([]);
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
});

test('pages carry the security headers and a fresh CSP nonce that their scripts use', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await page.goto('/users');
    const headers = response!.headers();
    const csp = headers['content-security-policy']!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).toContain("'strict-dynamic'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    nonces.push(nonce);
    // Next puts the response's nonce on its own inline scripts.
    expect(await response!.text()).toContain(`nonce="${nonce}"`);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  // The table is fetched by the page's JavaScript: it runs under the policy.
  await page.getByRole('searchbox', { name: 'Search users' }).fill(user.userName);
  await expect(page.getByRole('link', { name: user.userName, exact: true })).toBeVisible();
  expect(blocked).toEqual([]);
});

test("next-auth's log endpoint is closed and its bodies are capped", async ({ page }) => {
  expect((await page.request.post('/api/auth/_log', { form: { level: 'error', code: 'forged', message: 'x' } })).status()).toBe(404);
  const big = await page.request.post('/api/auth/signout', { form: { csrfToken: 'x'.repeat(17 * 1024) } });
  expect(big.status()).toBe(413);
});

test('a cross-site GET to any API route is refused and reads and writes nothing', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const auditBefore = await (await page.request.get('/api/audit')).json();
  await sandbox.clearRequests();

  const routes = [
    '/api/users',
    `/api/users/${user.id}`,
    `/api/users/${user.id}/history`,
    '/api/audit',
    '/api/audit/export',
    '/api/capabilities',
  ];
  for (const site of ['cross-site', 'same-site']) {
    for (const route of routes) {
      const res = await page.request.get(route, { headers: { 'sec-fetch-site': site } });
      expect(res.status(), `${site} GET ${route}`).toBe(403);
    }
  }
  // HEAD would run the GET handler: refused before it.
  expect((await page.request.head(`/api/users/${user.id}`)).status()).toBe(405);

  expect(await sandbox.requests()).toEqual([]);
  expect(await (await page.request.get('/api/audit')).json()).toEqual(auditBefore);
});

const write = { 'content-type': 'application/json', origin: CONSOLE_URL };

test('a reason with a right-to-left override is refused with 400 and changes nothing', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await sandbox.clearRequests();
  const res = await page.request.patch(`/api/users/${user.id}`, { headers: write, data: { active: false, reason: 'left\u202Eevil' } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/^reason: must not contain control characters or bidirectional overrides/);
  expect(await sandbox.requests()).toEqual([]);
});

test('the CSV of hostile reasons has no cell starting with = + - @, split on , or on ;', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const reasons = ['x;=1+1;', '@SUM(1)', '\t=1'];
  for (const [i, reason] of reasons.entries()) {
    const res = await page.request.patch(`/api/users/${user.id}`, { headers: write, data: { active: i % 2 === 1, reason } });
    expect(res.status(), reason).toBe(200);
  }
  const res = await page.request.get(`/api/audit/export?${new URLSearchParams({ target: user.userName })}`);
  const body = await res.body();
  // A UTF-8 BOM, so Excel reads accents right.
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.subarray(3).toString('utf8');
  const rows = csvRecords(text).records.filter((r) => r.target_id === user.id);
  expect(rows.map((r) => r.reason)).toEqual(expect.arrayContaining(["x;'=1+1;", "'@SUM(1)", "'=1"]));
  // What a spreadsheet sees however it splits: by `,` (quotes honoured or not) and by `;` (a European locale).
  for (const line of text.split('\r\n')) {
    for (const separator of [',', ';', '\t']) {
      for (const cell of line.split(separator)) expect(cell.replace(/^"+/, '').trimStart(), line).not.toMatch(/^[=+\-@]/);
    }
  }
});
