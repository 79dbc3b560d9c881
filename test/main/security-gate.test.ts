import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkAudit,
  checkElectronegativity,
  checkPdfjs,
  compareVersions,
  gateReport,
  gateVerdict,
  installedPdfjsVersion,
  JUSTIFICATIONS_FILE,
  judgeFindings,
  parseAuditReport,
  parseJustifications,
  pdfjsAdvisoriesFor,
  // @ts-expect-error -- plain JavaScript script, no type declarations
} from '../../scripts/security-gate.mjs';

vi.mock('electron', () => ({}));

const projectDir = resolve(__dirname, '../..');

describe('pdfjs-dist advisory range 5.6.83–6.2.107', () => {
  it('the installed pdfjs-dist is outside every advisory range', () => {
    const installed = JSON.parse(readFileSync(createRequire(join(projectDir, 'package.json')).resolve('pdfjs-dist/package.json'), 'utf8')).version;
    expect(installedPdfjsVersion()).toBe(installed);
    expect(pdfjsAdvisoriesFor(installed)).toEqual([]);
    expect(checkPdfjs().ok).toBe(true);
  });

  it.each(['5.6.83', '5.6.84', '5.10.0', '6.0.0', '6.2.107'])('flags %s', (version) => {
    expect(pdfjsAdvisoriesFor(version).map((advisory: { id: string }) => advisory.id)).toEqual(['issue-8-advisory']);
    expect(checkPdfjs(version)).toMatchObject({ ok: false, lines: [expect.stringContaining('upgrade')] });
  });

  it.each(['5.6.82', '5.5.999', '6.2.108', '6.3.0', '6.5.438', '4.2.67'])('passes %s', (version) => {
    expect(pdfjsAdvisoriesFor(version)).toEqual([]);
  });

  it('also flags the font-matrix code execution range (CVE-2024-4367, up to 4.1.392)', () => {
    expect(pdfjsAdvisoriesFor('4.1.392').map((advisory: { id: string }) => advisory.id)).toEqual(['CVE-2024-4367']);
    expect(pdfjsAdvisoriesFor('2.16.105')).toHaveLength(1);
  });

  it('compares versions numerically, not as text', () => {
    expect(compareVersions('6.10.0', '6.2.107')).toBe(1);
    expect(compareVersions('5.6.83', '5.6.83')).toBe(0);
    expect(compareVersions('5.6.9', '5.6.83')).toBe(-1);
    expect(() => compareVersions('latest', '1.0.0')).toThrow('not a version');
  });
});

describe('electronegativity findings and justifications', () => {
  const finding = (check: string, file: string, sample = '') => ({ check, file, sample, line: 1, column: 0, severity: 'HIGH', confidence: 'FIRM', manualReview: false, description: 'd' });
  const reason = 'A sentence long enough to explain why this finding is acceptable here.';

  it('fails an unjustified finding and a stale justification', () => {
    const findings = [finding('CSP_GLOBAL_CHECK', 'N/A'), finding('NODE_INTEGRATION_JS_CHECK', 'main/window.ts', 'new BrowserWindow({')];
    const justifications = parseJustifications(
      JSON.stringify({ justifications: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason }, { check: 'SANDBOX_JS_CHECK', file: 'main/app.ts', reason }] }),
    );
    const judged = judgeFindings(findings, justifications);
    expect(judged.unjustified.map((f: { check: string }) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(judged.stale.map((j: { check: string }) => j.check)).toEqual(['SANDBOX_JS_CHECK']);
    expect(judged.justified).toBe(1);
  });

  it('matches on check, file and the flagged line', () => {
    const justifications = parseJustifications(JSON.stringify({ justifications: [{ check: 'PRELOAD_JS_CHECK', file: 'main/window.ts', match: 'preload: preloadPath', reason }] }));
    expect(judgeFindings([finding('PRELOAD_JS_CHECK', 'main/window.ts', 'preload: preloadPath,')], justifications).unjustified).toEqual([]);
    expect(judgeFindings([finding('PRELOAD_JS_CHECK', 'main/other.ts', 'preload: preloadPath,')], justifications).unjustified).toHaveLength(1);
    expect(judgeFindings([finding('PRELOAD_JS_CHECK', 'main/window.ts', 'preload: somethingElse')], justifications).unjustified).toHaveLength(1);
  });

  it.each([
    ['no list', {}],
    ['no reason', { justifications: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A' }] }],
    ['a token reason', { justifications: [{ check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'fine' }] }],
    ['a lower-case check id', { justifications: [{ check: 'csp', file: 'N/A', reason }] }],
    ['an empty file', { justifications: [{ check: 'CSP_GLOBAL_CHECK', file: '', reason }] }],
  ])('refuses a justification file with %s', (_label, data) => {
    expect(() => parseJustifications(JSON.stringify(data))).toThrow();
  });

  it('the reviewed justification file is valid and every entry has a reason', () => {
    const justifications = parseJustifications(readFileSync(JUSTIFICATIONS_FILE, 'utf8'));
    expect(justifications.length).toBeGreaterThan(0);
  });
});

describe('electronegativity run', () => {
  let fixture: string;
  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'dossier-electronegativity-'));
    writeFileSync(
      join(fixture, 'insecure.js'),
      [
        "const { BrowserWindow, shell } = require('electron');",
        "const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });",
        "win.loadURL('http://example.com');",
        "shell.openExternal(process.argv[2]);",
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('fails on an insecure main process that has no justifications', async () => {
    const result = await checkElectronegativity(fixture, JSON.stringify({ justifications: [] }));
    expect(result.ok).toBe(false);
    const checks = new Set(result.findings.map((f: { check: string }) => f.check));
    const expected = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'];
    for (const check of expected) {
      expect(checks.has(check), check).toBe(true);
    }
    expect(result.lines.some((line: string) => line.startsWith('UNJUSTIFIED CONTEXT_ISOLATION_JS_CHECK insecure.js:2'))).toBe(true);
  }, 30_000);

  it('passes on src-main with the reviewed justifications', async () => {
    const result = await checkElectronegativity();
    expect(result.lines.filter((line: string) => /^(UNJUSTIFIED|STALE|UNSCANNED)/.test(line))).toEqual([]);
    expect(result.ok).toBe(true);
  }, 30_000);
});

describe('npm audit report', () => {
  it('counts a high advisory in a production dependency as a failure', async () => {
    const report = JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: { 'bad-lib': { name: 'bad-lib', severity: 'high', range: '<1.2.3' }, meh: { name: 'meh', severity: 'moderate' } },
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 0, total: 2 } },
    });
    expect(parseAuditReport(report)).toEqual({ counts: { info: 0, low: 0, moderate: 1, high: 1, critical: 0 }, blocking: ['bad-lib (high, <1.2.3)'] });
    await expect(checkAudit(report)).resolves.toMatchObject({ ok: false, lines: [expect.stringContaining('1 high'), 'HIGH bad-lib (high, <1.2.3)'] });
  });

  it('passes moderate and low advisories', async () => {
    const report = JSON.stringify({ vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high: 0, critical: 0 } } });
    await expect(checkAudit(report)).resolves.toMatchObject({ ok: true });
  });

  it('says plainly when the advisory service cannot be asked, failing only when required', async () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(parseAuditReport(refused)).toEqual({ unavailable: expect.stringContaining('405') });
    expect(parseAuditReport('npm ERR! network')).toEqual({ unavailable: 'npm audit did not print a JSON report' });
    expect(parseAuditReport(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org' } }))).toEqual({
      unavailable: 'getaddrinfo ENOTFOUND registry.npmjs.org',
    });
    await expect(checkAudit(refused)).resolves.toMatchObject({ ok: true, lines: [expect.stringContaining('NOT CHECKED')] });
    vi.stubEnv('SECURITY_GATE_REQUIRE_AUDIT', '1');
    try {
      await expect(checkAudit(refused)).resolves.toMatchObject({ ok: false });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('labels an audit that could not be asked NOT CHECKED, never PASS, and says so in the verdict', async () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405 });
    const audit = await checkAudit(refused);
    const pdfjs = checkPdfjs('6.5.438');
    const report = gateReport([audit, pdfjs]);
    expect(report[0]).toBe('NOT CHECKED npm audit --omit=dev');
    expect(report.filter((line: string) => line.startsWith('PASS'))).toEqual(['PASS pdfjs-dist advisory ranges']);
    expect(gateVerdict([audit, pdfjs])).toBe('security gate: passed, but NOT CHECKED: npm audit --omit=dev');
    expect(gateVerdict([pdfjs])).toBe('security gate: passed');
    expect(gateVerdict([{ ...pdfjs, ok: false }, audit])).toBe('security gate: FAILED');
  });
});
