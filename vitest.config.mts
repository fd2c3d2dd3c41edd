import { defineConfig } from 'vitest/config';

// Two projects: fast unit/contract tests (real workers, real local server) and browser end-to-end tests
// (Debian Chromium through playwright-core), which run one file at a time to stay kind to a 2-core machine.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'plugins/*/tests/**/*.test.ts'],
          setupFiles: ['tests/support/setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/support/setup.ts'],
          globalSetup: ['tests/support/global-build.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After the unit tests, not beside them: timing-sensitive browser tests get the machine's two cores.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'soak',
          environment: 'node',
          include: ['tests/soak/**/*.test.ts'],
          setupFiles: ['tests/support/setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Last and alone: a compressed long call plays many times faster than real time and needs both cores.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
