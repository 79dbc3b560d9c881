import type { BuildOptions } from 'vite';

export const rendererBuildOptions: BuildOptions = {
  target: 'es2023',
  sourcemap: true,
  chunkSizeWarningLimit: 4096,
  emptyOutDir: true,
};
