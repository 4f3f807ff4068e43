import { defineConfig } from 'vitest/config';

// Two projects: fast pure unit tests, and database tests that share one throwaway stack (started
// in globalSetup in a temporary folder, on ports its servers bind themselves, so they run beside
// `npm start`). The timeouts leave room for a loaded 2-core machine shared with other work, where
// a stack starts in tens of seconds instead of a few; a hang still ends.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db',
          root: '.',
          include: ['tests/db/**/*.test.ts'],
          globalSetup: ['tests/support/db-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
