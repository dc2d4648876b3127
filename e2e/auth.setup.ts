// Signs in once per demo account through the real flow (console → sandbox
// login form → callback) and saves the session for the specs.
import { expect, test as setup } from '@playwright/test';
import { ROLES, storageStatePath } from './support/env';

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
    await page.getByLabel('Email').fill(`${role}@example.com`);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const heading = role === 'nobody' ? 'No access' : 'Users';
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
