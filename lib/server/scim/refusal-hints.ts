// One line saying what to do, added after the provider's own words, for
// refusals whose cause an admin can fix somewhere else. Salesforce refuses to
// deactivate a user other configuration still names (Salesforce Help,
// "Deactivate Users": default workflow user, default case owner, assignment and
// escalation rules, custom hierarchy fields); freezing stops sign-in meanwhile.
// Hints belong to a provider profile (lib/server/scim/provider-profiles.ts): only a
// console whose profile is Salesforce adds Salesforce's Setup paths to a refusal.
// No `server-only`: the profiles module is read by lib/server/env.ts in plain Node.

export type RefusalHint = { match: RegExp; hint: string };

const FREEZE = 'Meanwhile you can freeze the user in Setup → Users (Freeze) so they cannot sign in.';

export const SALESFORCE_REFUSAL_HINTS: readonly RefusalHint[] = [
  {
    match: /default workflow user/i,
    hint: `Choose another Default Workflow User in Setup → Process Automation Settings, then try again. ${FREEZE}`,
  },
  {
    match: /default case owner|case owner/i,
    hint: `Choose another Default Case Owner in Setup → Support Settings, then try again. ${FREEZE}`,
  },
  {
    match: /assignment rule|escalation rule/i,
    hint: `Remove the user from the assignment or escalation rules in Setup (Case/Lead Assignment Rules, Escalation Rules), then try again. ${FREEZE}`,
  },
  {
    match: /hierarch/i,
    hint: `Other users name this user in a custom hierarchy field: change that field on them, then try again. ${FREEZE}`,
  },
  { match: /(can ?not|can't|cannot) (be )?deactivat/i, hint: FREEZE },
];

/** What to do about a refusal the provider's profile knows, or null: the provider's message then stands alone. */
export function refusalHint(detail: string, hints: readonly RefusalHint[]): string | null {
  return hints.find((h) => h.match.test(detail))?.hint ?? null;
}
