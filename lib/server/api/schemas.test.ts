import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_PARAM_KEYS, validAuditParam } from '@/components/audit/audit-params';
import { parseListField } from '@/components/users/list-params';
import { AUDIT_ACTIONS, AUDIT_STATES } from '@/lib/audit-vocabulary';
import { SORT_ORDERS, USER_SORT_BYS, USER_STATUSES } from '@/lib/users/types';
import { activationBodySchema, auditQuerySchema, deleteBodySchema, userListParamsSchema } from './schemas';

describe('reasons', () => {
  it.each([
    ['right-to-left override', 'left \u202Eevil'],
    ['isolate', 'a\u2066b\u2069'],
    ['NUL', 'a\u0000b'],
    ['escape', '\u001b[31mred'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
  ])('refuses a %s with a message that says why', (_name, reason) => {
    for (const schema of [activationBodySchema, deleteBodySchema]) {
      const result = schema.safeParse({ active: false, reason });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/must not contain control characters or bidirectional overrides/);
    }
  });

  it('keeps newlines, tabs, accents and other scripts', () => {
    const reason = 'Left the company\n\tsee ticket — Zoë, 日本, مرحبا';
    expect(activationBodySchema.parse({ active: false, reason }).reason).toBe(reason);
  });
});

// The pages parse their URLs with plain validators (no zod in the browser); they
// must accept exactly what the API accepts, or a link would show one thing and
// fetch another.
describe('the pages’ URL validators agree with the API’s schemas', () => {
  const numeric = fc.oneof(
    fc.integer({ min: -5, max: 1_000_005 }).map(String),
    fc.constantFrom('', ' ', '0', '1', '200', '201', '1e3', '0x10', ' 7 ', '1.5', '2.0', 'Infinity', 'NaN', '-0', '+3', '1_000'),
  );
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 260 }), fc.string({ minLength: 190, maxLength: 330 }));
  const users = {
    q: text,
    status: fc.oneof(fc.constantFrom(...USER_STATUSES, 'ALL', ' active', ''), fc.string()),
    startIndex: numeric,
    count: numeric,
    sortBy: fc.oneof(fc.constantFrom(...USER_SORT_BYS, 'username', 'meta'), fc.string()),
    sortOrder: fc.oneof(fc.constantFrom(...SORT_ORDERS, 'asc', 'Descending'), fc.string()),
    after: fc.oneof(fc.string(), fc.string({ minLength: 15_990, maxLength: 16_010 })),
  };

  it.each(Object.keys(users) as (keyof typeof users)[])('users list: %s', (key) => {
    const schema = userListParamsSchema.shape[key];
    fc.assert(
      fc.property(fc.option(users[key], { nil: null }), (raw) => {
        const parsed = schema.safeParse(raw ?? undefined);
        expect(parseListField(key, raw)).toEqual(parsed.success ? parsed.data : schema.parse(undefined));
      }),
      { numRuns: 2000 },
    );
  });

  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg'), minLength: n, maxLength: n });
  const uuidish = fc
    .tuple(hex(8), hex(4), fc.constantFrom('0', '1', '4', '7', '8', '9'), hex(3), fc.constantFrom('8', 'b', 'B', 'c', '7'), hex(3), hex(12))
    .map(([a, b, v, c, w, d, e]) => `${a}-${b}-${v}${c}-${w}${d}-${e}`);
  const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((i) => String(i).padStart(n, '0'));
  const date = fc
    .tuple(digits(4), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const dateTime = fc
    .tuple(
      date,
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.option(fc.integer({ min: 0, max: 61 })),
      fc.constantFrom('', '.5', '.123456', '.'),
      fc.constantFrom('Z', '', '+02:00', '-23:59', '+24:00', 'z', '+0200'),
    )
    .map(
      ([d, h, m, s, frac, zone]) =>
        `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}`}${frac}${zone}`,
    );
  const audit: Record<(typeof AUDIT_PARAM_KEYS)[number], fc.Arbitrary<string>> = {
    actor: text,
    target: text,
    action: fc.oneof(fc.constantFrom(...AUDIT_ACTIONS, 'Deactivate', ''), fc.string()),
    outcome: fc.oneof(fc.constantFrom(...AUDIT_STATES, 'ok', ''), fc.string()),
    job: fc.oneof(
      uuidish,
      uuidish.map((u) => ` ${u} `),
      fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      fc.uuid(),
      fc.string(),
    ),
    reasonCode: fc.oneof(text, fc.constantFrom('Leaver', 'Security incident')),
    ticket: text,
    from: fc.oneof(date, dateTime, fc.string()),
    to: fc.oneof(
      date,
      dateTime,
      dateTime.map((d) => ` ${d}`),
      fc.string(),
    ),
    webhooks: fc.oneof(fc.constantFrom('undelivered', 'Undelivered', ' undelivered', 'delivered', ''), fc.string()),
    cursor: fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ09_-+/= '), maxLength: 210 }),
      fc.string({ unit: fc.constantFrom(...'abc'), minLength: 195, maxLength: 205 }),
      fc.string(),
    ),
  };

  it.each(AUDIT_PARAM_KEYS)('audit: %s', (key) => {
    fc.assert(
      fc.property(audit[key], (value) => {
        expect(validAuditParam(key, value)).toBe(auditQuerySchema.shape[key].safeParse(value).success);
      }),
      { numRuns: 2000 },
    );
  });
});
