import 'server-only';
// The audit log as CSV: RFC 4180 quoting of every cell, a UTF-8 BOM, and cells that a spreadsheet would
// run as a formula neutralised (OWASP "CSV injection"). Streamed page by page
// through the keyset query, so memory stays flat whatever the row count.

import { setImmediate } from 'node:timers/promises';
import type { AuditFilter } from '@/lib/audit-log/types';
import type { AuditRecord } from './records';
import type { AuditStore } from './store';

// = + - @ start a formula; tab and CR are OWASP's additions (some spreadsheets
// strip them and then see the formula behind). A spreadsheet whose locale
// separates with `;` (or one told to split on tabs) cuts a cell there, so every
// segment after , ; tab, a line break or a quote is a cell start too.
const SEGMENT_SEPARATOR = /([,;\t\r\n"])/;
const FORMULA_START = /^ *[=+\-@]/;

// Whether neutralise() might change anything: a segment start (the text's, or one after a
// separator) followed by spaces and a formula character, or a tab or CR at the start or after
// a comma. Most cells (dates, ids, names) have none, and skip the split. It holds for a whole
// row too (README "Speed"): with the cells joined by commas, every cell start is the text's
// start or follows a comma. A match where nothing needs it costs only the full rule's time.
const NEEDS_NEUTRALISING = /(?:^|[,;\t\r\n"]) *[=+\-@]|(?:^|,)[\t\r]/;

function neutralise(text: string): string {
  if (!NEEDS_NEUTRALISING.test(text)) return text;
  // split() with a capture group keeps the separators at the odd indices.
  const safe = text
    .split(SEGMENT_SEPARATOR)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) ? `'${part}` : part))
    .join('');
  return /^[\t\r]/.test(safe) ? `'${safe}` : safe;
}

type Cell = string | number | boolean | null;

const cellText = (value: Cell) => (value === null ? '' : String(value));
const doubleQuotes = (text: string) => (text.includes('"') ? text.replace(/"/g, '""') : text);

/** One cell, always quoted (RFC 4180); null is empty; every segment that would start a formula gets a `'`. */
export function csvCell(value: Cell): string {
  return `"${doubleQuotes(neutralise(cellText(value)))}"`;
}

export const CSV_BOM = '\uFEFF';

/** One line: each cell as csvCell has it, tested once for the whole row (most rows have no formula start). */
export function csvRow(cells: readonly Cell[]): string {
  const texts = cells.map(cellText);
  if (NEEDS_NEUTRALISING.test(texts.join(','))) return `${cells.map(csvCell).join(',')}\r\n`;
  return `"${texts.map(doubleQuotes).join('","')}"\r\n`;
}

const COLUMNS: [string, (r: AuditRecord) => Cell][] = [
  ['at', (r) => r.createdAt],
  ['finished_at', (r) => r.finishedAt],
  ['actor_email', (r) => r.actor.email],
  ['actor_sub', (r) => r.actor.sub],
  ['target_user_name', (r) => r.target.userName],
  ['target_id', (r) => r.target.id],
  ['action', (r) => r.action],
  ['method', (r) => r.method],
  ['outcome', (r) => r.state],
  ['reason', (r) => r.reason],
  ['active_before', (r) => r.before.active],
  ['active_after', (r) => r.after.active],
  ['version_before', (r) => r.before.version],
  ['version_after', (r) => r.after.version],
  ['upstream_status', (r) => r.upstreamStatus],
  ['error', (r) => r.errorDetail],
  ['request_id', (r) => r.requestId],
  ['id', (r) => r.id],
  // Columns are only ever added at the end, so earlier ones keep their positions for existing spreadsheets and scripts.
  ['job_id', (r) => r.jobId],
  ['session_id', (r) => r.sessionId],
  ['provider', (r) => r.provider],
  ['call_identity', (r) => r.identity],
  ['reason_code', (r) => r.reasonCode],
  ['ticket', (r) => r.ticket],
];

const AUDIT_CSV_HEADER = COLUMNS.map(([name]) => name);

/** CSV rows built between two returns to the event loop: about 1 ms of work. */
const ROWS_BETWEEN_YIELDS = 250;

/**
 * A CSV download read page by page: the BOM and header first, then each page's
 * rows when the consumer wants more bytes, so a slow download holds one page in
 * memory, not the whole table. `nextPage(null)` is the first page; a page whose
 * `next` is null is the last.
 */
export function pagedCsvStream<C>(
  header: readonly string[],
  nextPage: (cursor: C | null) => Promise<{ rows: Cell[][]; next: C | null }>,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            // The BOM makes Excel read the file as UTF-8 (accents, non-Latin names); see README.
            controller.enqueue(encoder.encode(`${CSV_BOM}${csvRow(header)}`));
            return;
          }
          const page = await nextPage(cursor);
          let text = '';
          for (let i = 0; i < page.rows.length; i += ROWS_BETWEEN_YIELDS) {
            // Back to the event loop between slices: the response's gzip needs it for every 16 kB it
            // writes, and other requests are served meanwhile (README "Speed").
            await setImmediate();
            text += page.rows
              .slice(i, i + ROWS_BETWEEN_YIELDS)
              .map(csvRow)
              .join('');
          }
          if (text !== '') controller.enqueue(encoder.encode(text));
          cursor = page.next;
          if (cursor === null) controller.close();
        } catch (error) {
          // Headers are gone already: erroring the stream aborts the download, so a
          // truncated file is never mistaken for a complete one.
          onError?.(error);
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** Every record matching the filter, newest first, as UTF-8 CSV. */
export function auditCsvStream(
  store: AuditStore,
  filter: AuditFilter,
  opts: { pageSize?: number; onError?: (error: unknown) => void } = {},
): ReadableStream<Uint8Array> {
  const limit = opts.pageSize ?? 1000;
  return pagedCsvStream<string>(
    AUDIT_CSV_HEADER,
    async (cursor) => {
      const page = await store.queryAudit(filter, { cursor, limit });
      return { rows: page.records.map((record) => COLUMNS.map(([, get]) => get(record))), next: page.nextCursor };
    },
    opts.onError,
  );
}
