import { describe, expect, it } from 'vitest';
import { refusalHint } from './refusal-hints';

describe('refusalHint', () => {
  it.each([
    ['You cannot deactivate a user who is the Default Workflow User.', /Process Automation Settings/],
    ['FIELD_INTEGRITY_EXCEPTION: This user is the default case owner.', /Support Settings/],
    ['The user is used in a case assignment rule.', /Assignment Rules/],
    ['The user is referenced in an escalation rule.', /Escalation Rules/],
    ['The user is the value of a custom hierarchy field on other users.', /custom hierarchy field/],
    ["You can't deactivate this user.", /^Meanwhile you can freeze the user/],
  ])('%s → %s', (detail, hint) => {
    expect(refusalHint(detail)).toMatch(hint);
    expect(refusalHint(detail)).toMatch(/freeze the user in Setup/);
  });

  it('says nothing about refusals it does not know', () => {
    expect(refusalHint('userName: already taken')).toBeNull();
    expect(refusalHint('The SCIM provider answered 400.')).toBeNull();
  });
});
