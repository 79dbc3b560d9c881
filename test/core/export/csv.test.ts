import { describe, expect, it } from 'vitest';
import { quoteCsvField, sheetToCsv, sheetToCsvBytes } from '../../../src-renderer/core/export/csv';
import { cutsTable, summaryTable } from '../../../src-renderer/core/export/tables';

import { textCell, type ExportSheet } from '../../../src-renderer/core/export/cells';
import { sampleDossier } from './fixture';

/** An RFC 4180 reader, independent of the writer, for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; }
    else if (char === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += char;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

describe('CSV', () => {
  it('starts with the UTF-8 byte-order mark', () => {
    const bytes = sheetToCsvBytes(summaryTable([sampleDossier()]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('round-trips the summary: headers, Chinese text, plain yuan amounts, ratio', () => {
    const text = sheetToCsv(summaryTable([sampleDossier()]));
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toContain('申报单位');
    const header = rows[0]!;
    const row = rows[1]!;
    const at = (name: string) => row[header.indexOf(name)];
    expect(at('申报单位')).toBe('深圳市示例数字科技有限公司');
    expect(at('申报金额')).toBe('22720.00');
    expect(at('核减金额')).toBe('3000.00');
    expect(at('核减比例')).toBe('0.1320');
    expect(at('结论')).toBe('通过');
    expect(rows).toHaveLength(2);
  });

  it('quotes commas, quotes and line breaks, and round-trips them exactly', () => {
    const awkward = ['a,b', 'say "hi"', 'two\r\nlines', 'line\nfeed', ' padded ', '普通'];
    const sheet: ExportSheet = {
      name: 't',
      columns: [{ header: 'value', kind: 'text' }],
      rows: awkward.map((value) => [{ kind: 'text', value }]),
    };
    const parsed = parseCsv(sheetToCsv(sheet).slice(1));
    expect(parsed.slice(1).map((row) => row[0])).toEqual(awkward);
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('a"b')).toBe('"a""b"');
  });

  it('cuts CSV keeps the formula escape and decodes as UTF-8', () => {
    const bytes = sheetToCsvBytes(cutsTable([sampleDossier()]));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF申报单位,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1]).toContain('2000.00');
  });

  it('neutralises leading whitespace before a formula, tab, CR and NUL (OWASP), and shows bidi controls', () => {
    const table: ExportSheet = {
      name: 't', columns: [{ header: '说明', kind: 'text' }],
      rows: [[textCell(' =1+1')], [textCell('\t@SUM(A1)')], [textCell('\r+1')], [textCell('a\u0000b')], [textCell('\u202Eexe.tset')], [textCell('－1')]],
    };
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(sheetToCsvBytes(table));
    expect(text).not.toContain('\u0000');
    expect(text).not.toContain('\u202E');
    const rows = parseCsv(text.slice(1));
    expect(rows.slice(1).map((row) => row[0])).toEqual(["' =1+1", "'\t@SUM(A1)", "'\r+1", 'a〔U+0000〕b', '〔U+202E〕exe.tset', "'－1"]);
  });
});
