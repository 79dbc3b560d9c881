import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeExtractPorts, createNodePdfReader, createNodeImageDecoder } from '../../src-main/cli/adapters';
import { pageTextSharingReader, readDossierFile } from '../../src-main/cli/dossier-file-reading';
import { createReadingPool } from '../../src-main/cli/reading-pool';
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
