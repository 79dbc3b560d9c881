// Proves that the runtime fences bite: core may not import platform modules, nor the renderer Electron.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the core fence (ESLint)', () => {
  const forbidden = [
    "import { readFileSync } from 'node:fs';",
    "import fs from 'fs';",
    "import React from 'react';",
    "import Dexie from 'dexie';",
    "import { app } from 'electron';",
    "import * as pdfjs from 'pdfjs-dist';",
    "import Tesseract from 'tesseract.js';",
    "import { create } from 'zustand';",
  ];
  for (const line of forbidden) {
    it(`rejects ${line} in src-renderer/core`, async () => {
      const messages = await lintAs('src-renderer/core/fence-probe.ts', `${line}\nexport const probe = 1;\n`);
      expect(messages.some((message) => message.startsWith('no-restricted-imports'))).toBe(true);
    });
  }

  it('rejects DOM and Node globals in core', async () => {
    const messages = await lintAs('src-renderer/core/fence-probe.ts', 'export const probe = () => document.title + process.env.HOME;\n');
    expect(messages.filter((message) => message.startsWith('no-restricted-globals'))).toHaveLength(2);
  });

  it('accepts a pure module in core', async () => {
    expect(await lintAs('src-renderer/core/fence-probe.ts', "import type { Clock } from './ports';\nexport const probe = (clock: Clock) => clock.now();\n")).toEqual([]);
  });

  it('rejects Electron and Node built-ins in the renderer', async () => {
    for (const line of ["import { ipcRenderer } from 'electron';", "import { join } from 'node:path';"]) {
      const messages = await lintAs('src-renderer/ui/fence-probe.tsx', `${line}\nexport const probe = 1;\n`);
      expect(messages.some((message) => message.startsWith('no-restricted-imports'))).toBe(true);
    }
  });
});

describe('the core fence (TypeScript)', () => {
  it('the core tsconfig has neither DOM nor Node types, so a Node import does not compile', () => {
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.core.json'), 'utf8'));
    expect(config.compilerOptions.lib).toEqual(['ES2023']);
    expect(config.compilerOptions.types).toEqual([]);
    const dir = mkdtempSync(join(root, 'src-renderer/core/.fence-'));
    try {
      writeFileSync(join(dir, 'probe.ts'), "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\nexport const title = document.title;\n");
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: relative(dir, join(root, 'tsconfig.core.json')), include: ['probe.ts'] }));
      let output = '';
      try {
        execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      expect(output).toMatch(/Cannot find module 'node:fs'/);
      expect(output).toMatch(/Cannot find name 'document'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('no file in core imports a platform module today', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
      }
    };
    walk(join(root, 'src-renderer/core'));
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from '(node:|fs'|path'|react|dexie|electron|pdfjs-dist|tesseract)/);
    }
  });
});
