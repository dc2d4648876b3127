import { describe, expect, it } from 'vitest';
import { parseCsv, parseUserCsv, parseUserLines } from './user-list';

describe('parseUserLines', () => {
  it('drops blank lines and trims spaces, whatever the line endings', () => {
    expect(parseUserLines('  alice@example.com \r\n\r\n\tbob\n   \rcarol  ')).toEqual({
      lines: ['alice@example.com', 'bob', 'carol'],
      duplicates: 0,
    });
  });

  it('keeps the first spelling of a line repeated in another case and counts the rest as duplicates', () => {
    expect(parseUserLines('Alice\nbob\nALICE\nalice \nbob')).toEqual({ lines: ['Alice', 'bob'], duplicates: 3 });
  });

  it('ignores a leading BOM', () => {
    expect(parseUserLines('\uFEFFalice\nbob')).toEqual({ lines: ['alice', 'bob'], duplicates: 0 });
  });

  it('gives nothing for an empty paste', () => {
    expect(parseUserLines(' \n\n ')).toEqual({ lines: [], duplicates: 0 });
  });
});

describe('parseCsv', () => {
  it('handles quoted separators, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"multi\nline",x,\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', 'x', ''],
    ]);
  });

  it('reads a last row without a trailing line break', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('splits on ; or tab when the header does', () => {
    expect(parseCsv('name;email\nA, B;a@x')).toEqual([
      ['name', 'email'],
      ['A, B', 'a@x'],
    ]);
    expect(parseCsv('id\tnote\n1\tx, y')).toEqual([
      ['id', 'note'],
      ['1', 'x, y'],
    ]);
  });
});

describe('parseUserCsv', () => {
  it('takes the userName column, whatever its case, ignoring the other columns, a BOM and quoting', () => {
    const csv = '\uFEFFdisplayName,USERNAME,department\r\n"Doe, Jane"," jane.doe ",Sales\r\n"Roe, Rick","rick",""\r\n,,\r\n';
    expect(parseUserCsv(csv)).toEqual({ lines: ['jane.doe', 'rick'], duplicates: 0 });
  });

  it('prefers userName over email over id', () => {
    expect(parseUserCsv('id,email\n1,a@x\n2,b@x')).toEqual({ lines: ['a@x', 'b@x'], duplicates: 0 });
    expect(parseUserCsv('id,note\n1,x\n2,y')).toEqual({ lines: ['1', '2'], duplicates: 0 });
  });

  it('counts duplicates in any case', () => {
    expect(parseUserCsv('email\nA@x.com\na@X.com\nb@x.com')).toEqual({ lines: ['A@x.com', 'b@x.com'], duplicates: 1 });
  });

  it('explains a file without a user column', () => {
    expect(parseUserCsv('name,department\nJane,Sales')).toEqual({ error: 'The CSV file needs a column named userName, email or id.' });
    expect(parseUserCsv('')).toHaveProperty('error');
  });
});
