// Which material item a file belongs to, by its content: every recognition of the profile's
// materials scores the text of the file's first pages (Σ weights of the phrases it contains; a
// phrase in the title, the first 80 characters, counts twice), and the best score at or above its
// minimum wins. The rules are the profile's data; this code only adds them up.

import type { MaterialRecognition, Profile } from '../profiles/schema';
import type { DocumentKind } from '../types';
import { matchForm } from './text';

/** What was read of one file for the pre-review. */
export interface DocumentReading {
  file: string;
  /** File type as sniffed at import (pdf, ofd, xml, jpg, png, csv, xlsx, …). */
  type: string;
  size: number;
  pageCount: number;
  /** The pages read (the first few of a scan, every page of a text PDF), in order. */
  pages: { page: number; text: string; method: 'text' | 'ocr' | 'table' | 'xml' }[];
  /** Rows of a csv / xlsx list (its sheet with the most rows). */
  table: string[][] | null;
  /** Why nothing could be read, when nothing could. */
  error: string | null;
}

export interface Recognition {
  item: string;
  type: string;
  kind: DocumentKind;
  score: number;
  /** The page holding the strongest phrase found. */
  page: number | null;
  /** The phrases found, strongest first. */
  signals: string[];
}

const TITLE_LENGTH = 80;
const ISSUED_KINDS: ReadonlySet<DocumentKind> = new Set(['application', 'invoice', 'contract', 'payment', 'audit-report', 'certificate', 'credit-report']);

function signalForm(text: string, applicantName: string): string | null {
  if (!text.includes('{applicant}')) return matchForm(text);
  return applicantName.trim() ? matchForm(text.replaceAll('{applicant}', applicantName)) : null;
}

function scoreRecognition(rule: MaterialRecognition, pages: { page: number; form: string }[], title: string, applicantName: string): { score: number; page: number | null; signals: string[] } {
  let score = 0;
  let strongest = 0;
  let page: number | null = null;
  const found: { text: string; weight: number }[] = [];
  for (const signal of rule.signals) {
    const form = signalForm(signal.text, applicantName);
    if (!form) continue;
    const hit = pages.find((entry) => entry.form.includes(form));
    if (!hit) continue;
    const weight = signal.weight > 0 && title.includes(form) ? signal.weight * 2 : signal.weight;
    score += weight;
    if (signal.weight > 0) found.push({ text: signal.text, weight });
    if (weight > strongest) {
      strongest = weight;
      page = hit.page;
    }
  }
  return { score, page, signals: found.sort((a, b) => b.weight - a.weight).map((entry) => entry.text) };
}

/** Every recognition of the profile that the reading reaches, best first (ties: profile order). */
export function rankRecognitions(reading: DocumentReading, profile: Profile, applicantName: string): Recognition[] {
  const pages = reading.pages.map((entry) => ({ page: entry.page, form: matchForm(entry.text) }));
  if (pages.every((entry) => entry.form === '')) return [];
  const title = pages[0]?.form.slice(0, TITLE_LENGTH) ?? '';
  const ranked: Recognition[] = [];
  const isList = reading.table !== null;
  for (const item of profile.materials) {
    for (const rule of item.recognize ?? []) {
      // A spreadsheet is a list the applicant filled in, never an issued document (an invoice, a
      // receipt, a certificate, a report): only list and other kinds can be recognised in one.
      if (isList && ISSUED_KINDS.has(rule.kind)) continue;
      const { score, page, signals } = scoreRecognition(rule, pages, title, applicantName);
      if (score >= rule.minScore) ranked.push({ item: item.id, type: rule.id, kind: rule.kind, score, page, signals });
    }
  }
  return ranked.sort((a, b) => b.score - a.score);
}

/** The recognition of a document kind the manifest gives, for files whose content says nothing. */
export function recognitionOfKind(profile: Profile, kind: DocumentKind, applies: (itemId: string) => boolean): { item: string; type: string } | null {
  const candidates = profile.materials.flatMap((item) => (item.recognize ?? []).filter((rule) => rule.kind === kind).map((rule) => ({ item: item.id, type: rule.id })));
  const fallback = profile.materials.filter((item) => !item.recognize?.length && item.documentKinds.includes(kind)).map((item) => ({ item: item.id, type: kind }));
  const all = [...candidates, ...fallback];
  return all.find((entry) => applies(entry.item)) ?? all[0] ?? null;
}
