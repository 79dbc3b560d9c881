import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * OCR, pdf.js and CLI-process tests take seconds each and share two cores with the other workers;
 * 5 s (vitest's default) made them fail by load alone. A hang still fails, after this long.
 */
const testTimeout = 60_000;

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', environment: 'node', testTimeout, include: ['test/core/**/*.test.ts'] } },
      { test: { name: 'main', environment: 'node', testTimeout, include: ['test/main/**/*.test.ts'] } },
      {
        plugins: [react()],
        test: { name: 'renderer', environment: 'jsdom', testTimeout, include: ['test/renderer/**/*.test.{ts,tsx}'], setupFiles: ['test/renderer/setup.ts'] },
      },
      {
        test: {
          name: 'db',
          environment: 'node',
          testTimeout,
          include: ['test/db/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
    ],
  },
});
