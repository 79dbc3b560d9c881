import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * OCR, pdf.js and CLI-process tests take seconds each and share two cores with the other workers;
 * 5 s (vitest's default) made them fail by load alone. A hang still fails, after this long.
 */
const testTimeout = 60_000;

/**
 * Two test files at once even on two cores (vitest's default, cores − 1, ran one at a time there):
 * on the machines here the unit suite took 606 s one file at a time, 465 s two at a time. The jsdom
 * and fake-indexeddb files (screens that wait for typing, stores that wait for writes) run first, in
 * a group of their own, not beside the OCR and CLI files that keep both cores busy: 405–472 s.
 */
const maxWorkers = Math.max(2, availableParallelism() - 1);
const screensAndStores = { groupOrder: 0 };
const ocrAndCli = { groupOrder: 1 };

export default defineConfig({
  test: {
    maxWorkers,
    projects: [
      { test: { name: 'core', sequence: ocrAndCli, environment: 'node', testTimeout, include: ['test/core/**/*.test.ts'] } },
      { test: { name: 'main', sequence: ocrAndCli, environment: 'node', testTimeout, include: ['test/main/**/*.test.ts'] } },
      {
        plugins: [react()],
        test: { name: 'renderer', sequence: screensAndStores, environment: 'jsdom', testTimeout, include: ['test/renderer/**/*.test.{ts,tsx}'], setupFiles: ['test/renderer/setup.ts'] },
      },
      {
        test: {
          name: 'db',
          sequence: screensAndStores,
          environment: 'node',
          testTimeout,
          include: ['test/db/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
    ],
  },
});
