import { defineConfig } from 'vitest/config';

// One test run for the whole repository. Packages resolve to their TypeScript sources
// through the "brook-source" export condition, so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ['brook-source'] },
  ssr: { resolve: { conditions: ['brook-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
