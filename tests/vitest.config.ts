import { defineConfig } from 'vitest/config';

// Two projects: fast pure unit tests, and database tests that share one throwaway stack
// (started in globalSetup on free ports in a temporary folder, so they run beside `npm start`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          root: '.',
          include: ['tests/db/**/*.test.ts'],
          globalSetup: ['tests/support/db-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
