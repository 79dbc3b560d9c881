// dossier-desk import PATH... : runs the dossier import pipeline on a folder, a .zip or loose files
// and reports every file: imported (with its kind and hash), imported with warnings, or refused
// with the reason. Nothing is written anywhere.
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { extractFile } from '../../../src-renderer/core/extract/pipeline';
import type { ImportReport } from '../../../src-renderer/core/import';
import { InvalidInputError } from '../../../src-renderer/core/result';
import { createNodeExtractPorts } from '../adapters';
import { parseArgs, UsageError, type CliCommand } from '../io';
import { readDossier } from '../read-dossier';

/** The report as JSON: everything but the file bytes and the raw claim-table rows. */
export function reportToJson(report: ImportReport): unknown {
  return {
    ...report,
    documents: report.documents.map(({ bytes: _bytes, ...document }) => document),
    claimTable: report.claimTable ? (({ rows: _rows, ...table }) => table)(report.claimTable) : null,
  };
}

function describeReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(`dossier ${report.dossierId.slice(0, 16)}…  manifest: ${report.manifestSource}  ${report.stats.imported} imported, ${report.stats.rejected} refused`);
  for (const document of [...report.documents].sort((a, b) => a.path.localeCompare(b.path))) {
    const warnings = document.problems.filter((p) => p.severity === 'warning');
    lines.push(`  ${warnings.length ? '!' : '✓'} ${document.path}  ${document.kind}  ${document.type}  ${document.sha256.slice(0, 12)}`);
    for (const warning of warnings) lines.push(`      ${warning.code}: ${warning.message}`);
  }
  for (const rejected of [...report.rejected].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const problem of rejected.problems) lines.push(`  ✗ ${rejected.path}  ${problem.code}: ${problem.message}`);
  }
  for (const problem of report.problems.filter((p) => p.file === 'dossier.json' || p.file === '')) {
    lines.push(`  ${problem.severity === 'error' ? '✗' : '!'} ${problem.file || 'import'}  ${problem.code}: ${problem.message}`);
  }
  const claims = report.manifest.claims;
  if (report.claimTable) {
    const mapping = Object.entries(report.claimTable.mapping).map(([field, index]) => `${field}=${report.claimTable!.headers[index] ?? index}`).join(', ');
    lines.push(`  claims: ${claims.length} from ${report.claimTable.file}${report.claimTable.sheet ? ` (${report.claimTable.sheet})` : ''}, row ${report.claimTable.headerRow + 1} headers: ${mapping}`);
  } else {
    lines.push(`  claims: ${claims.length}${report.manifestSource === 'inferred' ? ' (no claim list found)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  summary: 'import a dossier folder, .zip or files and report every file',
  usage: 'dossier-desk import PATH... [--json] [--extract] [--program ID]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['program'], ['json', 'extract']);
    if (positionals.length === 0) throw new UsageError('name a dossier folder, a .zip, or files');
    const paths = positionals.map((path) => resolve(io.cwd, path));
    for (const [index, path] of paths.entries()) {
      try {
        await access(path);
      } catch {
        throw new InvalidInputError('no such file or folder', positionals[index]);
      }
    }
    const ports = flags.has('extract') ? createNodeExtractPorts({ ocr: false }) : null;
    try {
      const report = await readDossier(paths, {
        ...(flags.get('program') ? { program: flags.get('program')![0]! } : {}),
        ...(ports ? { extractor: (file) => extractFile({ path: file.path, bytes: file.bytes }, ports) } : {}),
      });
      io.stdout(flags.has('json') ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : describeReport(report));
      if (report.documents.length === 0) {
        io.stderr(`dossier-desk import: ${positionals.join(' ')}: nothing could be imported\n`);
        return 3;
      }
      return 0;
    } finally {
      await ports?.dispose();
    }
  },
};
