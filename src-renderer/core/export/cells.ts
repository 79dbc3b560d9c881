// The cells of an export table. Writers (CSV here, XLSX and PDF in src-renderer/export) render
// them; money stays integer fen until a writer turns it into a display value. Text is kept as it
// reads (invisible characters made visible); each writer neutralises formula-like text its own way.
import { revealInvisible } from '../visible-text';

export type ExportCell =
  | { kind: 'text'; value: string }
  | { kind: 'money'; fen: number }
  | { kind: 'integer'; value: number }
  /** An exact decimal written as a string, e.g. a score "18.5". */
  | { kind: 'decimal'; value: string }
  /** A ratio: `value` is its exact decimal string ("0.2000"), numerator/denominator its parts. */
  | { kind: 'ratio'; value: string; numerator: number; denominator: number }
  | { kind: 'empty' };

export type ColumnKind = ExportCell['kind'];

export interface ExportColumn {
  header: string;
  /** The kind of its cells (empty cells may appear in any column). */
  kind: Exclude<ColumnKind, 'empty'>;
}

export interface ExportSheet {
  name: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

/**
 * Text a spreadsheet would read as a formula (OWASP CSV injection): it starts, after any leading
 * whitespace, with = + - @ (or their full-width forms), or with a tab, carriage return or line feed.
 */
const FORMULA_TRIGGER = /^(?:[\s\u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/;

/**
 * Neutralises text that a spreadsheet would read as a formula by prefixing an apostrophe, the
 * prefix Excel and WPS themselves use for "text, not formula". For CSV, where a cell has no type;
 * the XLSX writer stores such text as a string cell with the text format instead.
 */
export function escapeFormulaText(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

export function isFormulaLike(value: string): boolean {
  return FORMULA_TRIGGER.test(value);
}

/** A text cell: its characters as stored, but any invisible or reordering one shown as 〔U+XXXX〕. */
export const textCell = (value: string | null | undefined): ExportCell =>
  value === null || value === undefined || value === '' ? { kind: 'empty' } : { kind: 'text', value: revealInvisible(value) };

export const moneyCell = (fen: number | null | undefined): ExportCell =>
  fen === null || fen === undefined ? { kind: 'empty' } : { kind: 'money', fen };

export const integerCell = (value: number | null | undefined): ExportCell =>
  value === null || value === undefined ? { kind: 'empty' } : { kind: 'integer', value };

export const decimalCell = (value: string | null | undefined): ExportCell =>
  value === null || value === undefined || value === '' ? { kind: 'empty' } : { kind: 'decimal', value };

export const ratioCell = (value: string, numerator: number, denominator: number): ExportCell =>
  ({ kind: 'ratio', value, numerator, denominator });

export const EMPTY_CELL: ExportCell = { kind: 'empty' };
