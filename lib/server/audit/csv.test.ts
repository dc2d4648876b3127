import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCsvStream, csvCell, csvRow, pagedCsvStream } from './csv';
import type { AuditRecord } from './records';
import type { AuditStore } from './store';

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@x', `"'@x"`],
    ['\tcmd', `"'\tcmd"`],
    ['\r=1', `"'\r'=1"`],
    ['Zoë 日本 😀', '"Zoë 日本 😀"'],
    ['a=b', '"a=b"'],
    // Segments a `;`-locale spreadsheet, or a split on tabs, would make cells of.
    ['x;=1+1;', `"x;'=1+1;"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    ['\t=1', `"'\t'=1"`],
    ['a, =1', `"a,' =1"`],
    ['a"-1', `"a""'-1"`],
    ['line\n+1', `"line\n'+1"`],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('answers as splitting every cell would (its fast path for cells with no formula start is exact)', () => {
    // The rule without the fast path: every segment that starts a formula gets a ', then a leading tab or CR.
    const reference = (text: string) => {
      const safe = text
        .split(/([,;\t\r\n"])/)
        .map((part, i) => (i % 2 === 0 && /^ *[=+\-@]/.test(part) ? `'${part}` : part))
        .join('');
      return `"${(/^[\t\r]/.test(safe) ? `'${safe}` : safe).replace(/"/g, '""')}"`;
    };
    const edgy = fc.string({
      unit: fc.constantFrom('a', ' ', '=', '+', '-', '@', ',', ';', '\t', '\r', '\n', '"', "'", '1'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(edgy, (text) => {
        expect(csvCell(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('makes a row of exactly the cells csvCell makes (its whole-row test misses no formula start)', () => {
    const edgy = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '=', '+', '-', '@', ',', ';', '\t', '\r', '\n', '"', "'", '1'), maxLength: 6 }),
      fc.constant(null),
      fc.integer(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(edgy, { minLength: 1, maxLength: 6 }), (cells) => {
        expect(csvRow(cells)).toBe(`${cells.map(csvCell).join(',')}\r\n`);
      }),
      { numRuns: 5000 },
    );
  });

  it('quotes every cell: null as empty, numbers and booleans as text, rows ending CRLF', () => {
    expect(csvRow([null, 204, false, 'x'])).toBe('"","204","false","x"\r\n');
  });

  it('leaves no cell starting with = + - @ however a spreadsheet splits the row', () => {
    const row = csvRow(['x;=1+1;', '@SUM(1)', '\t=1', 'a,-2', 'b; +3']);
    for (const separator of [',', ';', '\t']) {
      for (const cell of row.split(separator)) expect(cell.replace(/^"/, '').trimStart()).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('auditCsvStream', () => {
  const record = (i: number): AuditRecord => ({
    id: `id${i}`,
    requestId: `r${i}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    actor: { sub: 's', email: 'a@x' },
    target: { id: 'u1', userName: '=cmd' },
    action: 'deactivate',
    method: 'PATCH',
    reason: 'left, "now"',
    state: 'pending',
    before: { active: true, version: 'W/"1"' },
    after: { active: null, version: null },
    upstreamStatus: null,
    errorDetail: null,
    jobId: null,
    sessionId: null,
    provider: null,
    identity: 'service-identity',
    reasonCode: 'Leaver',
    ticket: '=HR-1',
  });

  it('pulls keyset pages until the last, one page at a time', async () => {
    const calls: (string | null | undefined)[] = [];
    const store = {
      async queryAudit(_filter: unknown, { cursor }: { cursor?: string | null }) {
        calls.push(cursor);
        const n = calls.length;
        return { records: n <= 3 ? [record(n * 2), record(n * 2 + 1)] : [], nextCursor: n < 3 ? `c${n}` : null };
      },
    } as unknown as AuditStore;
    const bytes = new Uint8Array(await new Response(auditCsvStream(store, {}, { pageSize: 2 })).arrayBuffer());
    // A UTF-8 BOM first, so Excel reads accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF' +
        '"at","finished_at","actor_email","actor_sub","target_user_name","target_id","action","method","outcome","reason","active_before","active_after","version_before","version_after","upstream_status","error","request_id","id","job_id","session_id","provider","call_identity","reason_code","ticket"',
    );
    expect(lines[1]).toBe(
      `"2026-01-01T00:00:00.000Z","","a@x","s","'=cmd","u1","deactivate","PATCH","pending","left, ""now""","true","","W/""1""","","","","r2","id2","","","","service-identity","Leaver","'=HR-1"`,
    );
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(calls).toEqual([null, 'c1', 'c2']);
  });

  it('carries a sign-in with its session id and provider, and no method nor call identity', async () => {
    const signIn: AuditRecord = {
      ...record(1),
      action: 'sign-in',
      method: null,
      reason: null,
      state: 'succeeded',
      target: { id: 's', userName: null },
      before: { active: null, version: null },
      sessionId: 'sid-1',
      provider: 'oidc',
      identity: null,
      reasonCode: null,
      ticket: null,
    };
    let served = false;
    const store = {
      queryAudit: async () => {
        const records = served ? [] : [signIn];
        served = true;
        return { records, nextCursor: null };
      },
    } as unknown as AuditStore;
    const lines = (await new Response(auditCsvStream(store, {})).text()).split('\r\n');
    expect(lines[1]).toBe(
      `"2026-01-01T00:00:00.000Z","","a@x","s","","s","sign-in","","succeeded","","","","","","","","r1","id1","","sid-1","oidc","","",""`,
    );
  });

  it('errors the stream when a page fails, so a truncated file is not taken for complete', async () => {
    const store = { queryAudit: async () => Promise.reject(new Error('db gone')) } as unknown as AuditStore;
    const errors: unknown[] = [];
    await expect(new Response(auditCsvStream(store, {}, { onError: (e) => errors.push(e) })).text()).rejects.toThrow(/db gone/);
    expect(errors).toHaveLength(1);
  });
});

describe('pagedCsvStream', () => {
  it('returns to the event loop while it builds a large page, so other work runs before the page is sent', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`user${i}@example.com`, i, true]);
    const reader = pagedCsvStream<number>(['name', 'n', 'ok'], async () => ({ rows, next: null })).getReader();
    await reader.read(); // the BOM and header
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const page = reader.read().then((chunk) => {
      order.push('page');
      return chunk;
    });
    const { value } = await page;
    expect(order).toEqual(['other work', 'page']);
    expect(new TextDecoder().decode(value).split('\r\n')).toHaveLength(1001);
  });
});
