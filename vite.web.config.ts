import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { rendererBuildOptions } from './vite.shared.ts';

// Web mode: the same renderer as the desktop app, built for a static server on 127.0.0.1.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  publicDir: resolve(import.meta.dirname, 'resources'),
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    ...rendererBuildOptions,
    outDir: resolve(import.meta.dirname, 'out/web'),
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
  },
});
