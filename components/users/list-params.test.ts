import { describe, expect, it } from 'vitest';
import { cursorsFor, listQueryString, nextSort, pageNavigation, pageSizes, parseListParams } from './list-params';

const search = (query: string) => new URLSearchParams(query);

describe('parseListParams', () => {
  it('reads every field from the URL', () => {
    expect(parseListParams(search('q=zoe&status=inactive&startIndex=26&count=50'), 200)).toEqual({
      q: 'zoe',
      status: 'inactive',
      startIndex: 26,
      count: 50,
    });
  });

  it('falls back per field on bad values instead of failing the page', () => {
    expect(parseListParams(search('status=deleted&startIndex=-3&count=abc&q=%20x%20'), 200)).toEqual({
      q: 'x',
      status: 'all',
      startIndex: 1,
      count: 25,
    });
  });

  it('caps the page size at what the provider allows', () => {
    expect(parseListParams(search('count=100'), 40).count).toBe(40);
  });

  it('reads a whitelisted sort, ascending unless it says descending', () => {
    expect(parseListParams(search('sortBy=meta.lastModified&sortOrder=descending'), 200)).toMatchObject({
      sortBy: 'meta.lastModified',
      sortOrder: 'descending',
    });
    expect(parseListParams(search('sortBy=userName'), 200)).toMatchObject({ sortBy: 'userName', sortOrder: 'ascending' });
    expect(parseListParams(search('sortBy=userName&sortOrder=sideways'), 200)).toMatchObject({
      sortBy: 'userName',
      sortOrder: 'ascending',
    });
  });

  it('ignores a sort outside the whitelist, and a sortOrder without a sortBy', () => {
    for (const query of ['sortBy=password', 'sortBy=', 'sortBy=USERNAME&sortOrder=descending', 'sortOrder=descending']) {
      const params = parseListParams(search(query), 200);
      expect(params.sortBy).toBeUndefined();
      expect(params.sortOrder).toBeUndefined();
    }
  });
});

describe('listQueryString', () => {
  it('leaves defaults out and round-trips through parseListParams', () => {
    expect(listQueryString({ q: '', status: 'all', startIndex: 1, count: 25 })).toBe('');
    const params = { q: 'o’brien & co', status: 'active' as const, startIndex: 51, count: 50 };
    const query = listQueryString(params);
    expect(parseListParams(search(query.slice(1)), 200)).toEqual(params);
  });

  it('writes the sort (ascending is the default, so left out) and round-trips it', () => {
    const base = { q: '', status: 'all' as const, startIndex: 1, count: 25 };
    expect(listQueryString({ ...base, sortBy: 'meta.lastModified', sortOrder: 'ascending' })).toBe('?sortBy=meta.lastModified');
    expect(listQueryString({ ...base, sortBy: 'userName', sortOrder: 'descending' })).toBe('?sortBy=userName&sortOrder=descending');
    expect(listQueryString({ ...base, sortOrder: 'descending' })).toBe('');
    for (const sortOrder of ['ascending', 'descending'] as const) {
      const params = { ...base, q: 'ann', startIndex: 26, sortBy: 'meta.lastModified' as const, sortOrder };
      expect(parseListParams(search(listQueryString(params).slice(1)), 200)).toEqual(params);
    }
  });
});

describe('nextSort', () => {
  it('starts a column ascending and flips it on each activation', () => {
    expect(nextSort({}, 'userName')).toEqual({ sortBy: 'userName', sortOrder: 'ascending' });
    expect(nextSort({ sortBy: 'userName', sortOrder: 'ascending' }, 'userName')).toEqual({ sortBy: 'userName', sortOrder: 'descending' });
    expect(nextSort({ sortBy: 'userName', sortOrder: 'descending' }, 'userName')).toEqual({ sortBy: 'userName', sortOrder: 'ascending' });
    expect(nextSort({ sortBy: 'userName', sortOrder: 'descending' }, 'meta.lastModified')).toEqual({
      sortBy: 'meta.lastModified',
      sortOrder: 'ascending',
    });
  });
});

describe('pageSizes', () => {
  it('offers the usual sizes within the limit, plus the current one', () => {
    expect(pageSizes(200, 25)).toEqual([10, 25, 50, 100]);
    expect(pageSizes(30, 30)).toEqual([10, 25, 30]);
    expect(pageSizes(5, 5)).toEqual([5]);
  });
});

describe('parseListParams before the provider cap is known', () => {
  it('sends the URL count as is (the server caps it)', () => {
    expect(parseListParams(search('count=100')).count).toBe(100);
  });
});

describe('pageNavigation', () => {
  it('shows the rows on screen and advances past them', () => {
    expect(pageNavigation({ startIndex: 26, shown: 25, totalResults: 500 }, 25)).toEqual({
      first: 26,
      last: 50,
      total: 500,
      previousStartIndex: 1,
      nextStartIndex: 51,
    });
  });

  it('advances by the rows the provider returned when it returned fewer than asked for', () => {
    const nav = pageNavigation({ startIndex: 1, shown: 10, totalResults: 500 }, 25);
    expect(nav).toMatchObject({ first: 1, last: 10, nextStartIndex: 11 });
    // …and steps back by that page size too, so no rows are skipped going back.
    expect(pageNavigation({ startIndex: 21, shown: 10, totalResults: 500 }, 25).previousStartIndex).toBe(11);
  });

  it('has no next page once the rows on screen reach the total', () => {
    expect(pageNavigation({ startIndex: 476, shown: 25, totalResults: 500 }, 25).nextStartIndex).toBeNull();
    const lastShort = pageNavigation({ startIndex: 491, shown: 10, totalResults: 500 }, 25);
    expect(lastShort).toMatchObject({ first: 491, last: 500, nextStartIndex: null, previousStartIndex: 466 });
  });

  it('counts nothing on an empty page and offers no Previous on the first one', () => {
    expect(pageNavigation({ startIndex: 1, shown: 0, totalResults: 0 }, 25)).toEqual({
      first: 0,
      last: 0,
      total: 0,
      previousStartIndex: null,
      nextStartIndex: null,
    });
  });

  it('never skips a row: stepping Next from 1 visits every index exactly once', () => {
    const total = 103;
    const cap = 10;
    const seen: number[] = [];
    let start: number | null = 1;
    while (start !== null) {
      const shown = Math.min(cap, total - start + 1);
      for (let i = start; i < start + shown; i++) seen.push(i);
      start = pageNavigation({ startIndex: start, shown, totalResults: total }, 25).nextStartIndex;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
});

describe('pageSizes before the provider cap is known', () => {
  it('offers the usual sizes plus the current one', () => {
    expect(pageSizes(undefined, 30)).toEqual([10, 25, 30, 50, 100]);
  });
});

describe('cursorsFor (keyset cursors for deep pages)', () => {
  const rows = (...ids: string[]) => ids.map((id) => ({ id }));

  it('forward from a page read by offset starts a trail with its last id', () => {
    expect(cursorsFor({ startIndex: 76, after: 'x' }, { users: rows('a', 'b') }, 101)).toBe('b');
  });

  it('forward from a page read by keyset extends the trail; back drops its last cursor', () => {
    expect(cursorsFor({ startIndex: 101, after: 'b' }, { users: rows('c', 'd'), keyset: true }, 126)).toBe('b,d');
    expect(cursorsFor({ startIndex: 126, after: 'b,d' }, { users: rows('e'), keyset: true }, 101)).toBe('b');
    expect(cursorsFor({ startIndex: 101, after: 'b' }, { users: rows('c'), keyset: true }, 76)).toBeUndefined();
  });

  it('needs none for the first page or after an empty page', () => {
    expect(cursorsFor({ startIndex: 26, after: 'b' }, { users: rows('c') }, 1)).toBeUndefined();
    expect(cursorsFor({ startIndex: 1 }, { users: [] }, 26)).toBeUndefined();
  });

  it('round-trips through the URL', () => {
    const params = parseListParams(new URLSearchParams('?startIndex=126&after=b%2Cd'));
    expect(params.after).toBe('b,d');
    expect(listQueryString(params)).toBe('?startIndex=126&after=b%2Cd');
    expect(parseListParams(new URLSearchParams('?startIndex=26')).after).toBeUndefined();
  });
});
