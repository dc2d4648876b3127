import { describe, expect, it } from 'vitest';
import { activationBodySchema, deleteBodySchema } from './types';

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
