import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', environment: 'node', include: ['test/core/**/*.test.ts'] } },
      { test: { name: 'main', environment: 'node', include: ['test/main/**/*.test.ts'] } },
      {
        plugins: [react()],
        test: { name: 'renderer', environment: 'jsdom', include: ['test/renderer/**/*.test.{ts,tsx}'] },
      },
      {
        test: {
          name: 'db',
          environment: 'node',
          include: ['test/db/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
    ],
  },
});
