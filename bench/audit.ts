// `npm run bench:audit`: the audit store at 1,000,000 records in SQLite.
// A benchmark, not a test: it prints figures and the machine, and asserts nothing.
//
// Runs under plain Node with `--conditions=react-server`, which resolves the
// `server-only` marker to its empty module (what Next's server bundles do), so
// the bench exercises the real store, CSV and history code unchanged.
//
//   npm run bench:audit            reuse the seeded database if present
//   npm run bench:audit -- --fresh seed again

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildHistory } from '@/lib/server/api/history';
import { auditCsvStream } from '../lib/server/audit/csv';
import { createAuditDb, migrate } from '../lib/server/audit/db';
import { createAuditStore, type AuditStore } from '../lib/server/audit/store';
import type { AuditFilter } from '../lib/audit-log/types';
import { countLineFeeds, figure, median, type Figure } from './lib/figures';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const TARGETS = 20_000;
const ACTORS = 200;
/** Also the database `npm run bench` starts a console on, to export its CSV. */
export const AUDIT_BENCH_DB = path.join(os.tmpdir(), `scim-console-bench-audit-${ROWS}.db`);
const FILE = AUDIT_BENCH_DB;
let figures: Figure[] = [];
let reference: { name: string; value: number } | undefined;

async function time(label: string, runs: number, fn: () => Promise<unknown>, budgetMs?: number) {
  await fn(); // warm the statement cache and the page cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  const m = median(ms);
  if (!reference) reference = { name: label, value: m };
  else figures.push(figure(`audit 1M: ${label} (median)`, m, 'ms', { ...(budgetMs ? { limit: { max: budgetMs } } : {}), reference }));
  const verdict = budgetMs === undefined ? '' : m < budgetMs ? `  (budget ${budgetMs} ms: ok)` : `  (budget ${budgetMs} ms: OVER)`;
  console.log(
    `${label.padEnd(58)} median ${m.toFixed(2).padStart(7)} ms  p95 ${[...ms]
      .sort((a, b) => a - b)
      [Math.floor(runs * 0.95)]!.toFixed(2)
      .padStart(7)} ms${verdict}`,
  );
}

/** Deterministic pseudo-random, so every run seeds the same data. */
function rng(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

async function seed() {
  rmSync(FILE, { force: true });
  rmSync(`${FILE}-wal`, { force: true });
  rmSync(`${FILE}-shm`, { force: true });
  const db = createAuditDb(`file:${FILE}`);
  await migrate(db);
  await db.destroy();
  // Bulk insert with one prepared statement per batch transaction; the store's
  // own insert path is one row per request and not what is measured here.
  const raw = new Database(FILE);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const rec =
    raw.prepare(`insert into audit_records (id, request_id, created_at, finished_at, actor_sub, actor_email, target_id, target_user_name, action, method, reason, state, before_active, before_version, after_active, after_version, upstream_status, error_detail)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const obs =
    raw.prepare(`insert into audit_observations (id, observed_at, target_id, target_user_name, active, version, last_modified, source, activation_id, previous_active, previous_version)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const random = rng(42);
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = 2 * 365 * 86_400_000;
  const started = performance.now();
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Monotonic with frequent equal timestamps (several records per millisecond at times).
      const at = new Date(start + Math.floor((i / ROWS) * span)).toISOString();
      const target = Math.floor(random() * TARGETS);
      const actor = Math.floor(random() * ACTORS);
      const r = random();
      const state = r < 0.9 ? 'succeeded' : r < 0.98 ? 'failed' : r < 0.999 ? 'reconciled' : 'pending';
      const deactivate = random() < 0.6;
      const id = randomUUID();
      rec.run(
        id,
        `req-${i}`,
        at,
        state === 'pending' ? null : at,
        `sub-${actor}`,
        `admin${actor}@example.com`,
        `u${target}`,
        `user${target}@example.com`,
        deactivate ? 'deactivate' : 'reactivate',
        random() < 0.8 ? 'PATCH' : 'DELETE',
        random() < 0.5 ? 'offboarding, per HR ticket' : null,
        state,
        deactivate ? 1 : 0,
        `W/"${i}"`,
        state === 'succeeded' ? (deactivate ? 0 : 1) : null,
        state === 'succeeded' ? `W/"${i + 1}"` : null,
        state === 'failed' ? 500 : state === 'succeeded' ? 200 : null,
        state === 'failed' ? 'upstream said "no", retry later' : null,
      );
      if (i % 5 === 0)
        obs.run(
          randomUUID(),
          at,
          `u${target}`,
          `user${target}@example.com`,
          deactivate ? 0 : 1,
          `W/"${i + 1}"`,
          at,
          i % 10 === 0 ? 'outside' : 'console',
          null,
          deactivate ? 1 : 0,
          `W/"${i}"`,
        );
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
  raw.exec('analyze');
  raw.close();
  console.log(
    `seeded ${ROWS.toLocaleString('en')} records (+${(ROWS / 5).toLocaleString('en')} observations) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function exportAll(store: AuditStore, filter: AuditFilter) {
  const reader = auditCsvStream(store, filter).getReader();
  let bytes = 0;
  let lines = 0;
  let maxRss = 0;
  let maxHeap = 0;
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    lines += countLineFeeds(value);
    const m = process.memoryUsage();
    maxRss = Math.max(maxRss, m.rss);
    maxHeap = Math.max(maxHeap, m.heapUsed);
  }
  const s = (performance.now() - started) / 1000;
  const rows = lines - 1;
  figures.push(figure('audit 1M: CSV export, in process', rows / s, 'rows/s', { limit: { min: 50_000 } }));
  figures.push(
    // No budget here: inside npm run bench this process also holds the browser driver and
    // the sandbox bench's heap; the console's own RSS during an export is budgeted instead.
    figure('audit 1M: CSV export, in process, RSS growth', (maxRss - startRss) / 1e6, 'MB', {
      reference: { name: 'RSS before', value: startRss / 1e6 },
    }),
  );
  console.log(
    `CSV export, all rows: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(0)} MB in ${s.toFixed(1)} s = ${Math.round(rows / s).toLocaleString('en')} rows/s` +
      `${rows / s > 50_000 ? '  (budget 50,000 rows/s: ok)' : '  (budget 50,000 rows/s: UNDER)'}; RSS ${(startRss / 1e6).toFixed(0)} → max ${(maxRss / 1e6).toFixed(0)} MB, heap max ${(maxHeap / 1e6).toFixed(0)} MB`,
  );
}

/** Seeds the 1,000,000-record database once (reused afterwards) and returns the figures. */
export async function benchAudit(opts: { fresh?: boolean } = {}): Promise<Figure[]> {
  figures = [];
  reference = undefined;
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  console.log(
    `machine: ${os.availableParallelism()} cores (nproc), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`,
  );
  if (opts.fresh || !existsSync(FILE)) await seed();
  const db = createAuditDb(`file:${FILE}`);
  await migrate(db);
  const store = createAuditStore(db);

  const page = (filter: AuditFilter) => () => store.queryAudit(filter, { limit: 50 });
  console.log('\naudit page (50 rows, keyset), budget < 50 ms median:');
  // The reference for the figures below: the cheapest page there is.
  await time('unfiltered, first page', 50, page({}), 50);
  await time('actor = email (or subject)', 50, page({ actor: 'admin7@example.com' }), 50);
  await time('actor = subject', 50, page({ actor: 'sub-7' }), 50);
  await time('target userName', 50, page({ target: 'user123@example.com' }), 50);
  await time('action = reactivate', 50, page({ action: 'reactivate' }), 50);
  await time('outcome = pending (rare: 0.1%)', 50, page({ outcome: 'pending' }), 50);
  await time('outcome = failed + actor', 50, page({ outcome: 'failed', actor: 'admin7@example.com' }), 50);
  await time('date range (one day, 2024-07-01)', 50, page({ from: '2024-07-01', to: '2024-07-01' }), 50);
  await time('actor + date range (one month)', 50, page({ actor: 'admin7@example.com', from: '2025-03-01', to: '2025-03-31' }), 50);
  await time('target + action + outcome', 50, page({ target: 'user123@example.com', action: 'deactivate', outcome: 'succeeded' }), 50);
  // A deep page: follow the cursor 200 pages in, then time the next.
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) cursor = (await store.queryAudit({}, { cursor, limit: 50 })).nextCursor;
  await time('unfiltered, page 201 (by cursor)', 50, () => store.queryAudit({}, { cursor, limit: 50 }), 50);

  console.log("\na user's history (records + observations, merged), budget < 20 ms median:");
  let n = 0;
  await time(
    'history of one user (~50 records, ~10 observations)',
    100,
    async () => {
      const id = `u${(n++ * 7919) % TARGETS}`;
      const [records, observations] = await Promise.all([store.listForTarget(id, 200), store.listObservations(id, 200)]);
      return buildHistory(records, observations);
    },
    20,
  );
  const users = Array.from({ length: 50 }, (_, i) => ({
    id: `u${i}`,
    userName: `user${i}@example.com`,
    active: true,
    version: 'W/"x"',
    lastModified: null,
  }));
  // The warm-up call records these 50 once; the timed calls find them unchanged (one read, no write).
  await time('observe a list page of 50 (unchanged: one read)', 50, () => store.observe(users));
  await time('stale-pending check (every list read)', 50, () => store.listStalePending({ limit: 50 }));

  console.log('');
  await exportAll(store, {});
  await db.destroy();
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchAudit({ fresh: process.argv.includes('--fresh') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
