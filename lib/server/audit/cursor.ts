import 'server-only';
// The audit log's keyset position (created_at, seq), opaque to the browser.

export type Position = { at: string; seq: number };

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor: is not a cursor from this API');
    this.name = 'InvalidCursorError';
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at, p.seq])).toString('base64url');
}

/** Throws InvalidCursorError for anything this module did not encode. */
export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && ISO.test(value[0]) && Number.isSafeInteger(value[1])) {
      return { at: value[0], seq: value[1] as number };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** Rows of several newest-first keyset pages as one newest-first list, each row once. */
export function mergeNewestFirst<R extends { created_at: string; seq: number }>(pages: R[][]): R[] {
  const bySeq = new Map<number, R>();
  for (const page of pages) for (const row of page) bySeq.set(row.seq, row);
  return [...bySeq.values()].sort((a, b) => (a.created_at === b.created_at ? b.seq - a.seq : a.created_at < b.created_at ? 1 : -1));
}
