// Benchmark of the SCIM half at 100,000 users (npm run bench:sandbox, and part of
// npm run bench). Not a test: it prints figures. Seeds into a temp dir, starts the
// real sandbox and times requests over HTTP with a real client_credentials token.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { figure, median, quantile, type Figure } from './lib/figures';
import { sandboxConfig } from '../sandbox/config';
import { openSandboxDb } from '../sandbox/db';
import { userId } from '../sandbox/scim/seed';
import { openUserStore } from '../sandbox/scim/store';
import { startSandbox } from '../sandbox/server';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The figures, for npm run bench's table; `port` 0 picks a free one. */
export async function benchSandbox(port = 0): Promise<{ rows: [string, string, string, string][]; figures: Figure[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-bench-'));
  const rows: [string, string, string, string][] = [];
  const figures: Figure[] = [];
  try {
    let t0 = performance.now();
    const db = openSandboxDb(dir);
    openUserStore(db, { seedCount: USERS, baseUrl: 'http://localhost:4010/scim/v2' });
    const seedMs = performance.now() - t0;
    db.close();
    rows.push([`seed ${USERS.toLocaleString('en')} users (SQLite + memory)`, ms(seedMs), '', 'target < 20 s']);
    figures.push(figure(`sandbox: seed ${USERS.toLocaleString('en')} users`, seedMs / 1000, 's', { limit: { max: 20 } }));

    t0 = performance.now();
    // The RFC flavor: the deep-page figure measures offset paging, which the default
    // Salesforce flavor refuses past startIndex 2000 ("Start index too big").
    const sandbox = await startSandbox(
      sandboxConfig({ SANDBOX_PORT: String(port), SANDBOX_DATA_DIR: dir, SANDBOX_USERS: String(USERS), SANDBOX_FLAVOR: 'rfc' }),
    );
    rows.push(['start sandbox (load users from SQLite)', ms(performance.now() - t0), '', '']);
    try {
      const discovery = (await (await fetch(`${sandbox.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
      const tokenRes = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'scim:read scim:write' }),
      });
      const { access_token: token } = (await tokenRes.json()) as { access_token: string };

      let floor: { name: string; value: number } | undefined;
      const time = async (
        label: string,
        target: string,
        makeUrl: (i: number) => string,
        check: (body: Record<string, unknown>) => void,
        budgetMs?: number,
      ) => {
        const samples: number[] = [];
        for (let i = -3; i < RUNS; i += 1) {
          const start = performance.now();
          const res = await fetch(`${sandbox.scimBase}${makeUrl(i)}`, { headers: { Authorization: `Bearer ${token}` } });
          const body = (await res.json()) as Record<string, unknown>;
          const took = performance.now() - start;
          if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(body)}`);
          check(body);
          if (i >= 0) samples.push(took); // the first 3 warm up
        }
        samples.sort((a, b) => a - b);
        const m = median(samples);
        rows.push([label, ms(m), ms(quantile(samples, 0.95)), target]);
        if (!floor) floor = { name: label, value: m };
        else
          figures.push(
            figure(`sandbox ${USERS / 1000}k: ${label} (median)`, m, 'ms', {
              ...(budgetMs ? { limit: { max: budgetMs } } : {}),
              reference: floor,
            }),
          );
      };

      // The floor: an HTTP round trip that does no user work, the reference for the others.
      await time(
        'GET /ServiceProviderConfig',
        '',
        () => '/ServiceProviderConfig',
        () => {},
      );
      const prefixes = ['ma', 'zo', 'jo', 'an', 'lu', 'so', 'pr', 'ra'];
      await time(
        'page of 50: userName sw "…" and active eq true',
        'median < 50 ms',
        (i) => `/Users?count=50&filter=${encodeURIComponent(`userName sw "${prefixes[(i + 3) % prefixes.length]}" and active eq true`)}`,
        (b) => {
          if ((b.Resources as unknown[]).length === 0) throw new Error('empty page');
        },
        50,
      );
      await time(
        'totals: count=0',
        'median < 20 ms',
        () => '/Users?count=0',
        (b) => {
          if (b.totalResults !== USERS) throw new Error(`totalResults ${String(b.totalResults)}`);
        },
        20,
      );
      await time(
        'totals: count=0&filter=active eq false',
        '',
        () => `/Users?count=0&filter=${encodeURIComponent('active eq false')}`,
        () => {},
      );
      await time(
        'page of 50, emails[type eq "home" and value co "…"]',
        '',
        (i) =>
          `/Users?count=50&filter=${encodeURIComponent(`emails[type eq "home" and value co "${prefixes[(i + 3) % prefixes.length]}"]`)}`,
        () => {},
      );
      await time(
        'page of 50 sorted by userName (cached order)',
        '',
        (i) => `/Users?count=50&sortBy=userName&startIndex=${1 + ((i + 3) % 20) * 50}`,
        () => {},
      );
      await time(
        'deep page: startIndex=99001&count=50',
        '',
        () => '/Users?count=50&startIndex=99001',
        () => {},
      );
      await time(
        'GET /Users/{id}',
        '',
        (i) => `/Users/${userId(1 + (((i + 3) * 1999) % USERS))}`,
        () => {},
      );
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures };
}

async function main(): Promise<void> {
  const { rows } = await benchSandbox();
  const cpu = cpus();
  console.log(
    `\nSCIM sandbox benchmark: ${USERS.toLocaleString('en')} users, ${RUNS} runs each, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}\n`,
  );
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['what', 'median', 'p95', 'target'], ...rows].map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  console.log(line(['what', 'median', 'p95', 'target']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
