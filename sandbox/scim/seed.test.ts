import { describe, expect, it } from 'vitest';
import { asciiSlug, seedUser, userId } from './seed';

describe('seed', () => {
  it('pins the documented example users', () => {
    expect(seedUser(0)).toMatchObject({ id: '005Dn0000000001IAA', userName: 'aaron.aaberg@example.com', active: true });
    expect(seedUser(1)).toMatchObject({ userName: 'zoe.obrien@example.com', displayName: "Zoë O'Brien", active: true });
    expect(seedUser(3)).toMatchObject({ userName: 'bjorn.odegard@example.com', active: false });
    expect(seedUser(5)).toMatchObject({ userName: 'anne-marie.lefevre@example.com', active: false });
    expect(seedUser(6)).toMatchObject({ userName: 'ruta.novak6@example.com', active: true });
    expect(seedUser(7)).toMatchObject({ userName: 'katerina.nakamura7@example.com', active: false });
    expect(seedUser(12)).toMatchObject({ userName: 'lars.schroder12@example.com', active: false });
  });

  it('is deterministic and independent of the clock', () => {
    expect(seedUser(4242)).toEqual(seedUser(4242));
    expect((seedUser(4242).meta as { created: string }).created).toBe((seedUser(4242).meta as { created: string }).created);
  });

  it('makes unique lowercase ASCII userNames, ~20% inactive, the first sorting first', () => {
    const users = Array.from({ length: 5000 }, (_, i) => seedUser(i));
    const names = users.map((u) => u.userName as string);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z0-9.@-]+$/.test(n))).toBe(true);
    expect([...names].sort()[0]).toBe('aaron.aaberg@example.com');
    const inactive = users.filter((u) => u.active === false).length / users.length;
    expect(inactive).toBeGreaterThan(0.17);
    expect(inactive).toBeLessThan(0.23);
  });

  it('makes 18-char ids that sort like their sequence numbers', () => {
    const ids = [1, 2, 61, 62, 63, 3844, 1_000_000].map(userId);
    expect(ids.every((id) => /^005[0-9A-Za-z]{15}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('folds accents and apostrophes', () => {
    expect(asciiSlug('Ó Súilleabháin')).toBe('o-suilleabhain');
    expect(asciiSlug("D'Angelo")).toBe('dangelo');
    expect(asciiSlug('Łukasz Ødegård')).toBe('lukasz-odegard');
  });
});
