import { defineConfig } from 'vitest/config';

/**
 * A poll waits for what the app does in its own time (a write through the one-writer queue, a
 * worker's reading); on two loaded cores that took longer than vitest's 5 s default. A wrong value
 * still fails, after this long.
 */
const pollTimeout = 30_000;

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    expect: { poll: { timeout: pollTimeout } },
  },
});
