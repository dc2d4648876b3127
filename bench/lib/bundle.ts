// JavaScript each page loads first, in gzip bytes, from the build's own list of
// each route's first-load chunks (.next/diagnostics/route-bundle-stats.json,
// written by Next 16's Turbopack build; it states uncompressed bytes only).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every page's first load, framework included (the framework alone is about 139 kB). */
export const ROUTE_BUDGET_BYTES = 155_000;

type StatsRow = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

export type RouteBundle = { route: string; gzipBytes: number; rawBytes: number; chunks: number };

export function routeBundles(projectDir = process.cwd()): RouteBundle[] {
  const file = path.join(projectDir, '.next', 'diagnostics', 'route-bundle-stats.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is missing: run \`next build\` first`);
  }
  const rows = (Array.isArray(parsed) ? parsed : (parsed as { routes?: unknown }).routes) as StatsRow[] | undefined;
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${file} lists no routes`);
  const sizes = new Map<string, number>();
  const gzipped = (chunk: string) => {
    let size = sizes.get(chunk);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(projectDir, chunk))).byteLength;
      sizes.set(chunk, size);
    }
    return size;
  };
  return rows
    .map((row) => ({
      route: row.route,
      gzipBytes: row.firstLoadChunkPaths.reduce((sum, chunk) => sum + gzipped(chunk), 0),
      rawBytes: row.firstLoadUncompressedJsBytes,
      chunks: row.firstLoadChunkPaths.length,
    }))
    .sort((a, b) => a.route.localeCompare(b.route));
}
