// A small RFC 4180 reader, so the specs check the export the way a spreadsheet
// would read it: quoted cells may hold commas, doubled quotes and line breaks.

export function parseCsv(input: string): string[][] {
  // A UTF-8 BOM (the export starts with one, for Excel) is not part of the first cell.
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`not RFC 4180: unexpected ${JSON.stringify(c)} at offset ${i}`);
    } else {
      cell += c;
    }
  }
  if (quoted) throw new Error('not RFC 4180: unterminated quoted cell');
  if (cell !== '' || row.length > 0) throw new Error('not RFC 4180: the last row has no CRLF');
  return rows;
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('empty CSV');
  return { header, records: rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))) };
}
