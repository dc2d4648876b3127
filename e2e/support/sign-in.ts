import { expect, type Page } from '@playwright/test';
import type { DemoRole } from './env';

/** The real flow: the console's sign-in button, the sandbox's login form, back to the console. */
export async function signIn(page: Page, role: DemoRole) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
  await page.getByLabel('Email').fill(`${role}@example.com`);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const heading = role === 'nobody' ? 'No access' : 'Users';
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}
