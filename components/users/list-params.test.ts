import { describe, expect, it } from 'vitest';
import { listQueryString, pageSizes, parseListParams } from './list-params';

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
});

describe('listQueryString', () => {
  it('leaves defaults out and round-trips through parseListParams', () => {
    expect(listQueryString({ q: '', status: 'all', startIndex: 1, count: 25 })).toBe('');
    const params = { q: 'o’brien & co', status: 'active' as const, startIndex: 51, count: 50 };
    const query = listQueryString(params);
    expect(parseListParams(search(query.slice(1)), 200)).toEqual(params);
  });
});

describe('pageSizes', () => {
  it('offers the usual sizes within the limit, plus the current one', () => {
    expect(pageSizes(200, 25)).toEqual([10, 25, 50, 100]);
    expect(pageSizes(30, 30)).toEqual([10, 25, 30]);
    expect(pageSizes(5, 5)).toEqual([5]);
  });
});
