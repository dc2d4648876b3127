import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Import boundaries (README "Where things are"): shared → features → app, and
// the browser never reaches server code. Each zone says which rule it is and why.
const boundary = (name, regex, why) => ({ regex, message: `[${name}] ${why}` });

const noComponentsFromLib = boundary(
  'lib-not-components',
  '^@/components/|(\\.\\./)+components/',
  'lib/ is below components/: move what both need into lib/ (imports flow components → lib, never back).',
);
const noFeaturesFromUi = boundary(
  'ui-no-features',
  '^@/components/(?!ui/)|^\\.\\./(?!ui/)',
  'components/ui/ holds primitives with no feature knowledge: pass data in as props instead.',
);
const noServerFromBrowser = boundary(
  'browser-not-server',
  '^@/lib/server/|^server-only$|(\\.\\./)+server/',
  'This module runs in the browser: server code (SCIM client, session, auth, audit store, env) must stay on the server; call an app/api route instead.',
);
const noTestingFromProduction = boundary(
  'no-test-helpers',
  '(^|/)testing/',
  'testing/ folders hold test helpers: production code must not depend on them.',
);

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// The browser's side of lib/: everything outside lib/server/.
const browserLib = ['lib/*.ts', 'lib/users/**', 'lib/audit-log/**'];
const tests = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'bench/**'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  { files: ['lib/server/**'], ignores: tests, rules: restrict(noComponentsFromLib, noTestingFromProduction) },
  { files: browserLib, ignores: tests, rules: restrict(noComponentsFromLib, noServerFromBrowser, noTestingFromProduction) },
  { files: ['components/ui/**'], ignores: tests, rules: restrict(noFeaturesFromUi, noServerFromBrowser, noTestingFromProduction) },
  { files: ['components/**'], ignores: [...tests, 'components/ui/**'], rules: restrict(noServerFromBrowser, noTestingFromProduction) },
  {
    files: ['lib/*.test.ts', 'lib/users/**/*.test.ts', 'lib/audit-log/**/*.test.ts'],
    rules: restrict(noComponentsFromLib, noServerFromBrowser),
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', '.data/**', 'test-results/**', 'playwright-report/**']),
]);
