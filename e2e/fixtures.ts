import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { storageStatePath, type DemoRole } from './support/env';
import { Sandbox } from './support/sandbox';

type Fixtures = {
  sandbox: Sandbox;
  /** Fails the test on any serious or critical WCAG 2.1 AA violation on the page as it is now. */
  expectAccessible: (page: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  sandbox: async ({ playwright }, provide) => {
    const request = await playwright.request.newContext();
    const sandbox = new Sandbox(request);
    await sandbox.reset();
    await provide(sandbox);
    await request.dispose();
  },
  expectAccessible: async ({}, provide) => {
    await provide(async (page) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    });
  },
});

/** Run the tests of this file signed in as one of the sandbox's demo accounts. */
export function signedInAs(role: DemoRole) {
  test.use({ storageState: storageStatePath(role) });
}

export { expect };
