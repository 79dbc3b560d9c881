// The verifiable JSON package sent to the bureau: every dossier's manifest, source-file hashes,
// review files, engine summary and audit log; every exported file (XLSX, CSV, review sheets)
// embedded with its SHA-256; the versions of app, engine and OCR model; and an integrity manifest
// holding one SHA-256 per item plus a seal over them all. verifyDossierPackage recomputes every
// hash, re-runs what the host can re-run (the engine, the audit chain, the dossier id from the
// manifest and source hashes) and names each altered item.
//
// The package carries no signature (there is no key infrastructure offline): it detects any edit
// that does not rewrite every affected hash, the summary against a re-run of the engine and the
// audit log against its own hash chain.
import type { Hasher } from '../ports';
import type { AuditEntry, CheckReport, DossierManifest, FileExtraction, ReviewFile } from '../types';
import { strToU8 } from 'fflate';
import { canonicalJson, checkAuditWitness, compareReviewWithAuditLog, verifyAuditChain, type AuditWitness } from '../audit';
import { computeDossierId } from '../import/pipeline';
import { decodeBase64, encodeBase64 } from './base64';
import type { ExportDossier, ExportEvaluation, ExportProfileInfo, ExportSourceFile, ExportVersions, PanelOutcome } from './model';

/** SHA-256 of a value's canonical JSON (the audit chain's canonical form). */
export function sha256Json(hasher: Hasher, value: unknown): Promise<string> {
  return hasher.sha256(strToU8(canonicalJson(value)));
}

/**
 * The package format. @2 (2026-12): an invoice reading's `kind: 'ticket'` (a passenger ticket or
 * receipt invoice) keeps it out of a declared row's invoice evidence, so the summary of a @2 package
 * was computed with tickets kept out. A @1 package was made by an engine that read every invoice as a
 * VAT invoice whatever its kind: it is read as it is (its hashes and seal cover what it says) and its
 * summary is recomputed on its extractions without their kinds (packageEngineInput).
 */
export const PACKAGE_SCHEMA = 'dossier-desk/package@2';
export const PACKAGE_SCHEMA_V1 = 'dossier-desk/package@1';
export type PackageSchema = typeof PACKAGE_SCHEMA | typeof PACKAGE_SCHEMA_V1;
const PACKAGE_SCHEMAS: readonly string[] = [PACKAGE_SCHEMA, PACKAGE_SCHEMA_V1];

export interface PackageSummary {
  report: CheckReport;
  panel: PanelOutcome | null;
}

export interface PackageDossier {
  dossierId: string;
  manifest: DossierManifest;
  profile: ExportProfileInfo | null;
  sources: ExportSourceFile[];
  extractions: FileExtraction[];
  reviews: ReviewFile[];
  summary: PackageSummary;
  auditLog: AuditEntry[];
  auditHead: { seq: number; hash: string } | null;
  /** The engine's other inputs (peers for cross-dossier rules), null when there were none. */
  evaluation: ExportEvaluation | null;
}

export interface PackageExportFile {
  file: string;
  mediaType: string;
  size: number;
  sha256: string;
  base64: string;
}

export interface IntegrityItem {
  id: string;
  sha256: string;
}

export interface DossierPackage {
  schema: PackageSchema;
  createdAt: string;
  versions: ExportVersions;
  dossiers: PackageDossier[];
  exports: PackageExportFile[];
  integrity: { algorithm: 'sha256'; items: IntegrityItem[]; seal: string };
}

export interface ExportedFile {
  file: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** One hashed item of a package: where it is and the value whose canonical JSON is hashed. */
interface LocatedItem {
  id: string;
  label: string;
  value: unknown;
}

function exportMetadata(entry: PackageExportFile) {
  return { file: entry.file, mediaType: entry.mediaType, size: entry.size, sha256: entry.sha256 };
}

function dossierLabel(dossier: PackageDossier, index: number): string {
  const name = dossier?.manifest?.applicant?.name;
  return typeof name === 'string' && name !== '' ? `dossier ${index + 1} (${name})` : `dossier ${index + 1}`;
}

/** Every item the integrity manifest covers, in a fixed order, with a human label. */
function locateItems(pkg: DossierPackage): LocatedItem[] {
  const items: LocatedItem[] = [{ id: 'versions', label: 'versions of app, engine and OCR model', value: pkg.versions }];
  pkg.dossiers.forEach((dossier, d) => {
    const where = dossierLabel(dossier, d);
    const prefix = `dossiers/${d}`;
    items.push({ id: `${prefix}/id`, label: `${where}: dossier id`, value: dossier.dossierId });
    items.push({ id: `${prefix}/manifest`, label: `${where}: dossier manifest`, value: dossier.manifest });
    items.push({ id: `${prefix}/profile`, label: `${where}: program profile reference`, value: dossier.profile });
    (dossier.sources ?? []).forEach((source) => {
      items.push({ id: `${prefix}/sources/${source.file}`, label: `${where}: source file ${source.file} (hash entry)`, value: source });
    });
    items.push({ id: `${prefix}/extractions`, label: `${where}: invoice extractions`, value: dossier.extractions });
    (dossier.reviews ?? []).forEach((review, r) => {
      const reviewer = review?.reviewer?.name;
      items.push({ id: `${prefix}/reviews/${r}`, label: `${where}: review ${r + 1}${reviewer ? ` by ${reviewer}` : ''}`, value: review });
    });
    items.push({ id: `${prefix}/summary`, label: `${where}: summary`, value: dossier.summary });
    items.push({ id: `${prefix}/evaluation`, label: `${where}: engine inputs (peer dossiers)`, value: dossier.evaluation ?? null });
    items.push({ id: `${prefix}/audit-log`, label: `${where}: audit log`, value: dossier.auditLog });
    items.push({ id: `${prefix}/audit-head`, label: `${where}: head of the audit chain`, value: dossier.auditHead });
  });
  pkg.exports.forEach((entry) => {
    items.push({ id: `exports/${entry.file}`, label: `exported file ${entry.file} (manifest entry)`, value: exportMetadata(entry) });
  });
  return items;
}

function sealInput(pkg: Pick<DossierPackage, 'schema' | 'createdAt'>, items: IntegrityItem[]) {
  return { schema: pkg.schema, createdAt: pkg.createdAt, items };
}

function auditHeadOf(log: AuditEntry[]): { seq: number; hash: string } | null {
  const last = log.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

export async function buildDossierPackage(
  input: { dossiers: ExportDossier[]; exports: ExportedFile[]; versions: ExportVersions; createdAt: string },
  hasher: Hasher,
): Promise<DossierPackage> {
  const exports: PackageExportFile[] = [];
  for (const file of input.exports) {
    exports.push({ file: file.file, mediaType: file.mediaType, size: file.bytes.length, sha256: await hasher.sha256(file.bytes), base64: encodeBase64(file.bytes) });
  }
  const pkg: DossierPackage = {
    schema: PACKAGE_SCHEMA,
    createdAt: input.createdAt,
    versions: input.versions,
    dossiers: input.dossiers.map((dossier) => ({
      dossierId: dossier.dossierId,
      manifest: dossier.manifest,
      profile: dossier.profile,
      sources: dossier.files,
      extractions: dossier.extractions,
      reviews: dossier.reviews,
      summary: { report: dossier.report, panel: dossier.panel },
      auditLog: dossier.auditLog,
      auditHead: auditHeadOf(dossier.auditLog),
      evaluation: dossier.evaluation ?? null,
    })),
    exports,
    integrity: { algorithm: 'sha256', items: [], seal: '' },
  };
  const items: IntegrityItem[] = [];
  for (const item of locateItems(pkg)) items.push({ id: item.id, sha256: await sha256Json(hasher, item.value) });
  pkg.integrity = { algorithm: 'sha256', items, seal: await sha256Json(hasher, sealInput(pkg, items)) };
  return pkg;
}

export function serializeDossierPackage(pkg: DossierPackage): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export type PackageProblemKind =
  | 'malformed' | 'altered' | 'missing' | 'unlisted' | 'export-content' | 'summary-value' | 'audit-chain' | 'seal' | 'dossier-id'
  | 'review-state' | 'known-head';

export interface PackageProblem {
  kind: PackageProblemKind;
  /** The integrity item or location concerned, e.g. dossiers/0/reviews/1. */
  item: string;
  message: string;
}

export interface PackageCheck {
  item: string;
  label: string;
}

export interface PackageVerification {
  ok: boolean;
  checked: PackageCheck[];
  problems: PackageProblem[];
}

export interface VerifyOptions {
  /**
   * Re-runs the engine on the packaged dossier; the summary is compared with its result. Returns
   * `{ skipped }` with the reason when it cannot be re-run faithfully (e.g. another profile version).
   */
  recomputeReport?: (dossier: PackageDossier) => Promise<{ report: CheckReport } | { skipped: string }>;
  /**
   * Heads of the audit chain known from outside this package (a previous export, the head printed
   * on a review sheet): the chain must still hold each. `dossierId` limits one to that dossier.
   */
  knownHeads?: (AuditWitness & { dossierId?: string })[];
}

const SUMMARY_FIELDS = ['program', 'profileVersion', 'claimedFen', 'cutFen', 'approvedFen', 'cutRatio', 'threshold', 'verdict', 'headroomFen', 'subsidy', 'score', 'findings'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and shape-checks a package; problems of shape are returned instead of thrown. */
export function parseDossierPackage(text: string): { pkg: DossierPackage } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(value)) return { problem: 'not a package: the top level is not an object' };
  if (typeof value.schema !== 'string' || !PACKAGE_SCHEMAS.includes(value.schema)) {
    return { problem: `not a package: schema is ${JSON.stringify(value.schema)}, expected "${PACKAGE_SCHEMA}" (or the older "${PACKAGE_SCHEMA_V1}")` };
  }
  if (!Array.isArray(value.dossiers) || !Array.isArray(value.exports) || !isRecord(value.integrity) || !Array.isArray(value.integrity.items)) {
    return { problem: 'not a package: dossiers, exports or integrity is missing' };
  }
  for (const [index, dossier] of (value.dossiers as unknown[]).entries()) {
    if (!isRecord(dossier)) return { problem: `dossiers[${index}] is not an object` };
    for (const key of ['sources', 'reviews', 'auditLog', 'extractions'] as const) {
      const list = dossier[key];
      if (!Array.isArray(list)) return { problem: `dossiers[${index}].${key} is not a list` };
      const bad = list.findIndex((entry) => !isRecord(entry));
      if (bad >= 0) return { problem: `dossiers[${index}].${key}[${bad}] is not an object` };
    }
    const badSource = (dossier.sources as Record<string, unknown>[]).findIndex((source) => typeof source.file !== 'string');
    if (badSource >= 0) return { problem: `dossiers[${index}].sources[${badSource}] has no file name` };
    if (!isRecord(dossier.manifest)) return { problem: `dossiers[${index}].manifest is not an object` };
  }
  for (const [index, entry] of (value.exports as unknown[]).entries()) {
    if (!isRecord(entry) || typeof entry.file !== 'string' || typeof entry.base64 !== 'string') return { problem: `exports[${index}] is not an exported file` };
  }
  if (value.integrity.algorithm !== 'sha256') return { problem: `integrity.algorithm is ${JSON.stringify(value.integrity.algorithm)}; only "sha256" is known` };
  const badItem = (value.integrity.items as unknown[]).findIndex((item) => !isRecord(item) || typeof item.id !== 'string' || typeof item.sha256 !== 'string');
  if (badItem >= 0) return { problem: `integrity.items[${badItem}] is not an {id, sha256} entry` };
  return { pkg: value as unknown as DossierPackage };
}

/** Audit actions after which the packaged manifest is no longer the imported one. */
const MANIFEST_EDITS = new Set(['claims.mapping']);

/**
 * The dossier id recomputed from the packaged manifest and source hashes (the import's formula), or
 * why it cannot be: the claims were re-read with another column mapping after import.
 */
async function recomputeDossierId(dossier: PackageDossier, hasher: Hasher): Promise<{ id: string } | { skipped: string }> {
  const edit = (dossier.auditLog ?? []).find((entry) => MANIFEST_EDITS.has(entry.action));
  if (edit) return { skipped: `the manifest was changed after import (audit entry ${edit.seq}, ${edit.action})` };
  const files = (dossier.sources ?? []).filter((source) => !source.refused).map((source) => ({ path: source.file, sha256: source.sha256 }));
  return { id: await computeDossierId(hasher, dossier.manifest, files) };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a ?? null) === canonicalJson(b ?? null);
  } catch {
    return false;
  }
}

/**
 * A packaged dossier as the engine re-runs it: a @1 package's invoice readings without their kinds
 * (its engine counted a ticket as any invoice), a @2 package's as they are. The package itself, and
 * what its hashes cover, is not changed.
 */
export function packageEngineInput(pkg: Pick<DossierPackage, 'schema'>, dossier: PackageDossier): PackageDossier {
  if (pkg.schema !== PACKAGE_SCHEMA_V1) return dossier;
  return {
    ...dossier,
    extractions: dossier.extractions.map((extraction) => ({
      ...extraction,
      invoices: Array.isArray(extraction.invoices)
        ? extraction.invoices.map((invoice) => {
          if (!isRecord(invoice) || !('kind' in invoice)) return invoice;
          const { kind: _kind, ...rest } = invoice;
          return rest;
        })
        : extraction.invoices,
    })),
  };
}

export async function verifyDossierPackage(pkg: DossierPackage, hasher: Hasher, options: VerifyOptions = {}): Promise<PackageVerification> {
  const checked: PackageCheck[] = [];
  const problems: PackageProblem[] = [];
  const listed = new Map(pkg.integrity.items.map((item) => [item.id, item.sha256]));
  const present = locateItems(pkg);

  for (const item of present) {
    const expected = listed.get(item.id);
    checked.push({ item: item.id, label: item.label });
    if (expected === undefined) {
      problems.push({ kind: 'unlisted', item: item.id, message: `${item.label}: not in the integrity manifest (added after export)` });
      continue;
    }
    const actual = await sha256Json(hasher, item.value);
    if (actual !== expected) problems.push({ kind: 'altered', item: item.id, message: `${item.label}: altered (SHA-256 ${actual} differs from ${expected})` });
  }
  const presentIds = new Set(present.map((item) => item.id));
  for (const item of pkg.integrity.items) {
    if (!presentIds.has(item.id)) problems.push({ kind: 'missing', item: item.id, message: `${item.id}: listed in the integrity manifest but missing from the package` });
  }

  for (const entry of pkg.exports) {
    const id = `exports/${entry.file}`;
    checked.push({ item: `${id}#content`, label: `exported file ${entry.file} (content)` });
    const bytes = decodeBase64(entry.base64);
    if (bytes === null) {
      problems.push({ kind: 'export-content', item: id, message: `exported file ${entry.file}: content is not valid base64` });
      continue;
    }
    const actual = await hasher.sha256(bytes);
    if (actual !== entry.sha256 || bytes.length !== entry.size) {
      problems.push({ kind: 'export-content', item: id, message: `exported file ${entry.file}: content altered (SHA-256 ${actual}, ${bytes.length} bytes; manifest says ${entry.sha256}, ${entry.size} bytes)` });
    }
  }

  for (const [d, dossier] of pkg.dossiers.entries()) {
    const where = dossierLabel(dossier, d);
    const prefix = `dossiers/${d}`;
    try {
      const recomputedId = await recomputeDossierId(dossier, hasher);
      if ('skipped' in recomputedId) {
        checked.push({ item: `${prefix}/id#not-recomputed`, label: `${where}: dossier id not recomputed (${recomputedId.skipped})` });
      } else {
        checked.push({ item: `${prefix}/id#recomputed`, label: `${where}: dossier id recomputed from its manifest and source files` });
        if (recomputedId.id !== dossier.dossierId) {
          problems.push({ kind: 'dossier-id', item: `${prefix}/id`, message: `${where}: dossier id ${String(dossier.dossierId)} does not match its manifest and source files (they give ${recomputedId.id})` });
        }
      }
    } catch (error) {
      problems.push({ kind: 'dossier-id', item: `${prefix}/id`, message: `${where}: the dossier id cannot be recomputed: ${(error as Error).message}` });
    }
    const chains: { item: string; label: string; entries: AuditEntry[] }[] = [
      { item: `${prefix}/audit-log`, label: `${where}: audit log`, entries: dossier.auditLog },
      ...dossier.reviews.map((review, r) => ({
        item: `${prefix}/reviews/${r}/auditLog`,
        label: `${where}: review ${r + 1}${review?.reviewer?.name ? ` by ${review.reviewer.name}` : ''} audit log`,
        entries: Array.isArray(review?.auditLog) ? review.auditLog : [],
      })),
    ];
    for (const chain of chains) {
      if (chain.entries.length === 0 && !(chain.item.endsWith('/audit-log') && dossier.auditHead)) continue;
      checked.push({ item: `${chain.item}#chain`, label: `${chain.label} (hash chain, ${chain.entries.length} entries)` });
      const head = chain.item.endsWith('/audit-log') ? dossier.auditHead?.hash : undefined;
      let verdict;
      try {
        verdict = await verifyAuditChain(chain.entries, hasher, head);
      } catch (error) {
        problems.push({ kind: 'audit-chain', item: chain.item, message: `${chain.label}: cannot be verified: ${(error as Error).message}` });
        continue;
      }
      if (!verdict.ok) {
        problems.push({ kind: 'audit-chain', item: `${chain.item}#${verdict.seq}`, message: `${chain.label}: ${verdict.message}` });
      }
    }

    for (const known of options.knownHeads ?? []) {
      if (known.dossierId !== undefined && known.dossierId !== dossier.dossierId) continue;
      checked.push({ item: `${prefix}/audit-log#known-head-${known.seq}`, label: `${where}: audit log holds the head of ${known.source} (entry ${known.seq})` });
      const problem = checkAuditWitness(Array.isArray(dossier.auditLog) ? dossier.auditLog : [], known);
      if (problem) problems.push({ kind: 'known-head', item: `${prefix}/audit-log#${problem.seq}`, message: `${where}: ${problem.message}` });
    }

    for (const [r, review] of dossier.reviews.entries()) {
      // Only a workstation's log (it starts with the import) says what every row must hold; a review
      // file written elsewhere may log in its own words.
      if (!Array.isArray(review?.auditLog) || review.auditLog[0]?.action !== 'dossier.import') continue;
      const label = `${where}: review ${r + 1}${review?.reviewer?.name ? ` by ${review.reviewer.name}` : ''}`;
      checked.push({ item: `${prefix}/reviews/${r}#replayed`, label: `${label} recomputed from its audit log (${review.auditLog.length} entries)` });
      let mismatches;
      try {
        mismatches = compareReviewWithAuditLog(review, review.auditLog, 'the package');
      } catch (error) {
        problems.push({ kind: 'review-state', item: `${prefix}/reviews/${r}`, message: `${label}: cannot be recomputed from its audit log: ${(error as Error).message}` });
        continue;
      }
      for (const mismatch of mismatches) {
        problems.push({ kind: 'review-state', item: `${prefix}/reviews/${r}/${mismatch.key}`, message: `${label}: ${mismatch.message}` });
      }
    }

    if (options.recomputeReport) {
      let recomputed: CheckReport | null = null;
      try {
        const outcome = await options.recomputeReport(packageEngineInput(pkg, dossier));
        if ('report' in outcome) {
          recomputed = outcome.report;
          checked.push({ item: `${prefix}/summary#recomputed`, label: `${where}: summary recomputed by the engine` });
        } else {
          checked.push({ item: `${prefix}/summary#not-recomputed`, label: `${where}: summary not recomputed (${outcome.skipped})` });
        }
      } catch (error) {
        problems.push({ kind: 'summary-value', item: `${prefix}/summary`, message: `${where}: the engine cannot recompute the summary: ${(error as Error).message}` });
      }
      if (recomputed) {
        const stated = dossier.summary?.report as unknown as Record<string, unknown> | undefined;
        for (const field of SUMMARY_FIELDS) {
          const statedValue = stated?.[field];
          if (!sameJson(statedValue, recomputed[field])) {
            const shown = field === 'findings' ? `${Array.isArray(statedValue) ? statedValue.length : 0} findings vs ${recomputed.findings.length} recomputed`
              : `package says ${JSON.stringify(statedValue)}, recomputed ${JSON.stringify(recomputed[field])}`;
            problems.push({ kind: 'summary-value', item: `${prefix}/summary/report/${field}`, message: `${where}: summary value ${field} altered: ${shown}` });
          }
        }
      }
    }
  }

  checked.push({ item: 'integrity/seal', label: 'seal over the integrity manifest' });
  const seal = await sha256Json(hasher, sealInput(pkg, pkg.integrity.items));
  if (seal !== pkg.integrity.seal) problems.push({ kind: 'seal', item: 'integrity/seal', message: `integrity manifest altered: its seal is ${seal}, the package says ${pkg.integrity.seal}` });

  return { ok: problems.length === 0, checked, problems };
}
