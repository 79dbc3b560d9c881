import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../../bin/cli-bundle.mjs';
import { nodeVersionProblem } from '../../bin/node-version.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'dossier-desk-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the dossier-desk bin', () => {
  it('says plainly which Node it needs', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(/^dossier-desk needs Node\.js 22\.12 or newer; this is Node\.js 20\.20\.2\./);
    expect(nodeVersionProblem('v22.11.0')).toMatch(/this is Node\.js 22\.11\.0/);
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('24.1.0')).toBeNull();
  });

  // The machine's own Node (npm puts the project's Node 22 first on PATH while tests run).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' });
    return version.status === 0 && nodeVersionProblem(version.stdout.trim()) !== null;
  });
  it.runIf(oldNode)('on the machine\'s older Node, stops with that message instead of a pdf.js error', () => {
    const run = spawnSync(oldNode!, ['bin/dossier-desk.mjs', 'extract', 'resources/samples/shenzhen-dsp/发票/23442000001510000046.pdf'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('needs Node.js 22.12 or newer');
    expect(run.stderr).not.toContain('withResolvers');
  }, 60_000);

  it('runs the command line from its cached bundle', () => {
    const run = spawnSync(process.execPath, ['bin/dossier-desk.mjs', 'profiles', '--json'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).map((profile: { id: string }) => profile.id)).toContain('shenzhen-2024-dsp');
  }, 120_000);

  it('keeps the compiled code of the bundle and its libraries beside the bundle, for the next start', async () => {
    const run = spawnSync(process.execPath, ['bin/dossier-desk.mjs', 'extract', '--json', 'test/fixtures/real-invoices/pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const entry = await cliEntry();
    expect(entry).not.toBeNull();
    const cached = readdirSync(join(entry!, '..', 'compile-cache'), { recursive: true, withFileTypes: true }).filter((file) => file.isFile());
    expect(cached.length).toBeGreaterThan(5);
  }, 120_000);
});

describe('the bundle cache', () => {
  const root = join(scratch, 'project');
  const dir = join(scratch, 'cache');
  const part = join(root, 'src-main/cli/part.ts');
  const runEntry = (entry: string) => spawnSync(process.execPath, [entry], { encoding: 'utf8' }).stdout.trim();

  it('builds once, reuses the bundle while the sources are the same, and rebuilds when one changes', async () => {
    mkdirSync(join(root, 'src-main/cli'), { recursive: true });
    writeFileSync(join(root, 'src-main/cli/index.ts'), "import { word } from './part';\nconst shout: (text: string) => string = (text) => text.toUpperCase();\nconsole.log(shout(word));\n");
    writeFileSync(part, "export const word: string = 'first';\n");
    const first = await cliEntry({ root, dir });
    expect(first).not.toBeNull();
    expect(runEntry(first!)).toBe('FIRST');
    const builtAt = statSync(first!).mtimeMs;

    expect(await cliEntry({ root, dir })).toBe(first);
    utimesSync(part, new Date(), new Date(Date.now() + 5000));
    expect(await cliEntry({ root, dir })).toBe(first);
    expect(statSync(first!).mtimeMs).toBe(builtAt);

    writeFileSync(part, "export const word: string = 'second';\n");
    const second = await cliEntry({ root, dir });
    expect(second).not.toBe(first);
    expect(runEntry(second!)).toBe('SECOND');
  }, 120_000);

  it('gives up (the bin then runs the sources through tsx) when the sources do not compile', async () => {
    writeFileSync(part, 'export const word: string = ;\n');
    expect(await cliEntry({ root, dir })).toBeNull();
  }, 60_000);
});
