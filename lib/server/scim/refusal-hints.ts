// One line saying what to do, added after the provider's own words, for
// refusals whose cause an admin can fix somewhere else. Salesforce refuses to
// deactivate a user other configuration still names (Salesforce Help,
// "Deactivate Users": default workflow user, default case owner, assignment and
// escalation rules, custom hierarchy fields); freezing stops sign-in meanwhile.

const FREEZE = 'Meanwhile you can freeze the user in Setup → Users (Freeze) so they cannot sign in.';

const HINTS: { match: RegExp; hint: string }[] = [
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

/** What to do about a known refusal, or null: the provider's message then stands alone. */
export function refusalHint(detail: string): string | null {
  return HINTS.find((h) => h.match.test(detail))?.hint ?? null;
}
