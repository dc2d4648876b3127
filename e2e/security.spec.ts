import { expect, signedInAs, test } from './fixtures';
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
  // Let the page's own reads finish, so the log below holds only what the refused requests caused.
  await expect(page.getByRole('link', { name: user.userName, exact: true })).toBeVisible();
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

test('pages carry the security headers', async ({ page }) => {
  const response = await page.goto('/users');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
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
