// `npm run demo` runs this once the sandbox answers and before the console
// starts: a fresh demo audit log gets a few weeks of seeded history
// (lib/server/audit/demo-history.ts). Run under --conditions=react-server, as
// bench:audit is, so `server-only` resolves to its empty module.
//   node --conditions=react-server --import tsx scripts/seed-demo-audit.ts <DATABASE_URL> <sandbox URL>
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { seedDemoHistory, type DemoUser } from '@/lib/server/audit/demo-history';

const [databaseUrl, sandboxUrl] = process.argv.slice(2);
if (!databaseUrl?.startsWith('file:') || !sandboxUrl) {
  console.error('usage: seed-demo-audit.ts file:<audit db> <sandbox URL> (a local SQLite log only)');
  process.exit(2);
}

// The sandbox's machine client (README: "Try the SCIM API with curl").
const tokenRes = await fetch(`${sandboxUrl}/oidc/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}` },
  body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'scim:read' }),
});
if (!tokenRes.ok) throw new Error(`sandbox token: ${tokenRes.status}`);
const { access_token: token } = (await tokenRes.json()) as { access_token: string };

type WireUser = { id: string; userName: string; active: boolean; meta?: { version?: string; lastModified?: string } };
async function users(filter: string, count: number): Promise<DemoUser[]> {
  const res = await fetch(`${sandboxUrl}/scim/v2/Users?count=${count}&filter=${encodeURIComponent(filter)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`sandbox users: ${res.status}`);
  const { Resources = [] } = (await res.json()) as { Resources?: WireUser[] };
  return Resources.map((u) => ({
    id: u.id,
    userName: u.userName,
    active: u.active,
    version: u.meta?.version ?? null,
    lastModified: u.meta?.lastModified ?? null,
  }));
}

const db = createAuditDb(databaseUrl);
try {
  await migrate(db);
  const seeded = await seedDemoHistory(db, [...(await users('active eq false', 40)), ...(await users('active eq true', 20))]);
  if (seeded) {
    console.log(
      `Seeded the demo's audit log with ${seeded.records} past changes and ${seeded.observations} outside changes of the last 3 weeks (request ids seed-…).`,
    );
  }
} finally {
  await db.destroy();
}
