import { describe, expect, it } from 'vitest';
import { refusalHint, SALESFORCE_REFUSAL_HINTS } from './refusal-hints';
import { PROVIDER_PROFILES, PROVIDER_IDS } from './provider-profiles';

describe('refusalHint', () => {
  it.each([
    ['You cannot deactivate a user who is the Default Workflow User.', /Process Automation Settings/],
    ['FIELD_INTEGRITY_EXCEPTION: This user is the default case owner.', /Support Settings/],
    ['The user is used in a case assignment rule.', /Assignment Rules/],
    ['The user is referenced in an escalation rule.', /Escalation Rules/],
    ['The user is the value of a custom hierarchy field on other users.', /custom hierarchy field/],
    ["You can't deactivate this user.", /^Meanwhile you can freeze the user/],
  ])('%s → %s', (detail, hint) => {
    expect(refusalHint(detail, SALESFORCE_REFUSAL_HINTS)).toMatch(hint);
    expect(refusalHint(detail, SALESFORCE_REFUSAL_HINTS)).toMatch(/freeze the user in Setup/);
  });

  it('says nothing about refusals it does not know', () => {
    expect(refusalHint('userName: already taken', SALESFORCE_REFUSAL_HINTS)).toBeNull();
    expect(refusalHint('The SCIM provider answered 400.', SALESFORCE_REFUSAL_HINTS)).toBeNull();
  });

  it('belong to the Salesforce profile only: no other provider’s console tells an admin to freeze a user in Setup', () => {
    const refusal = 'You cannot deactivate this user.';
    for (const id of PROVIDER_IDS) {
      expect(refusalHint(refusal, PROVIDER_PROFILES[id].refusalHints) !== null, id).toBe(id === 'salesforce');
    }
  });
});
