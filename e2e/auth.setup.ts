// Signs in once per demo account through the real flow (console → sandbox
// login form → callback) and saves the session for the specs.
import { test as setup } from '@playwright/test';
import { ROLES, storageStatePath } from './support/env';
import { signIn } from './support/sign-in';

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, role);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
