import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['{lib,sandbox,components,app,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Server modules log as they work; show those lines only for a test that failed.
    silent: 'passed-only',
    // Generous: PGlite (PostgreSQL in WebAssembly) migrates every schema version in some tests,
    // which took 28–38 s on the shared two-core machine at load 20 (2–15 s when quieter).
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
