import { describe, expect, it } from 'vitest';
import { auditQueryString, filtersOf, readAuditParams } from './audit-params';

describe('readAuditParams', () => {
  it('keeps the known, non-empty parameters in a fixed order', () => {
    const params = readAuditParams(new URLSearchParams('cursor=abc&to=2026-01-02&junk=1&actor=%20a%40x.io%20&target='));
    expect(params).toEqual({ actor: 'a@x.io', to: '2026-01-02', cursor: 'abc' });
    expect(Object.keys(params)).toEqual(['actor', 'to', 'cursor']);
  });

  it('passes values through unvalidated: the API answers 400 naming the field', () => {
    expect(readAuditParams(new URLSearchParams('outcome=maybe'))).toEqual({ outcome: 'maybe' });
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
