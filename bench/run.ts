// `npm run bench`: the console measured side by side with its references, in one
// run, so a noisy machine moves both and the ratios stay honest. Not a test: it
// writes bench/results.json, prints a table, and exits 1 when a budget is missed.
//
// It builds the console, measures the sandbox and the audit store on their own,
// then starts the sandbox (test hooks on) and the console on their own ports,
// signs in through the real flow in Chromium, and measures the proxy (autocannon),
// the /users page (Chromium, web-vitals), 100,000 users, and the console's memory.
//
//   BENCH_SKIP_BUILD=1   reuse .next
//   BENCH_PORT_BASE      console on it, sandbox on it + 1010 (default 5400 → 6410)
//   BENCH_PROXY_SECONDS  seconds per autocannon run (default 15, after a 3 s warm-up)
//   BENCH_ONLY           some parts only, e.g. `proxy,pages` (bundle, standalone, proxy, pages, jobs, scale, export)
//   BENCH_CONSOLE_NODE_FLAGS  e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the console

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import autocannon from 'autocannon';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import type { LoggedRequest } from '../sandbox/test-hooks';
import { AUDIT_BENCH_DB, benchAudit } from './audit';
import { ROUTE_BUDGET_BYTES, routeBundles } from './lib/bundle';
import { countLineFeeds, figure, loadAverage, machine, median, quantile, table, writeResults, type Figure } from './lib/figures';
import { JOB_SANDBOX_USERS, JOB_USERS, jobFigures } from './jobs';
import { benchSandbox } from './sandbox';
import { consoleServerArgs } from '../scripts/console-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = Number(process.env.BENCH_PORT_BASE ?? 5400);
const CONSOLE_PORT = BASE;
const SANDBOX_PORT = BASE + 1010;
const CONSOLE_URL = `http://localhost:${CONSOLE_PORT}`;
const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
const SANDBOX_DIRECT = `http://127.0.0.1:${SANDBOX_PORT}`;
const CONSOLE_DIRECT = `http://127.0.0.1:${CONSOLE_PORT}`;
const PROXY_SECONDS = Number(process.env.BENCH_PROXY_SECONDS ?? 15);
const BROWSER_RUNS = 5;
const LATENCY_MS = 50;
const JOB_LATENCY_MS = 20;
const SCALE_USERS = 100_000;
const SANDBOX_DATA = path.join(ROOT, '.data', 'bench-sandbox');
const CONSOLE_DATA = path.join(ROOT, '.data', 'bench');

const ONLY = process.env.BENCH_ONLY?.split(',');
const runs = (part: string) => !ONLY || ONLY.includes(part);
const figures: Figure[] = [];
const LOAD_AT_START = loadAverage();
const children: ChildProcess[] = [];

// --- processes --------------------------------------------------------------------

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  // Its own process group, so stopping it also stops what it forks (next start forks its server).
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`${name} exited (${code ?? signal})`);
  });
  children.push(child);
  return child;
}

const stopping = new Set<ChildProcess>();
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, sleep(5000)]);
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // gone
  }
}

async function waitFor(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function startSandbox(users: number): ChildProcess {
  return start('sandbox', ['--import', 'tsx', 'sandbox/main.ts'], {
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_DATA_DIR: SANDBOX_DATA,
    SANDBOX_USERS: String(users),
    SANDBOX_TEST_HOOKS: '1',
    SANDBOX_CONSOLE_ORIGINS: CONSOLE_URL,
    // Long enough that no refresh lands in the middle of a measurement.
    SANDBOX_ACCESS_TOKEN_TTL: '3600',
  });
}

function startConsole(databaseFile: string): ChildProcess {
  // next start serves in its own process, so node flags (--cpu-prof) apply to the server itself.
  const nodeFlags = process.env.BENCH_CONSOLE_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return start('console', [...nodeFlags, ...consoleServerArgs(CONSOLE_PORT, '127.0.0.1')], {
    // `next start` is production mode; the sandbox's demo client is allowed only on purpose.
    CONSOLE_DEMO: '1',
    CONSOLE_URL,
    SCIM_BASE_URL: `${SANDBOX_URL}/scim/v2`,
    AUTH_OIDC_ISSUER: `${SANDBOX_URL}/oidc`,
    AUTH_OIDC_NAME: 'Sandbox',
    AUTH_OIDC_CLIENT_ID: 'scim-console',
    AUTH_OIDC_CLIENT_SECRET: 'scim-console-secret',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    DATA_DIR: CONSOLE_DATA,
    DATABASE_URL: `file:${databaseFile}`,
  });
}

/** Resident memory of the console's server process (the largest in its group: next start forks it). */
function consoleRssMb(child: ChildProcess): number {
  const out = spawnSync('ps', ['-o', 'rss=', '-g', String(child.pid)], { encoding: 'utf8' }).stdout;
  return Math.max(...out.split('\n').filter(Boolean).map(Number)) / 1024;
}

/** The sandbox's test hooks change anything only for a JSON content type (sandbox/test-hooks.ts). */
async function hook(pathname: string, init: RequestInit = {}) {
  const headers = init.method && init.method !== 'GET' ? { 'content-type': 'application/json', ...init.headers } : init.headers;
  const res = await fetch(`${SANDBOX_DIRECT}/__test${pathname}`, { ...init, headers });
  if (!res.ok) throw new Error(`test hook ${pathname}: ${res.status}`);
  return res;
}
const resetSandbox = () => hook('/reset', { method: 'POST' });
const injectLatency = (ms: number) =>
  hook('/faults', {
    method: 'POST',
    // No count: every call until clearFaults().
    body: JSON.stringify({ kind: 'latency', latencyMs: ms }),
  });
const clearFaults = () => hook('/faults', { method: 'DELETE' });

async function machineToken(): Promise<string> {
  const res = await fetch(`${SANDBOX_DIRECT}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'scim:read scim:write' }),
  });
  if (!res.ok) throw new Error(`client_credentials: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

// --- the browser ------------------------------------------------------------------

const WEB_VITALS = readFileSync(path.join(ROOT, 'node_modules/web-vitals/dist/web-vitals.iife.js'), 'utf8');
// Runs before the page's own scripts: web-vitals, and the moment the first user row exists.
// (__name: the helper tsx wraps named functions in, also inside those handed to page.evaluate.)
const INSTRUMENT = `${WEB_VITALS}
window.__name = (f) => f;
window.__bench = { lcp: null, inp: null, firstRow: null };
webVitals.onLCP((m) => { window.__bench.lcp = m.value; }, { reportAllChanges: true });
webVitals.onINP((m) => { window.__bench.inp = m.value; }, { reportAllChanges: true, durationThreshold: 0 });
new MutationObserver((_, observer) => {
  // Visible: a streamed row waits in a hidden template until React's inline script reveals it.
  if ([...document.querySelectorAll('tbody tr a[href^="/users/"]')].some((a) => a.checkVisibility())) {
    window.__bench.firstRow = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;

type BenchWindow = { __bench: { lcp: number | null; inp: number | null; firstRow: number | null } };

async function signIn(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: CONSOLE_URL });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
  await page.getByLabel('Email').fill('admin@example.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.close();
  return context;
}

/** A fresh context (cold cache) with the signed-in cookies, instrumented. */
async function freshPage(browser: Browser, signedIn: BrowserContext): Promise<Page> {
  const context = await browser.newContext({ baseURL: CONSOLE_URL, storageState: await signedIn.storageState() });
  await context.addInitScript(INSTRUMENT);
  return context.newPage();
}

/** The "Showing X–Y of Z" text once the table is not showing a placeholder. */
const settledTotal = (page: Page) =>
  page.evaluate(() =>
    document.querySelector('table[aria-busy]') ? null : (document.body.innerText.match(/Showing [^\n]* of \d+/)?.[0] ?? null),
  );

async function loadUsers(browser: Browser, signedIn: BrowserContext) {
  const page = await freshPage(browser, signedIn);
  await page.goto('/users');
  await page.locator('tbody tr a[href^="/users/"]').first().waitFor();
  await page.getByText(/Showing \d/).waitFor();
  await sleep(300); // let LCP settle on its last candidate
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { ...(window as unknown as BenchWindow).__bench, html: nav.responseEnd };
  });
  return { page, timing };
}

/** Time from an input event (click or last keystroke) to the table showing a new, settled "Showing … of Z". */
async function timeToNewResults(page: Page, act: () => Promise<void>): Promise<number> {
  const before = await settledTotal(page);
  await page.evaluate(() => {
    const w = window as unknown as { __input: number; __results: Promise<number> };
    const mark = (e: Event) => {
      w.__input = e.timeStamp;
    };
    document.addEventListener('keydown', mark, { capture: true });
    document.addEventListener('click', mark, { capture: true });
  });
  await page.evaluate((prev) => {
    const w = window as unknown as { __input: number; __results: Promise<number> };
    w.__results = new Promise((resolve) => {
      const check = () => {
        if (document.querySelector('table[aria-busy]')) return;
        const now = document.body.innerText.match(/Showing [^\n]* of \d+/)?.[0] ?? null;
        if (now !== null && now !== prev) {
          observer.disconnect();
          resolve(performance.now());
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  }, before);
  await act();
  return page.evaluate(async () => {
    const w = window as unknown as { __input: number; __results: Promise<number> };
    const at = await w.__results;
    return at - w.__input;
  });
}

async function pageFigures(browser: Browser, signedIn: BrowserContext, label: string, withActivation: boolean) {
  const firstRow: number[] = [];
  const lcp: number[] = [];
  const html: number[] = [];
  const search: number[] = [];
  const inp: number[] = [];
  const filter: number[] = [];
  const shown: number[] = [];
  const settled: number[] = [];
  const answered: number[] = [];
  for (let run = 0; run < BROWSER_RUNS; run++) {
    const { page, timing } = await loadUsers(browser, signedIn);
    firstRow.push(timing.firstRow!);
    lcp.push(timing.lcp!);
    html.push(timing.html);

    search.push(
      await timeToNewResults(page, async () => {
        await page.getByRole('searchbox', { name: 'Search users' }).click();
        await page.keyboard.type('mar', { delay: 120 });
      }),
    );
    await sleep(300);
    inp.push((await page.evaluate(() => (window as unknown as BenchWindow).__bench.inp)) ?? 0);
    await page.getByRole('searchbox', { name: 'Search users' }).fill('');
    await page.getByRole('searchbox', { name: 'Search users' }).press('Enter');
    await page.getByText(/Showing \d/).waitFor();
    filter.push(await timeToNewResults(page, () => page.getByRole('radio', { name: 'Inactive' }).click()));

    if (withActivation) {
      await page.getByRole('radio', { name: 'Active', exact: true }).click();
      await page.locator('table:not([aria-busy])').waitFor();
      const userName = (await page.locator('tbody tr a[href^="/users/"]').first().textContent())!;
      await page.getByRole('button', { name: `Deactivate ${userName}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Deactivate ${userName}` });
      await dialog.waitFor();
      await page.evaluate((name) => {
        const w = window as unknown as { __confirm: Promise<{ click: number; shown: number; settled: number; answered: number }> };
        w.__confirm = new Promise((resolve) => {
          let click: number | undefined;
          let shownAt: number | undefined;
          document.addEventListener(
            'click',
            (e) => {
              if ((e.target as Element).closest('button')?.textContent?.trim() === 'Confirm') click = e.timeStamp;
            },
            { capture: true },
          );
          const row = () => [...document.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('a')?.textContent === name);
          const check = () => {
            const r = row();
            if (click === undefined || !r) return;
            if (shownAt === undefined && r.textContent?.includes('Inactive')) shownAt = performance.now();
            const button = r.querySelector(`button[aria-label="Reactivate ${CSS.escape(name)}"]`);
            if (shownAt !== undefined && button && !button.hasAttribute('aria-disabled')) {
              observer.disconnect();
              const patch = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
                .filter((e) => e.name.includes('/api/users/') && e.startTime >= click! - 1)
                .sort((a, b) => a.startTime - b.startTime)[0];
              resolve({ click, shown: shownAt, settled: performance.now(), answered: patch?.responseEnd ?? NaN });
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        });
      }, userName);
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      const t = await page.evaluate(
        () => (window as unknown as { __confirm: Promise<{ click: number; shown: number; settled: number; answered: number }> }).__confirm,
      );
      shown.push(t.shown - t.click);
      settled.push(t.settled - t.answered);
      answered.push(t.answered - t.click);
    }
    await page.context().close();
  }

  const htmlRef = { name: 'HTML answered', value: median(html) };
  figures.push(figure(`${label}: /users first row visible`, median(firstRow), 'ms', { limit: { max: 1000 }, reference: htmlRef }));
  figures.push(figure(`${label}: /users LCP`, median(lcp), 'ms', { limit: { max: 1000 }, reference: htmlRef }));
  figures.push(
    figure(`${label}: search, last keystroke → results`, median(search), 'ms', {
      limit: { max: 1000 },
      reference: { name: 'debounce', value: 300 },
    }),
  );
  figures.push(figure(`${label}: search typing INP`, median(inp), 'ms', { limit: { max: 200 } }));
  figures.push(figure(`${label}: filter Inactive, click → results`, median(filter), 'ms', { limit: { max: 1000 } }));
  if (withActivation) {
    const upstream = { name: 'Confirm → API answered', value: median(answered) };
    figures.push(figure(`${label}: Confirm → row shows Inactive`, median(shown), 'ms', { limit: { max: 100 }, reference: upstream }));
    figures.push(figure(`${label}: API answered → row settled`, median(settled), 'ms', { limit: { max: 50 }, reference: upstream }));
  }
}

// --- the proxy --------------------------------------------------------------------

async function cannon(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  // Latencies from autocannon's own per-response event: its summary histogram is in whole milliseconds.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration: seconds }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) latencies.push(ms);
    });
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99), rps: latencies.length / seconds };
}

const FLOOR_URL = `${CONSOLE_DIRECT}/api/health`;

async function proxyFigures(cookie: string) {
  // The exact SCIM request the console makes for one list page, replayed straight at the sandbox.
  await hook('/requests', { method: 'DELETE' });
  const probe = await fetch(`${CONSOLE_DIRECT}/api/users?count=50`, { headers: { cookie } });
  if (!probe.ok) throw new Error(`/api/users answered ${probe.status}`);
  const log = (await (await hook('/requests')).json()) as LoggedRequest[];
  const list = log.find((r) => r.method === 'GET' && r.path === '/Users');
  if (!list) throw new Error('the console made no GET /Users');
  const direct = `${SANDBOX_DIRECT}/scim/v2/Users?${new URLSearchParams(list.query)}`;
  const token = await machineToken();

  for (const connections of [1, 10]) {
    const viaConsole = { url: `${CONSOLE_DIRECT}/api/users?count=50`, headers: { cookie } };
    const straight = { url: direct, headers: { authorization: `Bearer ${token}` } };
    await cannon(viaConsole.url, viaConsole.headers, connections, 3); // warm-up
    await cannon(straight.url, straight.headers, connections, 3);
    const c = await cannon(viaConsole.url, viaConsole.headers, connections, PROXY_SECONDS);
    const d = await cannon(straight.url, straight.headers, connections, PROXY_SECONDS);
    // The floor: a Next route handler that does nothing (health answers from its 10 s cache;
    // no session, no upstream call). No budget: it shows what any route costs here (README "Speed").
    await cannon(FLOOR_URL, {}, connections, 3);
    const floor = await cannon(FLOOR_URL, {}, connections, PROXY_SECONDS);
    const at = `proxy ${connections}c`;
    // Latency budgets hold at 1 connection; at 10 the latency is queueing, and the budget is throughput.
    const latencyLimit = (max: number) => (connections === 1 ? { limit: { max } } : {});
    figures.push(figure(`${at}: console p50`, c.p50, 'ms', { reference: { name: 'direct p50', value: d.p50 } }));
    figures.push(figure(`${at}: console p95`, c.p95, 'ms', { reference: { name: 'direct p95', value: d.p95 } }));
    figures.push(figure(`${at}: console p99`, c.p99, 'ms', { reference: { name: 'direct p99', value: d.p99 } }));
    figures.push(figure(`${at}: added p50`, c.p50 - d.p50, 'ms', { ...latencyLimit(2), reference: { name: 'direct p50', value: d.p50 } }));
    figures.push(figure(`${at}: added p95`, c.p95 - d.p95, 'ms', { reference: { name: 'direct p95', value: d.p95 } }));
    figures.push(figure(`${at}: added p99`, c.p99 - d.p99, 'ms', { ...latencyLimit(10), reference: { name: 'direct p99', value: d.p99 } }));
    figures.push(figure(`${at}: console req/s`, c.rps, 'req/s', { reference: { name: 'direct req/s', value: d.rps } }));
    if (connections === 10)
      figures.push(figure(`${at}: console share of direct req/s`, (100 * c.rps) / d.rps, '%', { limit: { min: 40 } }));
    figures.push(
      figure(`${at}: floor, /api/health added p50`, floor.p50 - d.p50, 'ms', { reference: { name: 'direct p50', value: d.p50 } }),
    );
    if (connections === 10) figures.push(figure(`${at}: floor, /api/health share of direct req/s`, (100 * floor.rps) / d.rps, '%'));
  }
}

// --- memory -----------------------------------------------------------------------

async function exportFigures(cookie: string): Promise<void> {
  const consoleProcess = startConsole(AUDIT_BENCH_DB);
  await waitFor(`${CONSOLE_DIRECT}/api/health`);
  await sleep(1000);
  const before = consoleRssMb(consoleProcess);
  let max = before;
  const sampler = setInterval(() => {
    max = Math.max(max, consoleRssMb(consoleProcess));
  }, 200);
  const started = performance.now();
  const res = await fetch(`${CONSOLE_DIRECT}/api/audit/export`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let lines = 0;
  for await (const chunk of res.body) lines += countLineFeeds(chunk as Uint8Array);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = consoleRssMb(consoleProcess);
  figures.push(figure('console: CSV export of the audit log, rows/s', (lines - 1) / seconds, 'rows/s', { limit: { min: 50_000 } }));
  figures.push(
    figure(`console: RSS during the export of ${(lines - 1).toLocaleString('en')} rows (max)`, Math.max(max, after), 'MB', {
      limit: { max: 300 },
      reference: { name: 'RSS before', value: before },
    }),
  );
  await stop(consoleProcess);
}

// --- the run ----------------------------------------------------------------------

async function main() {
  console.log(`npm run bench on ${machine()}, load average (1 / 5 / 15 min) ${LOAD_AT_START}`);
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      // next.config.ts validates the environment; the bench's console is a demo one.
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CONSOLE_DEMO: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const bundles = runs('bundle') ? routeBundles(ROOT) : [];
  // A page with no client code of its own: the framework alone.
  const framework = bundles.find((b) => b.route === '/_not-found');
  for (const b of bundles) {
    figures.push(
      figure(`JS ${b.route} (gzip, first load)`, b.gzipBytes / 1000, 'kB', {
        limit: { max: ROUTE_BUDGET_BYTES / 1000 },
        ...(framework && b !== framework
          ? { reference: { name: 'framework alone (/_not-found)', value: framework.gzipBytes / 1000 } }
          : {}),
      }),
    );
  }

  if (runs('standalone')) {
    console.log('\nThe sandbox on its own (100,000 users) …');
    figures.push(...(await benchSandbox(SANDBOX_PORT + 1)).figures);
    console.log('\nThe audit store on its own (1,000,000 records) …');
    figures.push(...(await benchAudit()));
  }

  rmSync(SANDBOX_DATA, { recursive: true, force: true });
  rmSync(CONSOLE_DATA, { recursive: true, force: true });
  let sandbox = startSandbox(500);
  await waitFor(`${SANDBOX_DIRECT}/healthz`);
  const consoleProcess = startConsole(path.join(CONSOLE_DATA, 'console.db'));
  await waitFor(`${CONSOLE_DIRECT}/signin`);

  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const signedIn = await signIn(browser);
    const cookie = (await signedIn.cookies(CONSOLE_URL)).map((c) => `${c.name}=${c.value}`).join('; ');

    if (runs('proxy')) {
      console.log('\nThe proxy: console vs the same SCIM request straight to the sandbox …');
      await proxyFigures(cookie);
      figures.push(figure('console: RSS after the proxy runs', consoleRssMb(consoleProcess), 'MB', { limit: { max: 300 } }));
    }

    if (runs('pages')) {
      console.log(`\n/users in Chromium, ${LATENCY_MS} ms added to every SCIM call, 500 users …`);
      await resetSandbox();
      await injectLatency(LATENCY_MS);
      await pageFigures(browser, signedIn, '500 users', true);
      await clearFaults();
    }

    if (runs('jobs')) {
      console.log(`\nA bulk job of ${JOB_USERS.toLocaleString('en')} users, ${JOB_LATENCY_MS} ms added to every SCIM call …`);
      // Same data dir, so the issuer's keys and the admin's session survive; reset seeds the new count.
      await stop(sandbox);
      sandbox = startSandbox(JOB_SANDBOX_USERS);
      await waitFor(`${SANDBOX_DIRECT}/healthz`);
      await resetSandbox();
      figures.push(
        ...(await jobFigures({
          consoleDirect: CONSOLE_DIRECT,
          consoleUrl: CONSOLE_URL,
          cookie,
          sandboxDirect: SANDBOX_DIRECT,
          machineToken,
          hook,
          latencyMs: JOB_LATENCY_MS,
        })),
      );
    }

    if (runs('scale')) {
      console.log(`\n/users in Chromium, ${LATENCY_MS} ms added to every SCIM call, ${SCALE_USERS.toLocaleString('en')} users …`);
      // Same data dir, so the issuer's keys and the admin's session survive; reset seeds the larger count.
      await stop(sandbox);
      sandbox = startSandbox(SCALE_USERS);
      await waitFor(`${SANDBOX_DIRECT}/healthz`);
      await resetSandbox();
      await injectLatency(LATENCY_MS);
      await pageFigures(browser, signedIn, '100k users', false);
      await clearFaults();
    }

    await stop(consoleProcess);
    if (runs('export')) {
      console.log('\nThe console exporting the 1,000,000-record audit log as CSV …');
      await exportFigures(cookie);
    }
  } finally {
    await browser.close();
    await stop(consoleProcess);
    await stop(sandbox);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  })
  .finally(async () => {
    await Promise.all(children.map(stop));
    if (figures.length > 0) {
      writeResults(path.join(ROOT, 'bench', 'results.json'), figures, LOAD_AT_START);
      const load = `load average (1 / 5 / 15 min) at start ${LOAD_AT_START}, at end ${loadAverage()}`;
      console.log(`\n${machine()}, ${load}\n\n${table(figures)}\n\nwritten to bench/results.json`);
    }
    const missed = figures.filter((f) => f.pass === false);
    if (missed.length > 0) {
      console.error(`\n${missed.length} budget(s) missed: ${missed.map((f) => f.name).join('; ')}`);
      process.exitCode ||= 1;
    }
  });
