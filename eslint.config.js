// Runtime fences: the pure engine imports no platform, the renderer no Electron or Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'zlib', 'worker_threads', 'buffer', 'util'];

export const corePatterns = [
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'core is pure: no React.' },
  { group: ['dexie', 'dexie/*'], message: 'core is pure: the store is reached through the UI layer.' },
  { group: ['electron', 'electron/*'], message: 'core is pure: no Electron.' },
  { group: ['pdfjs-dist', 'pdfjs-dist/*'], message: 'core reaches pdf.js only through the PdfReader port.' },
  { group: ['tesseract.js', 'tesseract.js/*', 'tesseract.js-core', 'tesseract.js-core/*'], message: 'core reaches OCR only through the OcrEngine port.' },
  { group: ['zustand', 'zustand/*'], message: 'core is pure: no UI state.' },
  { group: nodeBuiltins, message: 'core is pure: no Node built-ins; use a port.' },
  { group: ['../*platform*', '../../*platform*', '**/platform/*', '**/ui/*', '**/workers/*', '**/db/*'], message: 'core must not import the layers above it.' },
];

export const rendererPatterns = [
  { group: ['electron', 'electron/*'], message: 'the renderer talks to the host only through window.dossierDesk.' },
  { group: nodeBuiltins, message: 'the renderer runs in a sandbox: no Node built-ins.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'resources/vendor/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/core/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  {
    files: ['src-renderer/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: corePatterns }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'core is pure: no DOM.' },
        { name: 'document', message: 'core is pure: no DOM.' },
        { name: 'indexedDB', message: 'core is pure: no storage.' },
        { name: 'fetch', message: 'core is pure: no network.' },
        { name: 'process', message: 'core is pure: no Node.' },
        { name: 'require', message: 'core is pure: no Node.' },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
