// The sandbox's own sign-in page: a demo account's button fills the email, in light and dark.
import { expect, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a demo account button fills the email; the page is accessible (${colorScheme})`, async ({ browser, expectAccessible }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, colorScheme });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to the SCIM Sandbox', level: 1 })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Use auditor@example.com' }).click();
    await expect(page.getByLabel('Email')).toHaveValue('auditor@example.com');
    await expect(page.getByLabel('Password')).toBeFocused();
    // The keyboard works too: another account's button, pressed with Enter, replaces the email.
    await page.getByRole('button', { name: 'Use helpdesk@example.com' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Email')).toHaveValue('helpdesk@example.com');

    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await context.close();
  });
}
