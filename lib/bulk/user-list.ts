// The "Change users from a list" input, parsed in the browser: pasted lines,
// or a CSV file's userName, email or id column. Pure, so it is unit tested;
// the server matches each line to users (POST /api/jobs/dry-run).

/** Column names a CSV may identify users by, in order of preference (matched case-insensitively). */
export const CSV_COLUMNS = ['userName', 'email', 'id'] as const;

export type UserList = {
  /** Trimmed, non-empty, each once (the first spelling of a case-insensitive duplicate). */
  lines: string[];
  /** Lines dropped because an earlier line was the same, ignoring case. */
  duplicates: number;
};

const BOM = '\uFEFF';

/** One userName, email or id per line: blank lines dropped, spaces trimmed, duplicates (any case) counted once. */
export function parseUserLines(text: string): UserList {
  return unique(stripBom(text).split(/\r\n|\r|\n/));
}

/**
 * A CSV file's user column: the first header cell named userName, email or id
 * (in that order of preference); other columns are ignored. RFC 4180 quoting,
 * a UTF-8 BOM and `;` or tab separators (spreadsheets in some locales) are handled.
 */
export function parseUserCsv(text: string): UserList | { error: string } {
  const rows = parseCsv(stripBom(text));
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const column = CSV_COLUMNS.map((name) => header.indexOf(name.toLowerCase())).find((i) => i >= 0);
  if (column === undefined) return { error: 'The CSV file needs a column named userName, email or id.' };
  return unique(rows.slice(1).map((row) => row[column] ?? ''));
}

/** RFC 4180 rows; the separator is the first of `,` `;` tab found outside quotes in the header line. */
export function parseCsv(text: string): string[][] {
  const separator = detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

function detectSeparator(text: string): string {
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) return c;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return ',';
}

const stripBom = (text: string) => (text.startsWith(BOM) ? text.slice(1) : text);

function unique(values: readonly string[]): UserList {
  const seen = new Set<string>();
  const lines: string[] = [];
  let duplicates = 0;
  for (const value of values) {
    const line = value.trim();
    if (!line) continue;
    const key = line.toLowerCase();
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      lines.push(line);
    }
  }
  return { lines, duplicates };
}
