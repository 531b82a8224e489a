import { defineConfig } from 'vitest/config';

// Three suites: pure logic (fast), Ink screens (ink-testing-library) and
// end-to-end runs of the built binary in a real pseudo-terminal.
export default defineConfig({
  test: {
    // A limit for a test that hangs, not a speed check (speed is `npm run bench`):
    // on a shared, busy machine a simulation test that takes 1 s alone can take 6.
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/ui/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Pseudo-terminal runs compete for the machine's two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
