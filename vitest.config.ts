import { defineConfig } from 'vitest/config';

const databaseProjects = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    env: { TZ: process.env.TZ ?? 'UTC' },
    projects: [
      { test: { name: 'unit', include: ['test/domain/**/*.test.ts', 'test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      ...databaseProjects.map((database) => ({
        test: {
          name: database,
          include: ['test/db/**/*.test.ts', 'test/services/**/*.test.ts', 'test/slack/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          env: { TEST_DB: database },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Slack hears back before the bot's thread does the work: on a loaded machine, 1 s is short.
          expect: { poll: { timeout: 5_000 } },
        },
      })),
      // The playground (its own in-memory database) and its browser test, which needs Chromium.
      { test: { name: 'playground', include: ['test/playground/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
    ],
  },
});
