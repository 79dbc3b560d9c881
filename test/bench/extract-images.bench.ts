// npm run bench -- extract (or -- extract-images): key-field accuracy on pictures of invoices, per
// image and per kind (photo, scan, render, screenshot on the real images of
// test/fixtures/real-invoices/img; generated hard cases from real layouts: perspective, shadow,
// creases, low resolution, JPEG artefacts, a seal over text, quarter and half turns, and photographed
// tickets without a VAT layout (a bus ticket, a taxi receipt, a 定额发票: test/fixtures/invoices/tickets.ts); and the same
// done to real pictures: hard cases of real layouts, set `real-layout`; real OFD invoices no picture
// has shown the pipeline, drawn at screen and scan resolution and photographed: set `unseen-layout`,
// test/fixtures/invoices/ofd-picture.ts; real pictures of invoices no one tuned on, set `unseen-real`,
// test/fixtures/invoices/real-unseen, read where their files are: shared/samples/real-unseen or REAL_UNSEEN_IMAGES; and the
// next such sets, `blind-real` (test/fixtures/invoices/real-blind, REAL_BLIND_IMAGES) `blind-real-3` (real-blind-3, REAL_BLIND3_IMAGES), `blind-real-4` (real-blind-4, REAL_BLIND4_IMAGES), `blind-real-5` (real-blind-5, REAL_BLIND5_IMAGES), `blind-real-6` (real-blind-6, REAL_BLIND6_IMAGES), `blind-real-7` (real-blind-7, REAL_BLIND7_IMAGES), `blind-real-8` (real-blind-8, REAL_BLIND8_IMAGES), `blind-real-9` (real-blind-9, REAL_BLIND9_IMAGES), `blind-real-10` (real-blind-10, REAL_BLIND10_IMAGES), `blind-real-11` (real-blind-11, REAL_BLIND11_IMAGES), `blind-real-12` (real-blind-12, REAL_BLIND12_IMAGES), `blind-real-13` (real-blind-13, REAL_BLIND13_IMAGES), `blind-real-14` (real-blind-14, REAL_BLIND14_IMAGES) and `blind-real-15` (real-blind-15, REAL_BLIND15_IMAGES)), the images
// tuned on reported apart from the held-out ones; the seconds per image of the whole pipeline
// against the native `tesseract` CLI on the same file (same bundled chi_sim model, PSM 3, one
// thread), the wrong values read with a confidence of 0.8 or more (confidentlyWrong), the right ones read with less (unsureRight: what the reviewer is asked to check although it is right), and what the layout reader makes of native tesseract's words (its TSV) for comparison.
// JSON lines. IMAGES_BENCH_NATIVE=0 leaves native tesseract out; IMAGES_BENCH_ONLY=I02,rotated-90 reads only those images;
// IMAGES_BENCH_ROUNDS=3 reads each image that many times each way, in rounds that alternate which side goes first
// (single runs are skewed by whatever else the machine does): the first round's reading is scored, the median
// seconds of each side are reported, and roundsAgree says whether every round read the same fields;
// An image's missed fields read as something else are listed with what was read (misread). IMAGES_BENCH_PASSES=1 adds to each image where its time went: the count and seconds of each OCR pass (told by the
// pipeline function that asked for it), of QR decoding and image decoding, and the rest (preparation, layout). A pass's seconds run
// from its asking to its answer's taking: passes at once overlap (startLineLooksOver's line is read while the page is straightened,
// and its seconds hold that straightening), so the rest can understate the preparation.
// With native tesseract, the largest page the engine read for each image (enlarged, straightened, as the
// pipeline prepared it) is read by native tesseract too: enginePageRatio is the engine's time on that page
// against native's on the same pixels (tesseract.js itself against the CLI), and a set's
// timeToNativePageRatio the whole pipeline's time against native's on those pages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile } from '../../src-renderer/core/extract/pipeline';
import { parseLayout } from '../../src-renderer/core/extract/layout';
import { repairOcrDraft } from '../../src-renderer/core/extract/ocr-repair';
import { toFields } from '../../src-renderer/core/extract/draft';
import { encodePgm } from '../../src-renderer/core/extract/raster';
import type { RasterImage } from '../../src-renderer/core/ports';
import type { PositionedText } from '../../src-renderer/core/extract/positioned-text';
import { type NodeExtractPorts, createNodeExtractPorts } from '../../src-main/cli/adapters';
import { KEY_FIELDS, type KeyField, REAL_INVOICES_DIR, expectedKeyFields, loadGroundTruth } from '../core/extract/ground-truth';
import { HARD_CASES, type PictureHardCase, hardCaseImage, realLayoutHardCase } from '../fixtures/invoices/photo-effects';
import { groundTruthOf, syntheticInvoice } from '../fixtures/invoices/invoice-data';
import { TICKET_EFFECTS, TICKET_KINDS, syntheticTicket, ticketPicture, ticketTruth } from '../fixtures/invoices/tickets';
import { UNSEEN_LAYOUT_CASES, unseenLayoutPicture, unseenOfdTruth } from '../fixtures/invoices/ofd-picture';
import { MEASURED_SETS, type MeasuredSet, loadMeasuredGroundTruth, measuredId, measuredImagesDir } from '../core/extract/real-unseen';
import { median, runTesseract, tesseractMissing, unpackBundledChiSim } from './native-tools';

const BENCH = 'extract-images';

function emit(metric: string, value: number | string, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: BENCH, metric, value, unit, ...extra }));
}

/** What each real image is, and whether the image preparation and field reading were tuned on it (LASTNOTE #19). */
const REAL_KINDS: Record<string, { kind: 'photo' | 'scan' | 'render' | 'screenshot'; tuned: boolean }> = {
  I01: { kind: 'render', tuned: true }, I02: { kind: 'scan', tuned: true }, I08: { kind: 'render', tuned: true },
  I09: { kind: 'scan', tuned: false }, I10: { kind: 'screenshot', tuned: true }, I11: { kind: 'render', tuned: false },
  I12: { kind: 'render', tuned: false }, I13: { kind: 'render', tuned: true }, I14: { kind: 'render', tuned: true },
  I15: { kind: 'render', tuned: false }, I16: { kind: 'photo', tuned: true }, I17: { kind: 'screenshot', tuned: true },
};

/**
 * Hard cases of real layouts: a real picture of each of these invoices photographed at an angle,
 * shaded, creased, compressed hard, shrunk, or turned (photo-effects realLayoutHardCase), read against
 * the real picture's ground truth. The generated cases draw one layout of our own; these test the
 * preparation on layouts the generator does not know. Which picture takes which effect is fixed.
 */
const REAL_LAYOUT_CASES: [image: string, effect: PictureHardCase][] = [
  ['I13', 'perspective'], ['I08', 'shadow'], ['I11', 'crease'], ['I17', 'jpeg-artefacts'],
  ['I08', 'low-resolution'], ['I01', 'rotated-90'], ['I13', 'rotated-180'], ['I11', 'exif-rotated'],
];

interface Case {
  id: string;
  kind: string;
  set: 'tuned' | 'held-out' | 'generated' | 'real-layout' | 'unseen-layout' | MeasuredSet['name'];
  file: string;
  bytes: Uint8Array;
  expected: Record<KeyField, string | null>;
}

/** The images IMAGES_BENCH_ONLY names (comma-separated ids: I02, rotated-90), or all when unset. */
const only = process.env.IMAGES_BENCH_ONLY?.split(',').map((id) => id.trim()).filter((id) => id !== '');

async function cases(): Promise<Case[]> {
  const real: Case[] = loadGroundTruth().filter((entry) => entry.file.startsWith('img/')).map((entry) => {
    const id = entry.file.slice(4, 7);
    const about = REAL_KINDS[id] ?? { kind: 'render', tuned: false };
    return { id, kind: about.kind, set: about.tuned ? 'tuned' : 'held-out', file: entry.file, bytes: new Uint8Array(readFileSync(resolve(REAL_INVOICES_DIR, entry.file))), expected: expectedKeyFields(entry) };
  });
  const generated: Case[] = [];
  for (const [index, hardCase] of HARD_CASES.entries()) {
    if (only && !only.includes(hardCase)) continue;
    const invoice = syntheticInvoice(800 + index);
    const image = await hardCaseImage(invoice, hardCase, index + 1);
    const truth = groundTruthOf(invoice) as unknown as Record<KeyField, string | null>;
    generated.push({ id: hardCase, kind: 'generated', set: 'generated', file: `${hardCase}-${invoice.layout}.${image.extension}`, bytes: new Uint8Array(image.bytes), expected: Object.fromEntries(KEY_FIELDS.map((field) => [field, truth[field] ?? null])) as Record<KeyField, string | null> });
  }
  // Invoices without a VAT layout (test/fixtures/invoices/tickets.ts): a bus ticket, a taxi receipt and a 定额发票, photographed.
  for (const [index, ticketKind] of TICKET_KINDS.entries()) {
    const effect = TICKET_EFFECTS[ticketKind];
    const id = `ticket-${ticketKind}-${effect}`;
    if (only && !only.includes(id)) continue;
    const ticket = syntheticTicket(ticketKind, 900 + index);
    const picture = await ticketPicture(ticket, effect, index + 1);
    const truth: Partial<Record<KeyField, string | null>> = ticketTruth(ticket);
    generated.push({ id, kind: 'generated', set: 'generated', file: `${id}.${picture.extension}`, bytes: new Uint8Array(picture.bytes), expected: Object.fromEntries(KEY_FIELDS.map((field) => [field, truth[field] ?? null])) as Record<KeyField, string | null> });
  }
  const realLayout: Case[] = [];
  for (const [index, [image, effect]] of REAL_LAYOUT_CASES.entries()) {
    const id = `${image}-${effect}`;
    const source = real.find((item) => item.id === image);
    if (!source || (only && !only.includes(id))) continue;
    const picture = await realLayoutHardCase(source.bytes, effect, 900 + index);
    realLayout.push({ id, kind: 'real-layout', set: 'real-layout', file: `${id}.${picture.extension}`, bytes: new Uint8Array(picture.bytes), expected: source.expected });
  }
  const unseenLayout: Case[] = [];
  for (const [index, [ofd, making]] of UNSEEN_LAYOUT_CASES.entries()) {
    const id = `${ofd}-${making}`;
    if (only && !only.includes(id)) continue;
    const picture = await unseenLayoutPicture(ofd, making, 950 + index);
    unseenLayout.push({ id, kind: 'unseen-layout', set: 'unseen-layout', file: `${id}.${picture.extension}`, bytes: new Uint8Array(picture.bytes), expected: unseenOfdTruth(ofd) });
  }
  // Real pictures of invoices no one tuned on (test/fixtures/invoices/real-unseen, real-blind, real-blind-3), where their files are here.
  const measured: Case[] = MEASURED_SETS.flatMap((set) => {
    const truth = loadMeasuredGroundTruth(set);
    const dir = measuredImagesDir(set, truth);
    return dir === null ? [] : truth.map((entry) => ({ id: measuredId(entry), kind: entry.picture, set: set.name, file: entry.file, bytes: new Uint8Array(readFileSync(resolve(dir, entry.file))), expected: expectedKeyFields(entry) }));
  });
  return [...real, ...generated, ...realLayout, ...unseenLayout, ...measured].filter((item) => !only || only.includes(item.id));
}

/** The pipeline functions whose OCR calls are told apart, innermost first (the first one on the call's stack names the pass). */
const PASS_NAMES = ['orientationByLines', 'uprightOrOver', 'startLineLooksOver', 'lineLooksOver', 'bestTurn', 'rereadFieldRegions', 'rereadHeader', 'readLetterSpaced', 'ocrPage'] as const;

/** Time spent per pass of the image being read: name → calls and seconds. */
type PassTimes = Map<string, { calls: number; seconds: number }>;

/**
 * The ports with their OCR, QR and image decoding timed into `times` (IMAGES_BENCH_PASSES=1). An OCR
 * call is named by the pipeline function that asked for it, found on its (async) stack, and by its kind.
 */
function timedPorts(ports: NodeExtractPorts, times: { current: PassTimes }): NodeExtractPorts {
  const note = (name: string, seconds: number) => {
    const entry = times.current.get(name) ?? { calls: 0, seconds: 0 };
    entry.calls++;
    entry.seconds += seconds;
    times.current.set(name, entry);
  };
  const passOf = (stack: string | undefined, kind: string) => `${PASS_NAMES.find((name) => new RegExp(`\\b${name}\\b`).test(stack ?? '')) ?? 'other'}:${kind}`;
  const timed = async <T>(name: () => string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      note(name(), (performance.now() - started) / 1000);
    }
  };
  const ocr = ports.ocr!;
  return {
    ...ports,
    ocr: {
      modelVersion: ocr.modelVersion,
      recognize: (image, options) => {
        const stack = new Error().stack;
        return timed(() => passOf(stack, 'page'), () => ocr.recognize(image, options));
      },
      recognizeLine: (image, options) => {
        const stack = new Error().stack;
        return timed(() => passOf(stack, options?.whitelist ? 'line-whitelist' : 'line'), () => ocr.recognizeLine!(image, options));
      },
    },
    qr: { decode: (image) => {
      const started = performance.now();
      try {
        return ports.qr!.decode(image);
      } finally {
        note('qr-decode', (performance.now() - started) / 1000);
      }
    } },
    image: { probe: (bytes) => ports.image.probe(bytes), decode: (bytes) => timed(() => 'image-decode', () => ports.image.decode(bytes)) },
  };
}

/** The largest page the engine read for the image being read (most pixels), and how long the engine took on it. */
interface LargestPage {
  image: RasterImage;
  seconds: number;
}

/**
 * The ports with the largest page the engine is handed kept in `largest` (with its time): native
 * tesseract reads the same pixels after, so that the engine's own speed is told apart from what the
 * preparation (enlarging, straightening) and the further reads cost.
 */
function largestPagePorts(ports: NodeExtractPorts, largest: { current: LargestPage | null }): NodeExtractPorts {
  const ocr = ports.ocr!;
  return {
    ...ports,
    ocr: {
      modelVersion: ocr.modelVersion,
      recognize: async (image, options) => {
        const started = performance.now();
        const result = await ocr.recognize(image, options);
        const seconds = (performance.now() - started) / 1000;
        const kept = largest.current;
        if (!(image instanceof Uint8Array) && (!kept || image.width * image.height > kept.image.width * kept.image.height)) largest.current = { image, seconds };
        return result;
      },
      recognizeLine: (image, options) => ocr.recognizeLine!(image, options),
    },
  };
}

/** Confidence at or above which a wrong value is confidently wrong (as in test/core/extract/real-images.test.ts). */
const CONFIDENT = 0.8;

function score(fields: Record<string, string | null> | undefined, expected: Record<KeyField, string | null>, confidence: Partial<Record<string, number>> = {}): { right: number; total: number; missed: string[]; confidentlyWrong: string[]; unsureRight: string[]; misread: Record<string, { read: string; confidence: number }> } {
  const asked = KEY_FIELDS.filter((field) => expected[field] !== null);
  const missed = asked.filter((field) => fields?.[field] !== expected[field]);
  const confidentlyWrong = missed.filter((field) => fields?.[field] != null && (confidence[field] ?? 0) >= CONFIDENT);
  const unsureRight = asked.filter((field) => fields?.[field] === expected[field] && (confidence[field] ?? 0) < CONFIDENT);
  const misread = Object.fromEntries(missed.filter((field) => fields?.[field] != null).map((field) => [field, { read: fields![field]!, confidence: Number((confidence[field] ?? 0).toFixed(2)) }]));
  return { right: asked.length - missed.length, total: asked.length, missed, confidentlyWrong, unsureRight, misread };
}

/** Native tesseract on the file as it is: seconds, and its words (TSV) read by the same layout reader. */
async function native(path: string, tessdata: string): Promise<{ seconds: number; cpuSeconds: number | null; fields: Record<string, string | null> } | null> {
  const run = await runTesseract(path, 'stdout', tessdata, { extra: ['--oem', '1', '-c', 'tessedit_create_tsv=1'], threads: 1 });
  const seconds = run.seconds;
  const cpuSeconds = run.cpuSeconds;
  if (run.code !== 0) return null;
  const items: PositionedText[] = [];
  let width = 1;
  let height = 1;
  for (const row of run.stdout.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const [left, top, w, h, conf] = [Number(cells[6]), Number(cells[7]), Number(cells[8]), Number(cells[9]), Number(cells[10])];
    if (cells[0] === '1') [width, height] = [w, h];
    const text = cells[11]!.trim();
    if (cells[0] === '5' && text !== '') items.push({ text, box: [left, top, w, h], confidence: Math.max(0, conf) / 100 });
  }
  const reading = parseLayout({ page: 1, width, height, items }, { fromOcr: true });
  repairOcrDraft(reading.draft, reading.lines, reading.rawTotalInWords);
  return { seconds, cpuSeconds, fields: toFields(reading.draft) as unknown as Record<string, string | null> };
}

async function main(): Promise<void> {
  const nodePorts = createNodeExtractPorts();
  const passTimes = { current: new Map() as PassTimes };
  const withPasses = process.env.IMAGES_BENCH_PASSES === '1';
  const rounds = Math.max(1, Math.floor(Number(process.env.IMAGES_BENCH_ROUNDS ?? '1')) || 1);
  if (withPasses) Error.stackTraceLimit = 40;
  const largestPage = { current: null as LargestPage | null };
  const ports = largestPagePorts(withPasses ? timedPorts(nodePorts, passTimes) : nodePorts, largestPage);
  const dir = mkdtempSync(join(tmpdir(), 'images-bench-'));
  const nativeProblem = process.env.IMAGES_BENCH_NATIVE === '0' ? 'switched off (IMAGES_BENCH_NATIVE=0)' : tesseractMissing();
  const withNative = nativeProblem === null;
  for (const set of MEASURED_SETS) if (measuredImagesDir(set) === null) emit(set.name, 'missing', 'n/a', { reason: `no copy of test/fixtures/invoices/${set.folder} pictures here (shared/samples/${set.folder} or ${set.env})` });
  if (withNative) unpackBundledChiSim(dir);
  else emit('native-tesseract', 'missing', 'n/a', { reason: nativeProblem });
  const SUMMED = ['right', 'total', 'confidentlyWrong', 'unsureRight', 'nativeRight', 'seconds', 'nativeSeconds', 'cpuSeconds', 'nativeCpuSeconds', 'pageSeconds', 'nativePageSeconds'] as const;
  type Summed = Record<(typeof SUMMED)[number], number>;
  const groups = new Map<string, Summed & { images: number }>();
  const add = (key: string, values: Summed) => {
    const group = groups.get(key) ?? { ...(Object.fromEntries(SUMMED.map((name) => [name, 0])) as Summed), images: 0 };
    for (const name of SUMMED) group[name] += values[name];
    group.images++;
    groups.set(key, group);
  };
  try {
    // The engine's workers start once (as in the app): their start-up is not an image's cost.
    await extractFile({ path: 'warm-up.png', bytes: (await cases())[0]!.bytes }, ports);
    /** One reading of the image by the pipeline: its result, wall and CPU seconds, OCR passes and largest page. */
    const readOnce = async (item: Case) => {
      passTimes.current = new Map();
      largestPage.current = null;
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await extractFile({ path: item.file, bytes: item.bytes }, ports);
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // CPU seconds of this process (main thread and OCR worker threads): steadier than wall time under load.
      // (largestPage is set by the engine's calls during extractFile: read back through a cast, as the reset above narrowed it.)
      return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, passes: passTimes.current, page: largestPage.current as LargestPage | null };
    };
    type OurRun = Awaited<ReturnType<typeof readOnce>>;
    for (const item of await cases()) {
      const path = join(dir, item.file.replace(/^img\//, ''));
      if (withNative) writeFileSync(path, item.bytes);
      // Each round reads the image both ways, native tesseract first every other round; the first
      // round's reading is scored, and each side's median time reported.
      const ourRuns: OurRun[] = [];
      const nativeRuns: NonNullable<Awaited<ReturnType<typeof native>>>[] = [];
      let nativeFailed = false;
      const runNative = async () => {
        const run = withNative && !nativeFailed ? await native(path, dir) : null;
        if (run) nativeRuns.push(run);
        else nativeFailed = withNative;
      };
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 1) await runNative();
        ourRuns.push(await readOnce(item));
        if (round % 2 === 0) await runNative();
      }
      const [first] = ourRuns as [OurRun];
      const seconds = median(ourRuns.map((run) => run.seconds));
      const cpuSeconds = median(ourRuns.map((run) => run.cpuSeconds));
      const invoice = first.result.invoices[0];
      const ours = score(invoice?.fields as unknown as Record<string, string | null> | undefined, item.expected, invoice?.confidence);
      const readingOf = (run: OurRun) => JSON.stringify([run.result.invoices[0]?.fields, run.result.invoices[0]?.confidence]);
      const roundsAgree = ourRuns.every((run) => readingOf(run) === readingOf(first));
      const nativeCpu = nativeRuns.map((run) => run.cpuSeconds);
      const nativeRun = nativeFailed || nativeRuns.length === 0 ? null : {
        seconds: median(nativeRuns.map((run) => run.seconds)),
        cpuSeconds: nativeCpu.every((value) => value !== null) ? median(nativeCpu as number[]) : null,
        fields: nativeRuns[0]!.fields,
      };
      const theirs = nativeRun ? score(nativeRun.fields, item.expected) : null;
      // Native tesseract on the largest page the engine read (the same pixels, its own settings as on the file).
      let pageRun: { seconds: number; nativeSeconds: number } | null = null;
      const page = first.page;
      if (withNative && page) {
        const pagePath = join(dir, `${item.id}-page.pgm`);
        writeFileSync(pagePath, encodePgm(page.image));
        const run = await runTesseract(pagePath, 'stdout', dir, { extra: ['--oem', '1', '-c', 'tessedit_create_tsv=1'], threads: 1 });
        if (run.code === 0) pageRun = { seconds: page.seconds, nativeSeconds: run.seconds };
      }
      emit('image', Number((ours.right / ours.total).toFixed(4)), 'ratio', {
        image: item.id, kind: item.kind, set: item.set, right: ours.right, fields: ours.total, missed: ours.missed, misread: ours.misread, confidentlyWrong: ours.confidentlyWrong, unsureRight: ours.unsureRight, seconds: Number(seconds.toFixed(2)),
        ...(rounds > 1 ? { rounds, roundsAgree } : {}),
        cpuSeconds: Number(cpuSeconds.toFixed(2)),
        ...(nativeRun && theirs ? { nativeSeconds: Number(nativeRun.seconds.toFixed(2)), timeRatio: Number((seconds / nativeRun.seconds).toFixed(2)), nativeLayoutRight: theirs.right } : {}),
        ...(nativeRun?.cpuSeconds ? { nativeCpuSeconds: Number(nativeRun.cpuSeconds.toFixed(2)), cpuRatio: Number((cpuSeconds / nativeRun.cpuSeconds).toFixed(2)) } : {}),
        ...(pageRun ? { pageSeconds: Number(pageRun.seconds.toFixed(2)), nativePageSeconds: Number(pageRun.nativeSeconds.toFixed(2)), enginePageRatio: Number((pageRun.seconds / pageRun.nativeSeconds).toFixed(2)) } : {}),
        loadAverage: Number(loadavg()[0]!.toFixed(2)),
      });
      if (withPasses) {
        const passes = Object.fromEntries([...first.passes].map(([name, { calls, seconds: spent }]) => [name, { calls, seconds: Number(spent.toFixed(2)) }]));
        const accounted = [...first.passes.values()].reduce((sum, entry) => sum + entry.seconds, 0);
        emit('passes', Number(first.seconds.toFixed(2)), 's', { image: item.id, passes, rest: Number((first.seconds - accounted).toFixed(2)) });
      }
      const values = { right: ours.right, total: ours.total, confidentlyWrong: ours.confidentlyWrong.length, unsureRight: ours.unsureRight.length, nativeRight: theirs?.right ?? 0, seconds, nativeSeconds: nativeRun?.seconds ?? 0, cpuSeconds, nativeCpuSeconds: nativeRun?.cpuSeconds ?? 0, pageSeconds: pageRun?.seconds ?? 0, nativePageSeconds: pageRun?.nativeSeconds ?? 0 };
      // The measured real pictures (unseen-real, blind-real) are grouped by kind apart, so that the kinds of the other sets keep their numbers.
      add(MEASURED_SETS.some((set) => set.name === item.set) ? `${item.set}-kind:${item.kind}` : `kind:${item.kind}`, values);
      add(`set:${item.set}`, values);
      if (item.set === 'tuned' || item.set === 'held-out') add('set:real', values);
    }
    for (const [key, group] of groups) {
      const [dimension, name] = key.split(':') as [string, string];
      emit('key-field-accuracy', Number((group.right / group.total).toFixed(4)), 'ratio', {
        [dimension]: name, right: group.right, fields: group.total, confidentlyWrong: group.confidentlyWrong, unsureRight: group.unsureRight, images: group.images, secondsPerImage: Number((group.seconds / group.images).toFixed(2)),
        ...(withNative ? { nativeSecondsPerImage: Number((group.nativeSeconds / group.images).toFixed(2)), timeRatio: Number((group.seconds / Math.max(group.nativeSeconds, 1e-9)).toFixed(2)), cpuRatio: Number((group.cpuSeconds / Math.max(group.nativeCpuSeconds, 1e-9)).toFixed(2)), nativeLayoutAccuracy: Number((group.nativeRight / group.total).toFixed(4)) } : {}),
        ...(group.nativePageSeconds > 0 ? { enginePageRatio: Number((group.pageSeconds / group.nativePageSeconds).toFixed(2)), timeToNativePageRatio: Number((group.seconds / group.nativePageSeconds).toFixed(2)) } : {}),
      });
    }
  } finally {
    await nodePorts.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
