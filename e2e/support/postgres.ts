// A PostgreSQL database of its own for a spec that runs several consoles on one database
// (e2e/bulk.spec.ts). Where TEST_POSTGRES_URL names a server (.ci/run starts one), a fresh
// database is created on it, apart from the `postgres` database the unit tests wipe; else a
// throwaway server is started from the PostgreSQL binaries on this machine (Debian's
// /usr/lib/postgresql/<n>/bin, or PG_BIN), listening only on a unix socket in a temp folder.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestDatabase = { url: string; stop: () => Promise<void> };

export async function startPostgres(): Promise<TestDatabase> {
  const shared = process.env.TEST_POSTGRES_URL;
  return shared ? freshDatabase(shared) : throwawayServer();
}

async function freshDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `scim_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb')));
  if (!found) {
    throw new Error(
      'This spec needs PostgreSQL: install its server binaries (Debian: apt-get install postgresql), set PG_BIN to their folder, ' +
        'or set TEST_POSTGRES_URL to a server where the connecting role may create databases.',
    );
  }
  return found;
}

async function throwawayServer(): Promise<TestDatabase> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-e2e-pg-'));
  // initdb refuses to run as root: then the server runs as the `postgres` account, as in .ci/run.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    chownSync(dir, uid, gid);
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  pgRun('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  pgRun('pg_ctl', [
    '-D',
    path.join(dir, 'data'),
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-k ${dir} -c listen_addresses= -c fsync=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@localhost/postgres?host=${dir}`,
    stop: async () => {
      pgRun('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}
