// npm run security: the security gate of the desktop shell. Fails (exit 1) when
//  1. electronegativity finds anything in src-main that has no written justification in
//     security/electronegativity-justifications.json (or a justification no longer matches a finding),
//  2. npm audit reports a high or critical advisory in a production dependency,
//  3. the installed pdfjs-dist lies in a range with a known arbitrary-code-execution advisory.
// electronegativity always exits 0, so it is run in-process and its findings are judged here. It is
// kept offline: its translation download is answered locally and its online Electron-release check
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, network-dependent) is excluded; the Electron version is
// pinned in package-lock.json and covered by npm audit.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));

export const SCAN_ROOT = join(projectRoot, 'src-main');
export const JUSTIFICATIONS_FILE = join(projectRoot, 'security', 'electronegativity-justifications.json');
/** Checks that need the network and would make the gate depend on the day's data. */
export const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

/** pdfjs-dist ranges (inclusive) with a known arbitrary JavaScript execution advisory. */
export const PDFJS_ADVISORIES = [
  { id: 'CVE-2024-4367', first: '0.0.0', last: '4.1.392', summary: 'arbitrary JavaScript execution through a crafted font (FontMatrix)' },
  { id: 'issue-8-advisory', first: '5.6.83', last: '6.2.107', summary: 'arbitrary code execution advisory named in issue 8' },
];

// ---------------------------------------------------------------------------------------------
// pdfjs-dist

function parseVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(String(version).trim());
  if (!match) throw new Error(`not a version: ${version}`);
  return match.slice(1, 4).map(Number);
}

export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let index = 0; index < 3; index += 1) {
    if (x[index] !== y[index]) return x[index] < y[index] ? -1 : 1;
  }
  return 0;
}

/** The advisories whose inclusive range holds this pdfjs-dist version. */
export function pdfjsAdvisoriesFor(version) {
  return PDFJS_ADVISORIES.filter((advisory) => compareVersions(version, advisory.first) >= 0 && compareVersions(version, advisory.last) <= 0);
}

export function installedPdfjsVersion() {
  return JSON.parse(readFileSync(require.resolve('pdfjs-dist/package.json'), 'utf8')).version;
}

export function checkPdfjs(version = installedPdfjsVersion()) {
  const hits = pdfjsAdvisoriesFor(version);
  return {
    name: 'pdfjs-dist advisory ranges',
    ok: hits.length === 0,
    lines:
      hits.length === 0
        ? [`pdfjs-dist ${version} is outside ${PDFJS_ADVISORIES.map((a) => `${a.first}–${a.last}`).join(' and ')}`]
        : hits.map((a) => `pdfjs-dist ${version} is in ${a.first}–${a.last} (${a.id}: ${a.summary}); upgrade it`),
  };
}

// ---------------------------------------------------------------------------------------------
// electronegativity

/** Runs electronegativity over a folder and returns its findings in a plain, stable form. */
export async function runElectronegativity(input = SCAN_ROOT) {
  const packageJson = require.resolve('@doyensec/electronegativity/package.json');
  const toolRequire = createRequire(packageJson);
  // The tool downloads translations at start-up; the gate answers locally (bundled en-US is used).
  const gotPath = toolRequire.resolve('got');
  const offline = () => Promise.reject(new Error('the security gate runs offline'));
  toolRequire.cache[gotPath] ??= { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { head: offline, get: offline }) };
  const run = toolRequire('./dist/runner.js');
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const log = console.log;
  console.log = () => undefined;
  let result;
  try {
    result = await run(
      { input, customScan: [], excludeFromScan: EXCLUDED_CHECKS, isRelative: true, parserPlugins: [], electronVersionOverride: electronVersion },
      false,
    );
  } finally {
    console.log = log;
  }
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : issue.file.split('\\').join('/'),
    line: issue.location.line,
    column: issue.location.column,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
    sample: (issue.sample ?? '').trim(),
  }));
  const errors = result.errors.map((error) => ({ file: relative(input, error.file), message: error.message, tolerable: error.tolerable }));
  return { findings, errors, electronVersion };
}

/** Reads and validates the justification file: { justifications: [{ check, file, match?, reason }] }. */
export function parseJustifications(text) {
  const data = JSON.parse(text);
  if (!data || !Array.isArray(data.justifications)) throw new Error('justifications: expected { "justifications": [...] }');
  return data.justifications.map((entry, index) => {
    const where = `justifications[${index}]`;
    if (typeof entry.check !== 'string' || !/^[A-Z_]+$/.test(entry.check)) throw new Error(`${where}: "check" must be an electronegativity check id`);
    if (typeof entry.file !== 'string' || entry.file === '') throw new Error(`${where}: "file" must be the path under src-main or "N/A"`);
    if (entry.match !== undefined && (typeof entry.match !== 'string' || entry.match === '')) throw new Error(`${where}: "match" must be a non-empty string`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 40) {
      throw new Error(`${where} (${entry.check}): "reason" must explain in a sentence or more why the finding is acceptable`);
    }
    return { check: entry.check, file: entry.file, match: entry.match, reason: entry.reason.trim() };
  });
}

function justifies(justification, finding) {
  return (
    justification.check === finding.check &&
    justification.file === finding.file &&
    (justification.match === undefined || finding.sample.includes(justification.match))
  );
}

/** Pairs findings with justifications: what is unjustified, and which justifications are stale. */
export function judgeFindings(findings, justifications) {
  const unjustified = findings.filter((finding) => !justifications.some((justification) => justifies(justification, finding)));
  const stale = justifications.filter((justification) => !findings.some((finding) => justifies(justification, finding)));
  return { unjustified, stale, justified: findings.length - unjustified.length };
}

export async function checkElectronegativity(input = SCAN_ROOT, justificationsText = readFileSync(JUSTIFICATIONS_FILE, 'utf8')) {
  const justifications = parseJustifications(justificationsText);
  const { findings, errors, electronVersion } = await runElectronegativity(input);
  const { unjustified, stale, justified } = judgeFindings(findings, justifications);
  const parseFailures = errors.filter((error) => !error.tolerable);
  const lines = [
    `electronegativity (Electron ${electronVersion}) over ${relative(projectRoot, input) || '.'}: ${findings.length} findings, ${justified} justified`,
    ...unjustified.map(
      (f) => `UNJUSTIFIED ${f.check} ${f.file}:${f.line}:${f.column} [${f.severity}/${f.confidence}] ${f.description}${f.sample ? ` — ${f.sample}` : ''}`,
    ),
    ...stale.map((j) => `STALE justification ${j.check} ${j.file}${j.match ? ` (${j.match})` : ''}: no such finding any more; remove it`),
    ...parseFailures.map((e) => `UNSCANNED ${e.file}: ${e.message}`),
  ];
  return { name: 'electronegativity', ok: unjustified.length === 0 && stale.length === 0 && parseFailures.length === 0, lines, findings };
}

// ---------------------------------------------------------------------------------------------
// npm audit

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];

/**
 * Reads `npm audit --json` output. Returns the counts and the high/critical packages, or
 * { unavailable: reason } when the audit service could not be asked (offline, proxy refusing it).
 */
export function parseAuditReport(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return { unavailable: 'npm audit did not print a JSON report' };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== 'object') {
    const reason = report?.error?.summary || report?.message || report?.error?.code || 'no vulnerability counts in the report';
    return { unavailable: String(reason).split('\n')[0] };
  }
  const blocking = Object.values(report.vulnerabilities ?? {})
    .filter((entry) => entry.severity === 'high' || entry.severity === 'critical')
    .map((entry) => `${entry.name} (${entry.severity}${entry.range ? `, ${entry.range}` : ''})`)
    .sort();
  return { counts: Object.fromEntries(SEVERITIES.map((s) => [s, Number(counts[s] ?? 0)])), blocking };
}

function runNpmAudit() {
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  return new Promise((resolvePromise) => {
    const child = spawn(command, [...args, 'audit', '--omit=dev', '--audit-level=high', '--json'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && command === 'npm.cmd',
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill(), 45_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise(JSON.stringify({ message: `npm could not be started: ${error.message}` }));
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolvePromise(stdout);
    });
  });
}

export async function checkAudit(output) {
  const report = parseAuditReport(output ?? (await runNpmAudit()));
  if (report.unavailable) {
    const required = process.env.SECURITY_GATE_REQUIRE_AUDIT === '1';
    return {
      name: 'npm audit --omit=dev',
      ok: !required,
      checked: false,
      lines: [`npm audit NOT CHECKED: the advisory service could not be asked (${report.unavailable})${required ? '' : '; set SECURITY_GATE_REQUIRE_AUDIT=1 to fail on this'}`],
    };
  }
  const summary = SEVERITIES.map((s) => `${report.counts[s]} ${s}`).join(', ');
  return {
    name: 'npm audit --omit=dev',
    ok: report.blocking.length === 0 && report.counts.high === 0 && report.counts.critical === 0,
    lines: [`npm audit (production dependencies): ${summary}`, ...report.blocking.map((entry) => `HIGH ${entry}`)],
  };
}

// ---------------------------------------------------------------------------------------------

export async function runGateResults() {
  return Promise.all([
    checkElectronegativity().catch((error) => ({ name: 'electronegativity', ok: false, lines: [`electronegativity failed to run: ${error.message}`] })),
    checkAudit().catch((error) => ({ name: 'npm audit --omit=dev', ok: false, lines: [`npm audit failed: ${error.message}`] })),
    Promise.resolve().then(() => checkPdfjs()),
  ]);
}

/** A check that could not be run is labelled NOT CHECKED, never PASS, whether or not it fails the gate. */
export function resultLabel(result) {
  if (!result.ok) return 'FAIL';
  return result.checked === false ? 'NOT CHECKED' : 'PASS';
}

export function gateReport(results) {
  const lines = [];
  for (const result of results) {
    lines.push(`${resultLabel(result)} ${result.name}`);
    for (const line of result.lines) lines.push(`     ${line}`);
  }
  return lines;
}

export function gateVerdict(results) {
  if (!results.every((result) => result.ok)) return 'security gate: FAILED';
  const unchecked = results.filter((result) => result.checked === false).map((result) => result.name);
  return unchecked.length === 0 ? 'security gate: passed' : `security gate: passed, but NOT CHECKED: ${unchecked.join(', ')}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runGateResults();
  const passed = results.every((result) => result.ok);
  for (const line of gateReport(results)) console.log(line);
  console.log(gateVerdict(results));
  process.exit(passed ? 0 : 1);
}
