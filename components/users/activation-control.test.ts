import { describe, expect, it } from 'vitest';
import { makeUser } from '@/lib/users/testing/make-user';
import { staleMessage } from './activation-control';

const user = (active: boolean, version: string | null) => makeUser('ada', active, version);

describe('staleMessage', () => {
  it('says what the user is now and that nothing was applied', () => {
    expect(staleMessage(user(true, 'W/"3"'), user(false, 'W/"5"'))).toBe(
      'This user changed since you loaded it. It is now Inactive (version W/"5"); you loaded it as Active (version W/"3"). Nothing was changed: it is already inactive.',
    );
  });

  it('asks the admin to press the button again when the state is the same but the version moved', () => {
    expect(staleMessage(user(true, 'W/"3"'), user(true, 'W/"5"'))).toContain('Press Deactivate again if you still mean it.');
  });

  it('copes with a 412 that carries no current user', () => {
    expect(staleMessage(user(true, 'W/"3"'), undefined)).toMatch(/^This user changed since you loaded it\. Nothing was changed\./);
  });
});
