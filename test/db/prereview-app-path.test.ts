// The app classifies by content exactly as `check` does: each fixture dossier (files named
// scan0001…, text PDFs and scans) is imported into the store, every document read through the
// extraction worker's adapters (run here in Node with a Node canvas and image decoder in place of
// OffscreenCanvas and createImageBitmap, tesseract.js for OCR) by the app's reading loop, which
// stores each reading; the app's report is evaluated on the stored readings and must place every
// file in the same material item as `check --json`, with the same supplement notice. Opened again,
// the dossier is classified from the stored readings without reading anything.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { createNodeImageDecoder, createNodeOcrEngine } from '../../src-main/cli/adapters';
import { loadBundledProfiles } from '../../src-main/cli/profiles-source';
import { readXlsxSheets } from '../../src-main/cli/read-dossier';
import { pdfjsDocumentOptions } from '../../src-renderer/core/extract/pdf-text';
import { importDossier } from '../../src-renderer/core/import';
import { readForPrereview } from '../../src-renderer/core/prereview';
import type { Profile } from '../../src-renderer/core/profiles/schema';
import { DossierStore } from '../../src-renderer/db';
import { readStoredReview } from '../../src-renderer/db/review-rows';
import { webCryptoHasher } from '../../src-renderer/platform/hasher';
import { readDossierForPrereview, usePrereviewReadings, type PrereviewDocumentReader } from '../../src-renderer/state/prereview';
import { evaluateOpen } from '../../src-renderer/state/report';
import type { DeskDocument, OpenDossier } from '../../src-renderer/state/workspace';
import { type CanvasLike, type PdfjsLoadingTask, headerProbingImageDecoder, pdfjsReader } from '../../src-renderer/workers/extract-adapters';
import { writePrereviewDossiers, type PrereviewDossier } from '../fixtures/prereview/dossiers';
import { filesUnder } from '../fixtures/files-on-disk';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const nodeCanvas = (width: number, height: number) => createCanvas(width, height) as unknown as CanvasLike;
const ocr = createNodeOcrEngine({ workers: 1 });
/** The extraction worker's ports (workers/extract.worker.ts), with Node's canvas and image decoder. */
const workerPorts = {
  pdf: pdfjsReader((bytes) => pdfjs.getDocument({
    ...pdfjsDocumentOptions(bytes, (folder) => `${join(pdfjsRoot, folder)}/`), disableFontFace: true, useSystemFonts: false, verbosity: 0,
  }) as unknown as PdfjsLoadingTask, nodeCanvas),
  image: headerProbingImageDecoder(createNodeImageDecoder().decode),
  ocr,
  spreadsheet: readXlsxSheets,
};
const workerReader: PrereviewDocumentReader = (file) => readForPrereview(file, workerPorts);

let scratch = '';
let dossiers: PrereviewDossier[] = [];
let profiles: Profile[] = [];
let counter = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dossier-desk-prereview-app-'));
  dossiers = await writePrereviewDossiers(join(scratch, 'dossiers'));
  profiles = await loadBundledProfiles();
}, 180_000);
afterAll(async () => {
  await ocr.terminate();
  await rm(scratch, { recursive: true, force: true });
});

async function checkJson(folder: string) {
  let stdout = '';
  const code = await runCli(['check', folder, '--json'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: process.cwd() });
  expect(code).toBe(0);
  return JSON.parse(stdout) as { documents: { file: string; material: string | null }[]; supplementNotice: { item: string; clause: string }[] };
}

/** The dossier as the app opens it (state/session.ts loadDossier): from the store's rows. */
async function openFromStore(store: DossierStore, dossierId: string): Promise<OpenDossier> {
  const row = (await store.getDossier(dossierId))!;
  const documents: DeskDocument[] = (await store.documents(dossierId)).map((doc) => ({
    path: doc.path, sha256: doc.sha256, type: doc.type as DeskDocument['type'], kind: doc.kind, size: doc.size, problems: doc.problems,
    loadBytes: async () => new Uint8Array(await (await store.original(doc.sha256))!.arrayBuffer()),
  }));
  return { id: dossierId, manifest: row.manifest, documents, review: await readStoredReview(store, row, 'local') };
}

describe('the app classifies by content as check --json does', () => {
  for (const name of ['shenzhen-comprehensive', 'shenzhen-non-comprehensive', 'shanxi-voucher']) {
    it(`${name}: every file in the same material item, the same supplement notice, and the stored readings reused`, async () => {
      const dossier = dossiers.find((entry) => entry.folder.endsWith(name))!;
      // One dossier is compared with a run of `check --json` here; the others with the placements
      // and notice the fixture pins, which test/main/prereview-dossiers.test.ts holds `check` to.
      const cli = name === 'shenzhen-comprehensive' ? await checkJson(dossier.folder) : {
        documents: Object.entries(dossier.placements).map(([file, material]) => ({ file, material })),
        supplementNotice: dossier.notice.map((item) => ({ item, clause: '' })),
      };
      const store = await new DossierStore({ hasher: webCryptoHasher, clock: { now: () => '2024-10-20T10:00:00+08:00' }, name: `prereview-app-${counter++}`, storage: {} }).open();
      try {
        const report = await importDossier(filesUnder(dossier.folder), { hasher: webCryptoHasher });
        await store.saveImport(report, '审查员');
        const open = await openFromStore(store, report.dossierId);
        const profile = profiles.find((entry) => entry.id === open.manifest.program)!;
        await readDossierForPrereview(store, open, workerReader);
        expect(usePrereviewReadings.getState().pending).toBe(0);
        const app = evaluateOpen(open, { dossierId: open.id, profile, peers: [] });
        const placed = (documents: { file: string; material: string | null }[]) => Object.fromEntries(documents.map((document) => [document.file, document.material]));
        expect(placed(app.documents ?? [])).toEqual(placed(cli.documents));
        expect(placed(app.documents ?? [])).toEqual(dossier.placements);
        expect([...new Set((app.supplementNotice ?? []).map((entry) => entry.item))]).toEqual([...new Set(cli.supplementNotice.map((entry) => entry.item))]);
        if (name === 'shenzhen-comprehensive') expect((app.supplementNotice ?? []).map((entry) => [entry.item, entry.clause])).toEqual(cli.supplementNotice.map((entry) => [entry.item, entry.clause]));

        // Opened again: every reading comes from the store; nothing is read.
        const reopened = await openFromStore(store, report.dossierId);
        await readDossierForPrereview(store, reopened, () => Promise.reject(new Error('a stored reading was read again')));
        expect(placed(evaluateOpen(reopened, { dossierId: reopened.id, profile, peers: [] }).documents ?? [])).toEqual(dossier.placements);
      } finally {
        store.close();
      }
    }, 400_000);
  }
});
