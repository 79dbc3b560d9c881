// A reviewer's list of employers and clients of the last three years, imported from a file (CSV or
// plain text, UTF-8, one organisation a line): `name[,credit code][,relation][,from][,to]`, where the
// relation is 任职/employer or 客户/client (client when not given). Commas may be full-width; a first
// line naming the columns (名称/单位/name) is a header. A line that cannot be read is an error naming
// the file and the line.
import { InvalidInputError } from '../result';
import type { DeclaredRelation } from '../types';

const EMPLOYER = new Set(['任职', '雇主', '任职单位', 'employer']);
const CLIENT = new Set(['客户', '服务', '服务对象', 'client', 'customer']);
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HEADER = /^(名称|单位|单位名称|name|organisation|organization)$/i;

/** Splits a CSV line (quotes allowed, full-width commas and tabs as separators). */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === ',' || character === '，' || character === '\t')) {
      out.push(current.trim());
      current = '';
    } else current += character;
  }
  out.push(current.trim());
  return out;
}

export function parseDeclaredRelations(text: string, file: string): DeclaredRelation[] {
  const relations: DeclaredRelation[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name = '', ...rest] = cells(line);
    if (index === 0 && HEADER.test(name)) return;
    if (name === '') throw new InvalidInputError(`line ${index + 1}: no organisation name`, file);
    const relation: DeclaredRelation = { name, relation: 'client' };
    const dates: string[] = [];
    for (const cell of rest) {
      if (cell === '') continue;
      const lower = cell.toLowerCase();
      if (EMPLOYER.has(lower)) relation.relation = 'employer';
      else if (CLIENT.has(lower)) relation.relation = 'client';
      else if (CREDIT_CODE.test(cell.toUpperCase())) relation.creditCode = cell.toUpperCase();
      else if (DATE.test(cell)) dates.push(cell);
      else throw new InvalidInputError(`line ${index + 1}: "${cell}" is neither a unified social credit code (18 characters), a relation (任职/客户) nor a date YYYY-MM-DD`, file);
    }
    if (dates[0]) relation.from = dates[0];
    if (dates[1]) relation.to = dates[1];
    relations.push(relation);
  });
  return relations;
}
