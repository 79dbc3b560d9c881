// Proves that the import-cycle rule of `npm run lint` (dependency-cruiser, .dependency-cruiser.cjs)
// bites: two modules that import each other, even for types only, are refused; a one-way import
// passes.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

function cruise(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(root, 'src-renderer/.cycle-probe-'));
  try {
    for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
    const output = execFileSync(process.execPath, [depcruise, relative(root, dir), '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the import-cycle rule (dependency-cruiser)', () => {
  it('refuses two modules that import each other, even for types only', () => {
    const result = cruise({
      'viewer.ts': "import { schedule } from './queue';\nexport interface Job { done: Promise<void> }\nexport const paint = () => schedule();\n",
      'queue.ts': "import type { Job } from './viewer';\nexport const schedule = (): Job | null => null;\n",
    });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/no-circular/);
    expect(result.output).toMatch(/viewer\.ts/);
  }, 120_000);

  it('accepts a one-way import', () => {
    const result = cruise({
      'viewer.ts': "import { schedule, type Job } from './queue';\nexport const paint = (): Job | null => schedule();\n",
      'queue.ts': "export interface Job { done: Promise<void> }\nexport const schedule = (): Job | null => null;\n",
    });
    expect(result).toMatchObject({ ok: true });
  }, 120_000);
});
