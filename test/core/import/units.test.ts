import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import {
  checkRelativePath, DEFAULT_IMPORT_LIMITS, detectClaimColumns, importDossier, inspectPdf, locateClaimTable, parseAmountCell, parseCsv,
  parseCsvText, parseDateCell, parseManifest, readClaimTable, readJpegHeader, readPngHeader, readZip, sniffContent,
} from '../../../src-renderer/core/import';
import { classifyByName } from '../../../src-renderer/core/import/classify';
import {
  encodeGbk, encryptedPdf, garbageFontPdf, hugePixelPng, lieAboutSizes, objectStreamBombPdf, objectStreamFontPdf, objectStreamScriptPdf, plainPdf, smallPng, zip,
} from '../../fixtures/hostile/builders';
import { PDF_INFLATE_LIMITS } from '../../../src-renderer/core/import/limits';
import { readFileSync } from 'node:fs';
import { writePdf } from '../../fixtures/pdf-writer';
import { testHasher } from './hasher';

describe('paths', () => {
  const limits = DEFAULT_IMPORT_LIMITS;
  it('normalises separators and dots', () => {
    expect(checkRelativePath('a\\b/./c.pdf', limits)).toEqual({ ok: true, path: 'a/b/c.pdf' });
  });
  it.each([
    ['../x.pdf', 'path-traversal'], ['a/../../x.pdf', 'path-traversal'], ['..\\x.pdf', 'path-traversal'],
    ['/etc/passwd', 'absolute-path'], ['C:\\x.pdf', 'absolute-path'], ['\\\\server\\share\\x.pdf', 'absolute-path'],
    ['a/CON', 'path-invalid'], ['a\u0000b.pdf', 'path-invalid'], ['', 'path-invalid'],
    [`${'d/'.repeat(20)}x.pdf`, 'path-too-deep'],
  ])('refuses %j as %s', (path, code) => {
    expect(checkRelativePath(path, limits)).toMatchObject({ ok: false, code });
  });
});

describe('content sniffing', () => {
  it('recognises the formats by their bytes', () => {
    expect(sniffContent(plainPdf())).toBe('pdf');
    expect(sniffContent(smallPng())).toBe('png');
    expect(sniffContent(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffContent(zip({ a: strToU8('x') }))).toBe('zip');
    expect(sniffContent(strToU8('序号,金额\n'))).toBe('text');
    expect(sniffContent(new Uint8Array([0, 1, 2, 3, 0, 0]))).toBe('unknown');
  });

  it('reads magic numbers at offset 0 first: a stored zip, an image or an XML quoting %PDF- near its start is not a PDF', async () => {
    const { zipSync } = await import('fflate');
    const storedZip = zipSync({ 'a.pdf': plainPdf() }, { level: 0 });
    expect(new TextDecoder('latin1').decode(storedZip.subarray(0, 1024))).toContain('%PDF-');
    expect(sniffContent(storedZip)).toBe('zip');
    const png = smallPng();
    const withText = new Uint8Array([...png.subarray(0, 33), ...strToU8('\0\0\0\x0ctEXt%PDF-1.7 x'), ...png.subarray(33)]);
    expect(sniffContent(withText)).toBe('png');
    expect(sniffContent(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('%PDF-1.4')]))).toBe('jpg');
    expect(sniffContent(strToU8('<?xml version="1.0"?><EInvoice><Note>%PDF-1.7 attached</Note></EInvoice>'))).toBe('text');
    expect(sniffContent(strToU8('序号,说明\n1,"%PDF-1.7 附件"\n'))).toBe('text');
    const junkThenPdf = new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x00, ...plainPdf()]);
    expect(sniffContent(junkThenPdf)).toBe('pdf');
  });

  it('refuses a phone\'s HEIC photo, named .heic or .jpg, saying what it is and how to import it', async () => {
    const heif = (brand: string) => new Uint8Array([0, 0, 0, 0x18, ...strToU8(`ftyp${brand}`), 0, 0, 0, 0, ...strToU8('mif1heic')]);
    expect(['heic', 'heix', 'mif1', 'avif'].map((brand) => sniffContent(heif(brand)))).toEqual(['heif', 'heif', 'heif', 'heif']);
    expect(sniffContent(heif('isom'))).toBe('unknown');
    const report = await importDossier([
      { path: 'IMG_0001.HEIC', bytes: heif('heic') },
      { path: 'IMG_0002.jpg', bytes: heif('heic') },
      { path: 'scan.tif', bytes: new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]) },
      { path: '001.pdf', bytes: plainPdf() },
    ], { hasher: testHasher });
    expect(report.documents.map((document) => document.path)).toEqual(['001.pdf']);
    const reasons = Object.fromEntries(report.rejected.map((file) => [file.path, [file.problems[0]!.code, file.problems[0]!.message]]));
    expect(reasons['IMG_0001.HEIC']).toEqual(['unsupported-type', expect.stringMatching(/^\.heic files are not read \(content: a HEIC\/HEIF photo \(as phones save them\)\); save the picture as JPEG or PNG to import it; accepted are /)]);
    expect(reasons['IMG_0002.jpg']).toEqual(['type-mismatch', 'it is named .jpg but its content is a HEIC/HEIF photo (as phones save them); save the picture as JPEG or PNG to import it']);
    expect(reasons['scan.tif']![1]).toContain('(content: a TIFF image); save the picture as JPEG or PNG to import it');
  });

  it('imports a stored zip and an XML that quote %PDF- near their start instead of refusing them as PDFs', async () => {
    const { zipSync } = await import('fflate');
    const xml = strToU8('<?xml version="1.0" encoding="UTF-8"?><EInvoice><Note>%PDF-1.7</Note></EInvoice>');
    const report = await importDossier([
      { path: 'bundle.zip', bytes: zipSync({ '发票/001.pdf': plainPdf() }, { level: 0 }) },
      { path: 'note.xml', bytes: xml },
    ], { hasher: testHasher });
    expect(report.rejected).toEqual([]);
    expect(report.documents.map((document) => [document.path, document.type]).sort()).toEqual([['bundle.zip/发票/001.pdf', 'pdf'], ['note.xml', 'xml']]);
  });
});

describe('image headers', () => {
  it('reads PNG and JPEG sizes without decoding', () => {
    expect(readPngHeader(smallPng(32, 16))).toEqual({ ok: true, width: 32, height: 16 });
    expect(readPngHeader(hugePixelPng(70000, 50000))).toEqual({ ok: true, width: 70000, height: 50000 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0x2c, 0x02, 0x58, 3, 0, 0, 0]);
    expect(readJpegHeader(jpeg)).toEqual({ ok: true, width: 600, height: 300 });
    expect(readJpegHeader(new Uint8Array([0xff, 0xd8, 0xff]))).toMatchObject({ ok: false });
    expect(readPngHeader(smallPng().subarray(0, 20))).toMatchObject({ ok: false });
  });
});

describe('PDF structure', () => {
  it('accepts a well-formed PDF, including pdfkit output with an embedded TrueType font', async () => {
    expect(inspectPdf(plainPdf())).toMatchObject({ ok: true, structure: { encrypted: false, invalidFonts: [] } });
    const withFont = new Uint8Array(await writePdf((doc) => doc.text('发票 12720.00')));
    const inspected = inspectPdf(withFont);
    expect(inspected).toMatchObject({ ok: true, structure: { encrypted: false, invalidFonts: [], activeContent: [] } });
  });
  it('marks encryption, a garbage font program, and refuses truncation', () => {
    expect(inspectPdf(encryptedPdf())).toMatchObject({ ok: true, structure: { encrypted: true } });
    const font = inspectPdf(garbageFontPdf());
    expect(font).toMatchObject({ ok: true, structure: { invalidFonts: [{ object: '7 0', kind: 'FontFile2' }] } });
    const pdf = plainPdf();
    expect(inspectPdf(pdf.subarray(0, pdf.length - 40))).toMatchObject({ ok: false, code: 'pdf-truncated' });
    expect(inspectPdf(strToU8('%PDF-1.4\n%%EOF\n'))).toMatchObject({ ok: false });
  });
});

describe('PDF object streams (PDF 1.5 /ObjStm)', () => {
  it('finds a malicious font descriptor that is only visible once its object stream is inflated', () => {
    const pdf = objectStreamFontPdf();
    expect(new TextDecoder('latin1').decode(pdf)).not.toContain('/FontFile2');
    expect(inspectPdf(pdf)).toMatchObject({
      ok: true,
      structure: {
        fontsChecked: 1, uninspectedObjectStreams: [],
        invalidFonts: [{ object: '7 0', kind: 'FontFile2', fontName: 'HiddenEvil', inObjectStream: '8 0' }],
      },
    });
  });

  it('checks the fonts a real invoice describes in object streams, and finds them valid', () => {
    const invoice = new Uint8Array(readFileSync(new URL('../../fixtures/real-invoices/pdf/P14_qdp_guangzhou_tea_25447000001115703415.pdf', import.meta.url)));
    const inspected = inspectPdf(invoice);
    expect(inspected.ok).toBe(true);
    if (!inspected.ok) return;
    expect(inspected.structure.fontsChecked).toBeGreaterThan(0);
    expect(inspected.structure.invalidFonts).toEqual([]);
    expect(inspected.structure.uninspectedObjectStreams).toEqual([]);
  });

  it('stops an object-stream bomb by ratio while inflating and says it was not inspected', () => {
    const inspected = inspectPdf(objectStreamBombPdf());
    expect(inspected).toMatchObject({ ok: true, structure: { uninspectedObjectStreams: [{ object: '4 0' }] } });
    if (inspected.ok) expect(inspected.structure.uninspectedObjectStreams[0]!.reason).toMatch(/more than 200 times .*stopped while inflating/);
  });

  it('caps the bytes one object stream and all of them may inflate to', () => {
    const small = { ...PDF_INFLATE_LIMITS, maxObjectStreamBytes: 64 };
    const inspected = inspectPdf(objectStreamFontPdf(), small);
    expect(inspected).toMatchObject({ ok: true, structure: { invalidFonts: [], uninspectedObjectStreams: [{ object: '8 0' }] } });
    if (inspected.ok) expect(inspected.structure.uninspectedObjectStreams[0]!.reason).toBe('it inflates to more than 64 B (stopped while inflating)');
    const total = inspectPdf(objectStreamFontPdf(), { ...PDF_INFLATE_LIMITS, maxTotalInflatedBytes: 64 });
    if (total.ok) expect(total.structure.uninspectedObjectStreams[0]!.reason).toContain('object streams inflate to more than 64 B in total');
    expect(total.ok).toBe(true);
  });

  it('finds active content that only an object stream holds', () => {
    const pdf = objectStreamScriptPdf();
    expect(new TextDecoder('latin1').decode(pdf)).not.toContain('/JavaScript');
    expect(inspectPdf(pdf)).toMatchObject({ ok: true, structure: { activeContent: ['JavaScript'], uninspectedObjectStreams: [] } });
  });

  it('names the font and its object stream in the import message', async () => {
    const report = await importDossier([{ path: 'hidden-font.pdf', bytes: objectStreamFontPdf() }], { hasher: testHasher });
    const message = report.problems.find((p) => p.file === 'hidden-font.pdf' && p.code === 'pdf-font-invalid')?.message;
    expect(message).toContain('"HiddenEvil"');
    expect(message).toContain('described in compressed object stream 8 0');
    expect(report.documents.map((d) => d.path)).toEqual(['hidden-font.pdf']);
  });
});

describe('zip reader', () => {
  const limits = DEFAULT_IMPORT_LIMITS;
  it('reads stored and deflated entries and decodes GBK names', () => {
    const archive = zip({ 'a.txt': strToU8('hello'), 'b/c.txt': [new Uint8Array(5000).fill(65), { level: 0 }] });
    const read = readZip(archive, limits);
    expect(read.ok && read.entries.map((e) => [e.name, e.ok && e.bytes.length])).toEqual([['a.txt', 5], ['b/c.txt', 5000]]);
  });
  it('ignores the sizes the headers claim and stops a bomb by ratio while inflating', () => {
    const bomb = lieAboutSizes(zip({ 'z.bin': new Uint8Array(8 * 1024 * 1024) }), 10);
    const read = readZip(bomb, { ...limits, maxCompressionRatio: 100 });
    expect(read.ok && read.entries[0]).toMatchObject({ ok: false, code: 'archive-ratio' });
  });
  it('reports a damaged entry and a truncated archive', () => {
    const archive = zip({ 'a.txt': new Uint8Array(2000).map((_, i) => i % 7) });
    const damaged = archive.slice();
    damaged[40] = damaged[40]! ^ 0xff;
    damaged[45] = damaged[45]! ^ 0xff;
    const read = readZip(damaged, limits);
    expect(read.ok && read.entries[0]).toMatchObject({ ok: false, code: 'archive-corrupt' });
    expect(readZip(archive.subarray(0, archive.length - 30), limits)).toMatchObject({ ok: false, code: 'archive-corrupt' });
  });
});

describe('CSV', () => {
  it('handles quotes, embedded separators and line breaks, CRLF and a missing final newline', () => {
    expect(parseCsvText('a,"b,1","c ""q""\nline"\r\nx,,z')).toEqual([['a', 'b,1', 'c "q"\nline'], ['x', '', 'z']]);
    expect(parseCsvText('a;b;c\n1;2;3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });
  it('decodes UTF-8 with BOM, UTF-16LE and GBK', () => {
    const text = '序号,客户名称\n1,甲\n';
    expect(parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]))).toMatchObject({ encoding: 'utf-8', rows: [['序号', '客户名称'], ['1', '甲']] });
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) { utf16[2 + i * 2] = text.charCodeAt(i) & 0xff; utf16[3 + i * 2] = text.charCodeAt(i) >> 8; }
    expect(parseCsv(utf16)).toMatchObject({ encoding: 'utf-16le', rows: [['序号', '客户名称'], ['1', '甲']] });
    expect(parseCsv(encodeGbk(text))).toMatchObject({ encoding: 'gbk', rows: [['序号', '客户名称'], ['1', '甲']] });
  });
});

describe('claim columns', () => {
  it('recognises the Chinese headers without help', () => {
    const headers = ['序号', '客户名称', '合同名称', '合同编号', '合同金额（元）', '发票号码', '发票金额', '开票日期', '收款金额', '备注'];
    expect(detectClaimColumns(headers)).toEqual({
      id: 0, counterparty: 1, contractName: 2, contractNo: 3, contractAmount: 4, invoiceNumbers: 5, invoiceAmount: 6, invoiceDate: 7, paidAmount: 8,
    });
  });
  it('finds the header below a title row and takes 申报金额 over the invoice amount', () => {
    const rows = [['某某公司服务收入明细表'], [], ['No.', '服务商名称', '服务内容', '发票金额', '申报金额（万元）'], ['1', '甲', '上云', '30000', '1.2345'], ['总计', '', '', '30000', '1.2345']];
    const located = locateClaimTable([{ name: 'Sheet1', rows }])!;
    expect(located.headerRow).toBe(2);
    const read = readClaimTable(rows, located.headerRow, located.mapping, 'list.xlsx');
    expect(read.amountColumn).toBe('claimedAmount');
    expect(read.claims).toEqual([{ id: '1', amount: '12345.00', invoiceAmount: '30000.00', counterparty: '甲', description: '上云', source: { file: 'list.xlsx', row: 4 } }]);
  });
  it('lets the reviewer correct the mapping and reports unreadable rows', () => {
    const rows = [['编号', '对方', '钱'], ['A1', '甲', '100'], ['A2', '乙', 'abc'], ['A1', '丙', '5']];
    const read = readClaimTable(rows, 0, { id: 0, counterparty: 1, claimedAmount: 2 }, 'c.csv');
    expect(read.claims.map((c) => [c.id, c.amount])).toEqual([['A1', '100.00'], ['R4', '5.00']]);
    expect(read.problems.map((p) => p.message)).toEqual([
      'row 3: 钱 "abc" is not an amount', 'row 3: the row is not read as a claim', 'row 4: number "A1" is used by an earlier row; this claim is called R4',
    ]);
    expect(readClaimTable(rows, 0, { id: 0 }, 'c.csv').problems[0]!.code).toBe('claims-invalid');
  });
  it('reads amounts and dates as people write them', () => {
    expect(parseAmountCell('¥12,720.50', 'yuan')).toBe(1272050);
    expect(parseAmountCell('１２７２０元', 'yuan')).toBe(1272000);
    expect(parseAmountCell('1.23456', 'wan')).toBe(1234560);
    expect(parseAmountCell('1.2345678', 'wan')).toBeNull();
    expect(parseAmountCell('12.5', 'wan')).toBe(12500000);
    expect(parseDateCell('2024年2月29日')).toBe('2024-02-29');
    expect(parseDateCell('2023/2/29')).toBeNull();
    expect(parseDateCell('20240305')).toBe('2024-03-05');
  });
});

describe('classification by name', () => {
  it.each([
    ['材料/专项审计报告.pdf', 'audit-report'], ['营业执照.jpg', 'certificate'], ['发票/a.pdf', 'invoice'],
    ['银行回单-202405.pdf', 'payment'], ['项目申报书.pdf', 'application'], ['企业信用报告.pdf', 'credit-report'],
    ['服务客户名单.xlsx', 'customer-list'], ['营业收入明细表.xlsx', 'revenue-list'], ['云服务合同.pdf', 'contract'],
  ])('%s is %s', (path, kind) => {
    expect(classifyByName(path)?.kind).toBe(kind);
  });
});

describe('manifest', () => {
  const valid = {
    schema: 'dossier-desk/dossier@1', program: 'shenzhen-2024-dsp',
    applicant: { name: '甲公司', category: 'comprehensive', extra: 1 },
    documents: [{ file: 'invoices/001.pdf', kind: 'invoice' }],
    claims: [{ id: 'C1', amount: '12720.00', invoiceNumbers: ['24442000000123456789'] }],
  };
  it('accepts a valid manifest and keeps unknown fields', () => {
    const parsed = parseManifest(JSON.stringify(valid));
    expect(parsed.ok && parsed.manifest.applicant.extra).toBe(1);
  });
  it('names each problem by its JSON path', () => {
    const bad = { ...valid, documents: [{ file: 'a.pdf', kind: 'receipt' }], claims: [{ id: 'C1', amount: '12.345' }, { id: 'C1', amount: '1' }] };
    const parsed = parseManifest(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.join('\n')).toMatch(/documents\[0\]\.kind must be one of/);
    expect(!parsed.ok && parsed.errors.join('\n')).toMatch(/claims\[0\]\.amount is not an amount/);
    expect(parseManifest('{')).toMatchObject({ ok: false, errors: [expect.stringContaining('not valid JSON')] });
    const duplicate = parseManifest(JSON.stringify({ ...valid, claims: [{ id: 'C1', amount: '1' }, { id: 'C1', amount: '2' }] }));
    expect(!duplicate.ok && duplicate.errors[0]).toContain('claims[1].id "C1" is used by an earlier claim');
  });
});

describe('PDF end marker', () => {
  it('accepts padding after %%EOF but not a file cut before it', () => {
    const pdf = plainPdf();
    const padded = new Uint8Array(pdf.length + 100_000);
    padded.set(pdf);
    expect(inspectPdf(padded)).toMatchObject({ ok: true });
    expect(inspectPdf(pdf.subarray(0, pdf.length - 10))).toMatchObject({ ok: false, code: 'pdf-truncated' });
  });
});

describe('zip names', () => {
  it('reads GBK names that Windows zip tools write without the UTF-8 flag, and drops macOS clutter', async () => {
    const placeholder = 'dossier/abcd.xml';
    const archive = zip({ [placeholder]: strToU8('<EInvoice/>'), '__MACOSX/dossier/._abcd.xml': strToU8('x'), 'dossier/.DS_Store': strToU8('x') });
    const gbkName = encodeGbk('dossier/发票.xml');
    expect(gbkName.length).toBe(placeholder.length);
    const needle = strToU8(placeholder);
    for (let i = 0; i + needle.length <= archive.length; i++) {
      if (needle.every((byte, j) => archive[i + j] === byte)) archive.set(gbkName, i);
    }
    const read = readZip(archive, DEFAULT_IMPORT_LIMITS);
    expect(read.ok && read.entries.map((e) => e.name)).toContain('dossier/发票.xml');
    const report = await importDossier([{ path: 'd.zip', bytes: archive }], { hasher: testHasher });
    expect(report.documents.map((d) => d.path)).toEqual(['发票.xml']);
    expect(report.rejected).toEqual([]);
  });
});

describe('more hostile details', () => {
  it('composes decomposed (macOS) names so the manifest finds them', () => {
    expect(checkRelativePath('Re\u0301sume\u0301.pdf', DEFAULT_IMPORT_LIMITS)).toEqual({ ok: true, path: 'Résumé.pdf' });
  });
  it('refuses XML that points at an external document type', async () => {
    const report = await importDossier([{ path: 'x.xml', bytes: strToU8('<?xml version="1.0"?><!DOCTYPE EInvoice SYSTEM "http://evil.example/x.dtd"><EInvoice/>') }], { hasher: testHasher });
    expect(report.rejected[0]!.problems[0]!.message).toContain('external document type');
  });
});

describe('zip entries that cannot be read', () => {
  function patchCentral(archive: Uint8Array, patch: (view: DataView, offset: number) => void): Uint8Array {
    const out = archive.slice();
    const view = new DataView(out.buffer);
    for (let offset = 0; offset + 46 <= out.length; offset++) if (view.getUint32(offset, true) === 0x02014b50) patch(view, offset);
    return out;
  }
  it('refuses encrypted entries and unknown compression methods, entry by entry', () => {
    const archive = zip({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>') });
    let index = 0;
    const patched = patchCentral(archive, (view, offset) => {
      if (index++ === 0) view.setUint16(offset + 8, view.getUint16(offset + 8, true) | 1, true);
      else view.setUint16(offset + 10, 12, true);
    });
    const read = readZip(patched, DEFAULT_IMPORT_LIMITS);
    expect(read.ok && read.entries.map((e) => !e.ok && e.code)).toEqual(['archive-encrypted', 'archive-unsupported']);
    expect(read.ok && !read.entries[0]!.ok && read.entries[0]!.reason).toContain('password');
  });
});
