import { describe, expect, it } from 'vitest';
import { asciiSlug, DEACTIVATION_REFUSALS, seedDay, seedUser, userId, WORKFLOW_USER_INDEX } from './seed';

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

  it('is deterministic for a given seed day, at any time of that day', () => {
    const morning = seedDay(Date.UTC(2026, 4, 17, 0, 0, 1));
    const evening = seedDay(Date.UTC(2026, 4, 17, 23, 59, 59));
    expect(evening).toBe(morning);
    expect(seedUser(4242, morning)).toEqual(seedUser(4242, evening));
  });

  it('spreads created and lastModified over the year before the seed day', () => {
    const day = seedDay(Date.UTC(2026, 4, 17, 12));
    const year = 365 * 24 * 3600 * 1000;
    const metas = Array.from({ length: 2000 }, (_, i) => seedUser(i, day).meta as { created: string; lastModified: string });
    const created = metas.map((m) => Date.parse(m.created));
    const modified = metas.map((m) => Date.parse(m.lastModified));
    expect(created.every((c, i) => c > day - year && c <= (modified[i] as number) && (modified[i] as number) <= day)).toBe(true);
    // Spread, not bunched: some in the last month, some older than eleven months.
    expect(modified.some((m) => m > day - year / 12)).toBe(true);
    expect(created.some((c) => c < day - (11 * year) / 12)).toBe(true);
    // Another day moves the dates, never the people.
    const later = seedUser(9, day + 30 * 24 * 3600 * 1000);
    expect(later.meta).not.toEqual(seedUser(9, day).meta);
    expect({ ...later, meta: undefined }).toEqual({ ...seedUser(9, day), meta: undefined });
  });

  it('makes index 57 the Default Workflow User whose deactivation Salesforce refuses', () => {
    expect(seedUser(WORKFLOW_USER_INDEX)).toMatchObject({
      id: '005Dn000000000wIAA',
      userName: 'workflow.user@example.com',
      displayName: 'Workflow User',
      active: true,
    });
    expect([...DEACTIVATION_REFUSALS.keys()]).toEqual(['005Dn000000000wIAA']);
    // Past the first 40 active users, which the e2e specs pick from.
    const activeBefore = Array.from({ length: WORKFLOW_USER_INDEX }, (_, i) => seedUser(i)).filter((u) => u.active).length;
    expect(activeBefore).toBeGreaterThanOrEqual(40);
  });

  it('spreads created and lastModified over the year before the epoch, lastModified never before created', () => {
    const epoch = Date.UTC(2026, 10, 30);
    const dates = Array.from({ length: 2000 }, (_, i) => seedUser(i, epoch).meta as { created: string; lastModified: string });
    const created = dates.map((d) => Date.parse(d.created));
    const year = 365 * 86_400_000;
    expect(Math.min(...created)).toBeGreaterThan(epoch - year);
    expect(Math.max(...created)).toBeLessThanOrEqual(epoch);
    // Spread over the year, not bunched into its last weeks.
    expect(created.filter((t) => t < epoch - year / 2).length / created.length).toBeGreaterThan(0.4);
    expect(dates.every((d) => d.lastModified >= d.created && Date.parse(d.lastModified) <= epoch)).toBe(true);
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
