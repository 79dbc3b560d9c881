// CSV to rows: RFC 4180 quoting (embedded quotes, separators and line breaks), any of CR/LF/CRLF,
// comma, semicolon or tab separators (whichever the header line uses most), BOM and encoding
// handled by decodeText (UTF-8, UTF-16, or GBK as Chinese Excel writes it).
import { decodeText, type TextEncodingName } from './text-decoding';

export interface CsvParse {
  rows: string[][];
  encoding: TextEncodingName;
  separator: string;
}

function detectSeparator(text: string): string {
  let firstLine = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    firstLine += ch;
    if (firstLine.length > 4096) break;
  }
  const counts = [',', ';', '\t'].map((separator) => ({ separator, count: firstLine.split(separator).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.separator : ',';
}

export function parseCsvText(text: string, separator = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) { quoted = true; fieldStarted = true; continue; }
    if (ch === separator) { row.push(field); field = ''; fieldStarted = false; continue; }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      continue;
    }
    field += ch;
    fieldStarted = true;
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parseCsv(bytes: Uint8Array): CsvParse {
  const { text, encoding } = decodeText(bytes);
  const separator = detectSeparator(text);
  return { rows: parseCsvText(text, separator), encoding, separator };
}
