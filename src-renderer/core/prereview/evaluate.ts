// The formal pre-review (形式预审) of a dossier: every file placed in a material item of the
// profile (by its content; by the manifest's kind where the content says nothing; by the reviewer
// where they corrected it), each applicable item checked as the notice asks (years covered, a date
// window, character and page limits, the list templates with their totals and counts against the
// eligibility thresholds, file formats and sizes), and the 补正通知 (supplement notice): exactly
// the items the applicant must supply or correct, each with its clause.

import { parseAmountCell } from '../import/claims';
import { formatBytes } from '../import/limits';
import { PICTURE_FILE_TYPES } from '../import/sniff';
import { compareDecimals, parseDecimal } from '../money/decimal';
import { formatCny, tryParseYuan } from '../money/yuan';
import type { MaterialCheck, MaterialItem, Profile } from '../profiles/schema';
import type { Applicant, ClassificationCorrection, DocumentKind, Finding, ManifestDocument, ReviewFile } from '../types';
import { appliesTo } from '../engine/findings/applicability';
import { makeFinding } from '../engine/findings/make-finding';
import { type DocumentReading, type Recognition, rankRecognitions, recognitionOfKind } from './classify';
import { characterCount, documentDate, matchForm, reportYears } from './text';

export type PlacementSource = 'content' | 'manifest' | 'reviewer' | 'none';

export interface PlacedDocument {
  file: string;
  /** The kind of the document: the manifest's where it gives one, else the content's. */
  kind: DocumentKind;
  material: string | null;
  /** The recognition (document type) within the item, e.g. "audit-report". */
  type: string | null;
  source: PlacementSource;
  score: number | null;
  page: number | null;
  pageCount: number | null;
  signals: string[];
  manifestKind: DocumentKind | null;
  /** What the content shows the file to be (its best recognition), whatever the manifest or the reviewer says; null when it shows nothing. */
  contentKind: DocumentKind | null;
  /** The content's best reading, when it differs from the placement (a reviewer's correction, a manifest kind). */
  contentSuggests: { material: string; type: string; kind: DocumentKind } | null;
  error: string | null;
}

export interface MaterialCheckResult {
  id: string;
  /** false: the check failed (the applicant must correct it); null: it could not be checked. */
  ok: boolean | null;
  zh: string;
  en: string;
  clause: string;
  evidence: { file: string; page?: number } | null;
}

export type MaterialStatusValue = 'present' | 'missing' | 'doubtful' | 'not-required';

export interface MaterialStatus {
  item: string;
  label: { zh: string; en: string };
  clause: string;
  status: MaterialStatusValue;
  applies: boolean;
  files: { file: string; type: string | null; page: number | null; pageCount: number | null; source: PlacementSource }[];
  missingTypes: { id: string; label: { zh: string; en: string } }[];
  checks: MaterialCheckResult[];
  /** The reviewer's checklist state of the item, when set. */
  reviewerState: 'met' | 'not-met' | 'not-applicable' | null;
}

export interface SupplementEntry {
  item: string;
  label: { zh: string; en: string };
  clause: string;
  action: 'supply' | 'correct';
  zh: string;
  en: string;
}

export interface PrereviewResult {
  materials: MaterialStatus[];
  documents: PlacedDocument[];
  findings: Finding[];
  notice: SupplementEntry[];
}

export type { ClassificationCorrection };

export interface PrereviewInput {
  profile: Profile;
  applicant: Applicant;
  documents: readonly ManifestDocument[];
  /** What was read of each file; null when nothing was read (manifest kinds only). */
  readings: ReadonlyMap<string, DocumentReading> | null;
  review?: ReviewFile | null;
  /** The reviewer's corrections by file (from the review file's `classifications`, or the store). */
  corrections?: Readonly<Record<string, ClassificationCorrection>>;
}

/** The `classifications` of a review file: { "<file>": { "material": "<item id>" | null, "type"?: "<recognition id>" } }. */
export function correctionsOf(review: ReviewFile | null | undefined): Record<string, ClassificationCorrection> {
  const value = review?.classifications;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const result: Record<string, ClassificationCorrection> = {};
  for (const [file, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { material, type } = entry as { material?: unknown; type?: unknown };
    if (material !== null && typeof material !== 'string') continue;
    result[file] = { material, ...(typeof type === 'string' ? { type } : {}) };
  }
  return result;
}

function itemApplies(item: MaterialItem, applicant: Applicant): boolean {
  return appliesTo(item, applicant);
}

/** Items that stand for each other when the registration place is not known ((二)1 / (二)2). */
function alternativesOf(item: MaterialItem, profile: Profile): MaterialItem[] {
  const places = item.whenRegisteredIn ?? item.whenNotRegisteredIn;
  if (!places) return [];
  return profile.materials.filter((other) => other.id !== item.id
    && ((item.whenRegisteredIn && other.whenNotRegisteredIn && sameSet(item.whenRegisteredIn, other.whenNotRegisteredIn))
      || (item.whenNotRegisteredIn && other.whenRegisteredIn && sameSet(item.whenNotRegisteredIn, other.whenRegisteredIn))));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry) => b.includes(entry));
}

function place(document: ManifestDocument, reading: DocumentReading | undefined, input: PrereviewInput, applies: (id: string) => boolean): PlacedDocument {
  const { profile, applicant } = input;
  const manifestKind = document.kind && document.kind !== 'other' ? document.kind : null;
  const ranked: Recognition[] = reading && !reading.error ? rankRecognitions(reading, profile, applicant.name ?? '') : [];
  const best = ranked.find((entry) => applies(entry.item)) ?? ranked[0] ?? null;
  const base = {
    file: document.file, manifestKind, contentKind: best?.kind ?? null, pageCount: reading?.pageCount ?? null, error: reading?.error ?? null,
  };
  const correction = input.corrections?.[document.file];
  if (correction) {
    const item = correction.material === null ? null : profile.materials.find((entry) => entry.id === correction.material) ?? null;
    const rule = item ? (item.recognize ?? []).find((entry) => entry.id === correction.type) ?? (item.recognize ?? [])[0] ?? null : null;
    return {
      ...base, kind: manifestKind ?? rule?.kind ?? best?.kind ?? 'other', material: item?.id ?? null, type: rule?.id ?? null, source: 'reviewer',
      score: null, page: best?.page ?? null, signals: best?.signals ?? [],
      contentSuggests: best && (best.item !== item?.id || best.type !== rule?.id) ? { material: best.item, type: best.type, kind: best.kind } : null,
    };
  }
  if (best) {
    return {
      ...base, kind: manifestKind ?? best.kind, material: best.item, type: best.type, source: 'content',
      score: best.score, page: best.page, signals: best.signals, contentSuggests: null,
    };
  }
  const byKind = manifestKind ? recognitionOfKind(profile, manifestKind, applies) : null;
  if (byKind) {
    return { ...base, kind: manifestKind!, material: byKind.item, type: byKind.type, source: 'manifest', score: null, page: null, signals: [], contentSuggests: null };
  }
  return { ...base, kind: manifestKind ?? 'other', material: null, type: null, source: 'none', score: null, page: null, signals: [], contentSuggests: null };
}

interface CheckContext {
  input: PrereviewInput;
  item: MaterialItem;
  documents: PlacedDocument[];
}

function textOf(reading: DocumentReading | undefined): string {
  return reading ? reading.pages.map((page) => page.text).join('\n') : '';
}

function ofType(context: CheckContext, type: string): PlacedDocument[] {
  return context.documents.filter((document) => document.type === type);
}

function readingOf(context: CheckContext, file: string): DocumentReading | undefined {
  return context.input.readings?.get(file);
}

function result(id: string, ok: boolean | null, clause: string, zh: string, en: string, evidence: { file: string; page?: number } | null = null): MaterialCheckResult {
  return { id, ok, zh, en, clause, evidence };
}

function checkYears(context: CheckContext, check: Extract<MaterialCheck, { type: 'years' }>): MaterialCheckResult[] {
  const documents = ofType(context, check.documentType);
  if (documents.length === 0) return [];
  const covered = new Map<number, string>();
  let unread = 0;
  for (const document of documents) {
    const reading = readingOf(context, document.file);
    if (!reading || reading.error) { unread++; continue; }
    for (const year of reportYears(textOf(reading))) if (!covered.has(year)) covered.set(year, document.file);
  }
  const missing = check.years.filter((year) => !covered.has(year));
  const id = `${context.item.id}:years`;
  const wanted = check.years.join('、');
  if (missing.length === 0) {
    return [result(id, true, check.clause, `${wanted}年度均已提供（${check.years.map((year) => `${year}：${covered.get(year)}`).join('；')}）`, `Every year ${check.years.join(', ')} is covered`)];
  }
  if (unread === documents.length) {
    return [result(id, null, check.clause, `无法读取报告年度，请人工核对是否覆盖${wanted}年度`, `The years could not be read; check by hand that ${check.years.join(', ')} are covered`)];
  }
  return [result(id, false, check.clause,
    `缺少${missing.map((year) => `${year}年度`).join('、')}的报告（已提供：${covered.size ? [...covered.keys()].sort().map((year) => `${year}年度`).join('、') : '未识别出年度'}）`,
    `No report for ${missing.join(', ')} (found: ${covered.size ? [...covered.keys()].sort().join(', ') : 'no year recognised'})`)];
}

function checkDateWindow(context: CheckContext, check: Extract<MaterialCheck, { type: 'date-window' }>): MaterialCheckResult[] {
  return ofType(context, check.documentType).map((document) => {
    const id = `${context.item.id}:date-window:${document.file}`;
    const reading = readingOf(context, document.file);
    const dated = reading && !reading.error ? documentDate(textOf(reading), check.dateLabels) : null;
    const evidence = { file: document.file, ...(document.page ? { page: document.page } : {}) };
    if (!dated) return result(id, null, check.clause, `${document.file}：未读到报告日期，请人工核对（应在 ${check.from} 至 ${check.to} 之间）`, `${document.file}: no date read; check by hand (must be ${check.from} to ${check.to})`, evidence);
    const inside = dated.date >= check.from && dated.date <= check.to;
    return result(id, inside, check.clause,
      inside ? `${document.file}：报告日期 ${dated.date}，在 ${check.from} 至 ${check.to} 之间` : `${document.file}：报告日期 ${dated.date} 不在 ${check.from} 至 ${check.to} 之间（${check.basis.zh}）`,
      inside ? `${document.file}: dated ${dated.date}, within ${check.from} to ${check.to}` : `${document.file}: dated ${dated.date}, outside ${check.from} to ${check.to} (${check.basis.en})`,
      evidence);
  });
}

function checkMaxChars(context: CheckContext, check: Extract<MaterialCheck, { type: 'max-chars' }>): MaterialCheckResult[] {
  return ofType(context, check.documentType).map((document) => {
    const id = `${context.item.id}:max-chars:${document.file}`;
    const reading = readingOf(context, document.file);
    const evidence = { file: document.file };
    if (!reading || reading.error) return result(id, null, check.clause, `${document.file}：无法读取正文，请人工核对字数（限${check.max}字）`, `${document.file}: text not read; count by hand (limit ${check.max})`, evidence);
    const count = characterCount(textOf(reading));
    const complete = reading.pages.length >= reading.pageCount;
    if (count > check.max) return result(id, false, check.clause, `${document.file}：正文${complete ? '' : '至少'} ${count} 字，超过${check.max}字的限制`, `${document.file}: ${complete ? '' : 'at least '}${count} characters, above the limit of ${check.max}`, evidence);
    if (!complete) return result(id, null, check.clause, `${document.file}：已读 ${reading.pages.length}/${reading.pageCount} 页共 ${count} 字，请人工核对全文不超过${check.max}字`, `${document.file}: ${count} characters in ${reading.pages.length} of ${reading.pageCount} pages read; check the rest by hand (limit ${check.max})`, evidence);
    return result(id, true, check.clause, `${document.file}：正文 ${count} 字，未超过${check.max}字`, `${document.file}: ${count} characters, within ${check.max}`, evidence);
  });
}

function checkMaxPages(context: CheckContext, check: Extract<MaterialCheck, { type: 'max-pages' }>): MaterialCheckResult[] {
  return ofType(context, check.documentType).flatMap((document) => {
    if (document.pageCount === null) return [];
    const ok = document.pageCount <= check.max;
    return [result(`${context.item.id}:max-pages:${document.file}`, ok, check.clause,
      ok ? `${document.file}：${document.pageCount} 页，未超过${check.max}页` : `${document.file}：${document.pageCount} 页，超过${check.max}页的限制`,
      ok ? `${document.file}: ${document.pageCount} pages, within ${check.max}` : `${document.file}: ${document.pageCount} pages, above the limit of ${check.max}`,
      { file: document.file })];
  });
}

const TOTAL_ROW = /^(合计|总计|共计|total)/i;

interface ListReading {
  missingColumns: string[];
  columns: Map<string, number>;
  dataRows: string[][];
  statedTotalFen: number | null;
}

function readListTable(rows: string[][], check: Extract<MaterialCheck, { type: 'list-template' }>): ListReading {
  let best = { row: -1, columns: new Map<string, number>() };
  rows.slice(0, 15).forEach((row, index) => {
    const columns = new Map<string, number>();
    const cells = row.map(matchForm);
    for (const column of check.columns) {
      // Header words in the template's order of preference: 收入金额 before a bare 金额.
      for (const header of column.headers.map(matchForm)) {
        const at = cells.findIndex((cell, cellIndex) => cell.includes(header) && ![...columns.values()].includes(cellIndex));
        if (at >= 0) {
          columns.set(column.id, at);
          break;
        }
      }
    }
    if (columns.size > best.columns.size) best = { row: index, columns };
  });
  const dataRows: string[][] = [];
  let statedTotalFen: number | null = null;
  const amountAt = check.amountColumn ? best.columns.get(check.amountColumn) : undefined;
  for (const row of rows.slice(best.row + 1)) {
    if (row.every((cell) => cell.trim() === '')) continue;
    const first = row.find((cell) => cell.trim() !== '') ?? '';
    if (TOTAL_ROW.test(matchForm(first))) {
      if (amountAt !== undefined) statedTotalFen = parseAmountCell(row[amountAt] ?? '', 'yuan');
      continue;
    }
    dataRows.push(row);
  }
  return {
    missingColumns: check.columns.filter((column) => !best.columns.has(column.id)).map((column) => column.label.zh),
    columns: best.columns,
    dataRows: best.row >= 0 ? dataRows : [],
    statedTotalFen,
  };
}

function thresholdItems(context: CheckContext, fact: string) {
  return context.input.profile.eligibility.filter((item) => item.threshold?.fact === fact && appliesTo(item, context.input.applicant));
}

function checkListTemplate(context: CheckContext, check: Extract<MaterialCheck, { type: 'list-template' }>): MaterialCheckResult[] {
  const results: MaterialCheckResult[] = [];
  for (const document of ofType(context, check.documentType)) {
    const reading = readingOf(context, document.file);
    const base = `${context.item.id}:list:${document.file}`;
    const evidence = { file: document.file, ...(document.page ? { page: document.page } : {}) };
    if (!reading || reading.error) {
      results.push(result(`${base}:columns`, null, check.clause, `${document.file}：无法读取清单，请人工核对模板栏目`, `${document.file}: the list could not be read; check its columns by hand`, evidence));
      continue;
    }
    let measures: { total: number | null; distinct: number | null; rows: number | null } = { total: null, distinct: null, rows: null };
    if (reading.table) {
      const list = readListTable(reading.table, check);
      results.push(list.missingColumns.length === 0
        ? result(`${base}:columns`, true, check.clause, `${document.file}：清单栏目齐全（${check.columns.map((column) => column.label.zh).join('、')}）`, `${document.file}: every template column is there`, evidence)
        : result(`${base}:columns`, false, check.clause, `${document.file}：清单缺少模板栏目：${list.missingColumns.join('、')}`, `${document.file}: the list lacks template columns: ${check.columns.filter((column) => !list.columns.has(column.id)).map((column) => column.label.en).join(', ')}`, evidence));
      const amountAt = check.amountColumn ? list.columns.get(check.amountColumn) : undefined;
      if (amountAt !== undefined) {
        let total = 0;
        const unreadable: number[] = [];
        list.dataRows.forEach((row, index) => {
          const fen = parseAmountCell(row[amountAt] ?? '', 'yuan');
          if (fen === null) unreadable.push(index + 1); else total += fen;
        });
        measures.total = total;
        if (unreadable.length > 0) {
          results.push(result(`${base}:amounts`, false, check.clause, `${document.file}：第 ${unreadable.join('、')} 行金额无法识别`, `${document.file}: amounts of rows ${unreadable.join(', ')} cannot be read`, evidence));
        }
        if (list.statedTotalFen !== null) {
          const ok = list.statedTotalFen === total;
          results.push(result(`${base}:total`, ok, check.clause,
            ok ? `${document.file}：合计 ${formatCny(total)} 与明细相符（${list.dataRows.length} 行）` : `${document.file}：合计行 ${formatCny(list.statedTotalFen)} 与明细之和 ${formatCny(total)} 不符`,
            ok ? `${document.file}: the total ${formatCny(total)} agrees with its ${list.dataRows.length} rows` : `${document.file}: the total row ${formatCny(list.statedTotalFen)} differs from the rows' sum ${formatCny(total)}`, evidence));
        }
      }
      const distinctAt = check.distinctColumn ? list.columns.get(check.distinctColumn) : undefined;
      if (distinctAt !== undefined) measures.distinct = new Set(list.dataRows.map((row) => matchForm(row[distinctAt] ?? '')).filter(Boolean)).size;
      measures.rows = list.dataRows.length;
    } else {
      const form = matchForm(textOf(reading));
      const missing = check.columns.filter((column) => !column.headers.some((header) => form.includes(matchForm(header))));
      results.push(missing.length === 0
        ? result(`${base}:columns`, true, check.clause, `${document.file}：清单栏目齐全`, `${document.file}: every template column is there`, evidence)
        : result(`${base}:columns`, reading.pages.some((page) => page.method === 'ocr') ? null : false, check.clause, `${document.file}：清单中未找到模板栏目：${missing.map((column) => column.label.zh).join('、')}`, `${document.file}: template columns not found: ${missing.map((column) => column.label.en).join(', ')}`, evidence));
      const stated = /(?:合计|总计)[^0-9]{0,12}([0-9][0-9,]*\.[0-9]{2})/.exec(form);
      measures = { total: stated ? tryParseYuan(stated[1]!) : null, distinct: null, rows: null };
    }
    for (const threshold of check.thresholds) {
      const value = measures[threshold.measure];
      for (const item of thresholdItems(context, threshold.fact)) {
        const min = item.threshold!.min;
        const id = `${base}:threshold:${item.id}`;
        if (value === null) {
          results.push(result(id, null, item.clause, `${document.file}：无法从清单统计${threshold.measure === 'total' ? '合计金额' : '数量'}，请人工核对是否达到“${item.label.zh}”`, `${document.file}: the ${threshold.measure} cannot be computed from the list; check "${item.label.en}" by hand`, evidence));
          continue;
        }
        const below = threshold.measure === 'total'
          ? value < (tryParseYuan(min) ?? 0)
          : compareDecimals(parseDecimal(String(value)), parseDecimal(min)) < 0;
        const shown = threshold.measure === 'total' ? formatCny(value) : `${value}`;
        const wanted = threshold.measure === 'total' ? formatCny(tryParseYuan(min) ?? 0) : min;
        const what = threshold.measure === 'total' ? '清单合计' : threshold.measure === 'distinct' ? '清单所列企业数' : '清单行数';
        const whatEn = threshold.measure === 'total' ? 'the list total' : threshold.measure === 'distinct' ? 'distinct entries in the list' : 'rows in the list';
        results.push(result(id, !below, item.clause,
          below ? `${document.file}：${what} ${shown} 低于“${item.label.zh}”要求的 ${wanted}` : `${document.file}：${what} ${shown}，达到“${item.label.zh}”要求的 ${wanted}`,
          below ? `${document.file}: ${whatEn} ${shown} is below "${item.label.en}" (${wanted})` : `${document.file}: ${whatEn} ${shown} meets "${item.label.en}" (${wanted})`, evidence));
      }
    }
  }
  return results;
}

/** A reading's type as the import names file types (jpeg where the file's name said so is jpg). */
function fileTypeOf(readingType: string): string {
  return readingType === 'jpeg' ? 'jpg' : readingType;
}

function checkFileFormat(context: CheckContext, check: Extract<MaterialCheck, { type: 'file-format' }>): MaterialCheckResult[] {
  const results: MaterialCheckResult[] = [];
  const formats = check.formats.join('、');
  for (const document of context.documents) {
    const reading = readingOf(context, document.file);
    if (!reading) continue;
    const type = fileTypeOf(reading.type);
    if (!check.formats.includes(type as (typeof check.formats)[number])) {
      results.push(result(`${context.item.id}:format:${document.file}`, false, check.clause, `${document.file}：格式为 ${type}，应为 ${formats}`, `${document.file}: format ${type}; must be ${check.formats.join(', ')}`, { file: document.file }));
    }
    if (check.maxBytes !== null && reading.size > check.maxBytes) {
      results.push(result(`${context.item.id}:size:${document.file}`, false, check.clause,
        `${document.file}：文件大小 ${formatBytes(reading.size)}，超过 ${formatBytes(check.maxBytes)}`,
        `${document.file}: ${formatBytes(reading.size)}, above ${formatBytes(check.maxBytes)}`, { file: document.file }));
    }
  }
  if (check.multiPageAsOnePdf) {
    // Pictures of one material are its pages, whatever each picture's format (a JPEG photo and a PNG scan of one licence).
    const images = context.documents.filter((document) => PICTURE_FILE_TYPES.has(fileTypeOf(readingOf(context, document.file)?.type ?? '')));
    if (images.length >= 2) {
      results.push(result(`${context.item.id}:one-pdf`, false, check.clause,
        `多页材料应按顺序合并为一个PDF文档，现为 ${images.length} 个图片文件（${images.map((document) => document.file).join('、')}）`,
        `Multi-page material must be merged in order into one PDF; it is ${images.length} image files (${images.map((document) => document.file).join(', ')})`,
        { file: images[0]!.file }));
    }
  }
  return results;
}

function runChecks(context: CheckContext): MaterialCheckResult[] {
  return (context.item.checks ?? []).flatMap((check) => {
    switch (check.type) {
      case 'years': return checkYears(context, check);
      case 'date-window': return checkDateWindow(context, check);
      case 'max-chars': return checkMaxChars(context, check);
      case 'max-pages': return checkMaxPages(context, check);
      case 'list-template': return checkListTemplate(context, check);
      case 'file-format': return checkFileFormat(context, check);
    }
  });
}

function requiredTypes(item: MaterialItem): { id: string; label: { zh: string; en: string }; kinds: DocumentKind[] }[] {
  if (item.recognize?.length) return item.recognize.filter((rule) => rule.required).map((rule) => ({ id: rule.id, label: rule.label, kinds: [rule.kind] }));
  return item.documentKinds.map((kind) => ({ id: kind, label: { zh: kind, en: kind }, kinds: [kind] }));
}

export function evaluatePrereview(input: PrereviewInput): PrereviewResult {
  const { profile, applicant } = input;
  const review = input.review ?? null;
  const registrationKnown = typeof applicant.registeredIn === 'string' && applicant.registeredIn !== '';
  const appliesById = new Map(profile.materials.map((item) => [item.id, itemApplies(item, applicant)]));
  const applies = (id: string) => appliesById.get(id) ?? false;
  const documents = input.documents.map((document) => place(document, input.readings?.get(document.file), input, applies));
  const findings: Finding[] = [];
  const materials: MaterialStatus[] = [];
  const notice: SupplementEntry[] = [];

  for (const document of documents) {
    const evidence = { file: document.file, ...(document.page ? { page: document.page } : {}) };
    if (document.error) {
      findings.push(makeFinding({
        rule: 'document-unreadable', severity: 'warning', subject: document.file, evidence: { file: document.file },
        zh: `无法读取文件内容，未能按内容归类：${document.error}`, en: `The file's content could not be read, so it was not classified: ${document.error}`,
      }));
    } else if (document.source === 'none' && input.readings) {
      findings.push(makeFinding({
        rule: 'document-unclassified', severity: 'warning', subject: document.file, evidence: { file: document.file },
        zh: '无法按内容判断该文件属于哪项申报材料，请人工归类', en: 'The content does not show which material this file is; classify it by hand',
      }));
    }
    if (document.manifestKind && document.source === 'content') {
      const contentKind = profile.materials.flatMap((item) => item.recognize ?? []).find((rule) => rule.id === document.type)?.kind;
      if (contentKind && contentKind !== document.manifestKind) {
        findings.push(makeFinding({
          rule: 'document-kind-mismatch', severity: 'warning', subject: document.file, evidence,
          zh: `清单登记的类别为 ${document.manifestKind}，内容显示为 ${contentKind}（${document.signals.slice(0, 3).join('、')}）`,
          en: `The manifest says ${document.manifestKind}; the content shows ${contentKind} (${document.signals.slice(0, 3).join(', ')})`,
        }));
      }
    }
  }

  for (const item of profile.materials) {
    let itemApplicable = applies(item.id);
    const placed = documents.filter((document) => document.material === item.id);
    const alternatives = registrationKnown ? [] : alternativesOf(item, profile);
    const alternativeSupplied = alternatives.some((other) => documents.some((document) => document.material === other.id));
    if (itemApplicable && alternativeSupplied && placed.length === 0) itemApplicable = false;
    const entry = review?.checklists[item.id];
    const reviewerState = entry && entry.state !== 'unchecked' ? entry.state : null;
    const status: MaterialStatus = {
      item: item.id, label: item.label, clause: item.clause, status: 'not-required', applies: itemApplicable,
      files: placed.map((document) => ({ file: document.file, type: document.type, page: document.page, pageCount: document.pageCount, source: document.source })),
      missingTypes: [], checks: [], reviewerState,
    };
    materials.push(status);
    if (!itemApplicable || reviewerState === 'not-applicable') {
      for (const document of placed) {
        findings.push(makeFinding({
          rule: 'material-not-applicable', severity: 'info', subject: `${item.id}:${document.file}`, clause: item.clause, evidence: { file: document.file },
          zh: `该文件为“${item.label.zh}”，本申报单位无需提供此项`, en: `This file is "${item.label.en}", which this applicant need not supply`,
        }));
      }
      continue;
    }
    const required = requiredTypes(item);
    status.missingTypes = required.filter((type) => !placed.some((document) => document.type === type.id || (!item.recognize?.length && type.kinds.includes(document.kind)))).map(({ id, label }) => ({ id, label }));
    status.checks = placed.length > 0 ? runChecks({ input, item, documents: placed }) : [];
    const failed = status.checks.filter((check) => check.ok === false);
    const unsure = status.checks.some((check) => check.ok === null) || placed.some((document) => document.source === 'manifest');
    if (reviewerState === 'met') status.status = 'present';
    else if (status.missingTypes.length > 0) status.status = 'missing';
    else if (failed.length > 0 || reviewerState === 'not-met') status.status = 'doubtful';
    else if (placed.length === 0) status.status = required.length > 0 ? 'missing' : 'not-required';
    else status.status = unsure ? 'doubtful' : 'present';

    if (reviewerState === 'not-met') {
      const note = entry?.note ? `：${entry.note}` : '';
      findings.push(makeFinding({
        rule: 'material-not-met', severity: 'error', subject: item.id, clause: item.clause,
        zh: `评审认定申报材料不合格或缺失：${item.label.zh}${note}`, en: `Reviewer marked the material missing or deficient: ${item.label.en}${entry?.note ? `: ${entry.note}` : ''}`,
      }));
      notice.push({ item: item.id, label: item.label, clause: item.clause, action: placed.length ? 'correct' : 'supply', zh: `${item.label.zh}不符合要求${note}，请补正`, en: `${item.label.en} does not meet the requirements${entry?.note ? `: ${entry.note}` : ''}; please correct it` });
      continue;
    }
    if (reviewerState === 'met') continue;
    // A dossier listing no files at all holds only its claims (an audit of the declared list): there
    // is nothing to pre-review, so nothing is reported missing.
    if (status.status === 'missing' && input.documents.length > 0) {
      const what = status.missingTypes.map((type) => type.label.zh).join('、');
      const whatEn = status.missingTypes.map((type) => type.label.en).join(', ');
      findings.push(makeFinding({
        rule: 'material-missing', severity: 'error', subject: item.id, clause: item.clause,
        zh: `未找到申报材料：${item.label.zh}（缺少：${what}）`, en: `Material not found: ${item.label.en} (missing: ${whatEn})`,
      }));
      notice.push({ item: item.id, label: item.label, clause: item.clause, action: 'supply', zh: `缺少${what}，请补充提供${item.label.zh}`, en: `${whatEn} missing: please supply ${item.label.en}` });
    }
    for (const check of failed) {
      findings.push(makeFinding({
        rule: 'material-check', severity: 'error', subject: check.id, clause: check.clause, evidence: check.evidence,
        zh: `${item.label.zh}：${check.zh}`, en: `${item.label.en}: ${check.en}`,
      }));
      notice.push({ item: item.id, label: item.label, clause: check.clause, action: 'correct', zh: `${check.zh}，请补正`, en: `${check.en}; please correct it` });
    }
  }
  return { materials, documents, findings, notice };
}

/** The kinds the reconciliation reads a file for: invoices, contract key pages and bank receipts. */
export const EVIDENCE_KINDS: ReadonlySet<DocumentKind> = new Set(['invoice', 'contract', 'payment']);

/**
 * Whether a file must be read for its invoices, contracts or receipts: its listed (or imported) kind
 * says so, or the pre-review's placement or its content does (a scan0001.pdf listed without a kind,
 * or as `other`, that reads as an invoice is extracted as one).
 */
export function isEvidenceDocument(listedKind: DocumentKind | null | undefined, placed: PlacedDocument | undefined): boolean {
  if (listedKind && EVIDENCE_KINDS.has(listedKind)) return true;
  if (!placed) return false;
  return EVIDENCE_KINDS.has(placed.kind) || (placed.contentKind !== null && EVIDENCE_KINDS.has(placed.contentKind));
}

/** The kind a file is shown and filed under: the listed kind, unless that says nothing (`other`) and the pre-review knows better. */
export function effectiveKind(listedKind: DocumentKind, placed: PlacedDocument | undefined): DocumentKind {
  if (listedKind !== 'other' || !placed) return listedKind;
  return placed.kind !== 'other' ? placed.kind : placed.contentKind ?? listedKind;
}

/** The check report's `materials` and `documents` arrays (DESIGN.md). */
export function prereviewSummary(result: PrereviewResult): {
  materials: { item: string; files: string[]; status: MaterialStatusValue; clause: string; checks: { id: string; ok: boolean | null; message: string }[] }[];
  documents: { file: string; kind: DocumentKind; material: string | null; type: string | null; source: PlacementSource }[];
  supplementNotice: { item: string; clause: string; action: 'supply' | 'correct'; message: string; messageEn: string }[];
} {
  return {
    materials: result.materials.map((status) => ({
      item: status.item, files: status.files.map((file) => file.file), status: status.status, clause: status.clause,
      checks: status.checks.map((check) => ({ id: check.id, ok: check.ok, message: check.zh })),
    })),
    documents: result.documents.map((document) => ({ file: document.file, kind: document.kind, material: document.material, type: document.type, source: document.source })),
    supplementNotice: result.notice.map((entry) => ({ item: entry.item, clause: entry.clause, action: entry.action, message: entry.zh, messageEn: entry.en })),
  };
}
