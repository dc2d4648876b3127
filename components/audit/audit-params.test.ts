import { describe, expect, it } from 'vitest';
import { auditQueryString, filtersOf, ignoredParamsMessage, parseAuditParams, readAuditParams } from './audit-params';

describe('readAuditParams', () => {
  it('keeps the known, non-empty parameters in a fixed order', () => {
    const params = readAuditParams(new URLSearchParams('cursor=abc&to=2026-01-02&junk=1&actor=%20a%40x.io%20&target='));
    expect(params).toEqual({ actor: 'a@x.io', to: '2026-01-02', cursor: 'abc' });
    expect(Object.keys(params)).toEqual(['actor', 'to', 'cursor']);
  });
});

describe('parseAuditParams', () => {
  it('drops each value the API would refuse and names it, keeping the valid ones', () => {
    const parsed = parseAuditParams(
      new URLSearchParams('action=bogus&outcome=maybe&target=ada&from=yesterday&to=2026-02-30&cursor=a%2Fb&actor=' + 'x'.repeat(321)),
    );
    expect(parsed.params).toEqual({ target: 'ada' });
    expect(parsed.ignored).toEqual(['actor', 'action', 'outcome', 'from', 'to', 'cursor']);
  });

  it('accepts every value the filter form can produce, and date-times with an offset', () => {
    const search =
      'actor=admin%40example.com&target=ada&action=reactivate&outcome=reconciled&from=2026-01-01&to=2026-01-02T10:00:00%2B02:00&cursor=abc_-1';
    const parsed = parseAuditParams(new URLSearchParams(search));
    expect(parsed.ignored).toEqual([]);
    expect(Object.keys(parsed.params)).toEqual(['actor', 'target', 'action', 'outcome', 'from', 'to', 'cursor']);
  });

  it('leaves a range that ends before it starts to the API (a rule across fields)', () => {
    expect(parseAuditParams(new URLSearchParams('from=2030-01-02&to=2030-01-01'))).toEqual({
      params: { from: '2030-01-02', to: '2030-01-01' },
      ignored: [],
    });
  });
});

describe('ignoredParamsMessage', () => {
  it('names the ignored parameters, or says nothing', () => {
    expect(ignoredParamsMessage(['action'])).toBe('Some filters in the address were not understood and were ignored: action.');
    expect(ignoredParamsMessage(['action', 'from'])).toBe(
      'Some filters in the address were not understood and were ignored: action, from.',
    );
    expect(ignoredParamsMessage([])).toBeNull();
  });
});

describe('auditQueryString', () => {
  it('builds the same query whatever order the input has, and drops the cursor with filtersOf', () => {
    const params = { cursor: 'c1', target: 'ada', action: 'deactivate' };
    expect(auditQueryString(params)).toBe('?target=ada&action=deactivate&cursor=c1');
    expect(auditQueryString(filtersOf(params))).toBe('?target=ada&action=deactivate');
    expect(auditQueryString({})).toBe('');
  });
});
