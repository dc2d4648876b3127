// One figure of `npm run bench`: measured side by side with its reference in
// the same run, so a noisy machine moves both and the ratio stays honest.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** Human-readable limit, e.g. "< 2"; null where the figure is informative only. */
  budget: string | null;
  /** What the value is compared with (the direct call, the framework alone, the upstream's answer …). */
  reference: { name: string; value: number } | null;
  /** value / reference.value, null without a reference. */
  ratio: number | null;
  /** null: no budget. */
  pass: boolean | null;
};

/** The q-quantile of ascending samples (nearest rank). */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Line feeds in a chunk, found with indexOf (memchr): a byte-by-byte loop took 1.1 s of CPU per 293 MB export, on the same cores as the console. */
export function countLineFeeds(chunk: Uint8Array): number {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

type Limit = { max?: number; min?: number };

export function figure(
  name: string,
  value: number,
  unit: string,
  opts: { limit?: Limit; reference?: { name: string; value: number } } = {},
): Figure {
  const { limit, reference } = opts;
  const budget = limit
    ? [limit.max !== undefined ? `< ${limit.max}` : '', limit.min !== undefined ? `>= ${limit.min}` : ''].join('').trim()
    : null;
  const pass = limit ? (limit.max === undefined || value < limit.max) && (limit.min === undefined || value >= limit.min) : null;
  const ratio = reference && reference.value !== 0 ? value / reference.value : null;
  return { name, value, unit, budget, reference: reference ?? null, ratio, pass };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The 1, 5 and 15 minute load averages: a time measured on a busy machine is not a quiet machine's figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

const round = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(figures: Figure[]): string {
  const head = ['figure', 'value', 'budget', 'reference', 'ratio', 'pass'];
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value)} ${f.unit}`,
    f.budget ? `${f.budget} ${f.unit}` : '',
    f.reference ? `${f.reference.name}: ${round(f.reference.value)}` : '',
    f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
    f.pass === null ? '' : f.pass ? 'ok' : 'MISSED',
  ]);
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResults(file: string, figures: Figure[], loadAtStart: string) {
  const loadAverages = { atStart: loadAtStart, atEnd: loadAverage() };
  writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), machine: machine(), loadAverages, figures }, null, 2)}\n`);
}
