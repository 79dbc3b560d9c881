import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeExtractPorts, createNodePdfReader, createNodeImageDecoder } from '../../src-main/cli/adapters';
import { pageTextSharingReader, readDossierFile } from '../../src-main/cli/dossier-file-reading';
import { chooseReader, createReadingPool, readingOrder } from '../../src-main/cli/reading-pool';
import { readXlsxSheets } from '../../src-main/cli/read-dossier';
import { extractFile } from '../../src-renderer/core/extract/pipeline';
import { prereviewFileType, readForPrereview } from '../../src-renderer/core/prereview';
import { progressReporter } from '../../src-main/cli/progress';

const SAMPLE = 'resources/samples/shenzhen-dsp';
const FILES = ['申报材料/01-申请书.pdf', '合同/ZL-2023-00001.pdf', '发票/23442000001510000007.pdf', '发票/23442000001510000027.xml', '回单/ICBC2023061500000005.pdf'];
const file = (path: string) => ({ path, bytes: new Uint8Array(readFileSync(`${SAMPLE}/${path}`)) });

describe('the command line reading pool', () => {
  it('reads on two readers (the calling thread and a reading thread) what the one pipeline reads on the calling thread alone, pre-review reading included', async () => {
    const threaded = createReadingPool(2);
    const inProcess = createReadingPool(1);
    try {
      expect(threaded.lanes).toBe(4);
      const [onThreads, onCaller] = await Promise.all([
        Promise.all(FILES.map((path) => threaded.read(file(path), { prereview: { ocr: false } }))),
        Promise.all(FILES.map((path) => inProcess.read(file(path), { prereview: { ocr: false } }))),
      ]);
      expect(onThreads).toEqual(onCaller);
      expect(onThreads.map((reading) => reading.extraction.file)).toEqual(FILES);
      expect(onThreads[2]!.extraction.invoices[0]!.fields.invoiceNumber).toBe('23442000001510000007');
      expect(onThreads[4]!.extraction.payments?.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([threaded.close(), inProcess.close()]);
    }
  }, 180_000);

  it('gives the extraction and pre-review reading of reading each on its own', async () => {
    const ports = createNodeExtractPorts({ ocr: false });
    try {
      for (const path of ['申报材料/01-申请书.pdf', '回单/ICBC2023061500000005.pdf', '发票/23442000001510000027.xml']) {
        const input = file(path);
        const together = await readDossierFile(input, ports, { prereview: { ocr: false } });
        expect(together.extraction).toEqual(await extractFile(input, ports));
        expect(together.prereview).toEqual(await readForPrereview({ ...input, type: prereviewFileType(path, input.bytes) }, { pdf: createNodePdfReader(), image: createNodeImageDecoder(), spreadsheet: readXlsxSheets }));
      }
    } finally {
      await ports.dispose();
    }
  }, 120_000);

  it('opens a PDF once for both readers when the second reads only text', async () => {
    let opened = 0;
    const base = createNodePdfReader();
    const shared = pageTextSharingReader({ open: (bytes) => { opened++; return base.open(bytes); } });
    const { bytes } = file('申报材料/01-申请书.pdf');
    const first = await shared.open(bytes);
    const text = await first.pageText(1);
    await first.close();
    const second = await shared.open(bytes);
    expect(second.pageCount).toBe(first.pageCount);
    expect(await second.pageText(1)).toEqual(text);
    await second.close();
    expect(opened).toBe(1);
  }, 60_000);

  it('reports a failing file by its name, and keeps reading the others', async () => {
    const pool = createReadingPool(2);
    try {
      const broken = await pool.read({ path: 'broken.pdf', bytes: new TextEncoder().encode('%PDF-1.7 not really') });
      expect(broken.extraction.errors[0]?.code).toBe('unreadable');
      expect((await pool.read(file('发票/23442000001510000027.xml'))).extraction.invoices).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('which reader reads which file', () => {
  it('gives a picture only to a reader with no picture in hand, while other files fill a free slot', () => {
    expect(chooseReader([], 2, true)).toBe('new');
    expect(chooseReader([{ busy: 1, pictures: 1 }], 2, true)).toBe('new');
    expect(chooseReader([{ busy: 1, pictures: 1 }, { busy: 0, pictures: 0 }], 2, true)).toBe(1);
    // Both OCR workers have a picture: the next picture waits, a PDF does not.
    expect(chooseReader([{ busy: 1, pictures: 1 }, { busy: 1, pictures: 1 }], 2, true)).toBeNull();
    expect(chooseReader([{ busy: 1, pictures: 1 }, { busy: 1, pictures: 1 }], 2, false)).toBe(0);
    expect(chooseReader([{ busy: 1, pictures: 1 }, { busy: 1, pictures: 0 }], 2, true)).toBe(1);
    expect(chooseReader([{ busy: 2, pictures: 0 }, { busy: 2, pictures: 1 }], 2, false)).toBeNull();
  });

  it('reads pictures first, the largest first, then the other files as given', () => {
    const png = (width: number, height: number) => {
      const bytes = new Uint8Array(33);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      new DataView(bytes.buffer).setUint32(16, width);
      new DataView(bytes.buffer).setUint32(20, height);
      bytes[24] = 8;
      bytes[25] = 2;
      return bytes;
    };
    const xml = new TextEncoder().encode('<?xml version="1.0"?><EInvoice/>');
    const pdf = new TextEncoder().encode('%PDF-1.7');
    expect(readingOrder([
      { path: 'a.xml', bytes: xml },
      { path: 'small.png', bytes: png(800, 500) },
      { path: 'b.pdf', bytes: pdf },
      { path: 'large.png', bytes: png(2000, 1400) },
    ])).toEqual([3, 1, 0, 2]);
  });
});

describe('check progress on stderr', () => {
  it('says how many documents were read at most every two seconds, then the rows reconciled', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = progressReporter((text) => lines.push(text), () => clock);
    progress.files(3);
    clock = 500;
    progress.fileRead();
    clock = 2100;
    progress.fileRead();
    clock = 2500;
    progress.fileRead();
    progress.filesDone();
    progress.reconciling(10000);
    clock = 4000;
    progress.reconciled(10000);
    expect(lines).toEqual([
      "dossier-desk check progress: 2 documents read of the dossier's 3 files (2.1 s)\n",
      "dossier-desk check progress: 3 documents read of the dossier's 3 files (2.5 s)\n",
      'dossier-desk check progress: reconciling 10000 declared rows\n',
      'dossier-desk check progress: rows reconciled 10000 (1.5 s; 4.0 s in all)\n',
    ]);
  });
});
