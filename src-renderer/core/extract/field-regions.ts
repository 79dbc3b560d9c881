// Field regions read again: where the layout has told which field a text is and the page's reading
// breaks the field's grammar (a credit code whose check character fails, a number or code of the
// wrong length, amount + tax that is not the total), the region around the value is cropped and
// read once more as a single line restricted to the characters the field can hold (OcrEngine.
// recognizeLine: digits for numbers and amounts, the credit-code alphabet for taxpayer ids). A
// second reading replaces the first only when it keeps the grammar the first broke; otherwise the
// first reading stays, with the failed check to say it is unsure.
import type { OcrEngine, OcrResult, OcrSymbol, RasterImage } from '../ports';
import { tryParseYuan } from '../money';
import { USCC_CHARS, usccWellFormed } from './checks';
import { type InvoiceDraft, setField } from './draft';
import { companyWordCoverage } from './company-words';
import { SURE_NAME_CONFIDENCE, WORDED_NAME_CONFIDENCE, checkCompanyName, correctOldTaxId, correctTaxId, needsTaxIdCorrection } from './field-grammar';
import type { Box } from './positioned-text';
import { runsWhere } from './ink-runs';
import { cropRaster } from './raster';
import { mendNameBrackets, normalizeAmount, normalizeName } from './text-normalize';

const DIGITS = '0123456789';
/** Confidence of a credit code whose region reading passes its check character. */
const CHECKED_REREAD_CONFIDENCE = 0.9;
/** Confidence of a number or code whose region reading has the right length (there is no check digit). */
const LENGTH_REREAD_CONFIDENCE = 0.7;
/** Confidence of amounts whose region readings add up (amount + tax = total). */
const SUMMED_REREAD_CONFIDENCE = 0.85;

/** Where a field's box (page units) lies on the raster that was read, in pixels. */
export type BoxToPixels = (box: Box) => Box;

interface RegionReader {
  recognizeLine: NonNullable<OcrEngine['recognizeLine']>;
  raster: RasterImage;
  toPixels: BoxToPixels;
  isCancelled?: () => boolean;
}

/** The value's box grown by part of its height on every side (OCR boxes hug the ink), inside the raster. */
function regionOf(reader: RegionReader, box: Box, margin: number): RasterImage | null {
  const [x, y, width, height] = reader.toPixels(box);
  if (!(width > 0 && height > 0)) return null;
  const padY = Math.max(4, height * margin);
  const padX = height * 0.6;
  const left = Math.max(0, Math.floor(x - padX));
  const top = Math.max(0, Math.floor(y - padY));
  const right = Math.min(reader.raster.width, Math.ceil(x + width + padX));
  const bottom = Math.min(reader.raster.height, Math.ceil(y + height + padY));
  if (right - left < 4 || bottom - top < 4) return null;
  return cropRaster(reader.raster, left, top, right - left, bottom - top);
}

/**
 * Margins above and below a region, as a share of its height: a little (a tall neighbouring line
 * must not reach into the region), and more for a second try at a name (the engine reads some
 * lines better with white around them).
 */
const TIGHT_MARGIN = 0.15;
const WIDE_MARGIN = 0.35;

async function readRegion(reader: RegionReader, box: Box, whitelist?: string, margin = TIGHT_MARGIN): Promise<{ text: string; symbols: OcrSymbol[]; words: OcrResult['words'] } | null> {
  const region = regionOf(reader, box, margin);
  if (!region) return null;
  const { words, symbols } = leftToRight(await reader.recognizeLine(region, lineOptions(reader, whitelist)));
  return { text: words.map((word) => word.text).join('').replace(/\s+/g, ''), symbols, words };
}

/** A line's reading left to right: its words, and the symbols of their print (blanks left out). */
function leftToRight(result: OcrResult): { words: OcrResult['words']; symbols: OcrSymbol[] } {
  const words = [...result.words].sort((a, b) => a.box[0] - b.box[0]);
  return { words, symbols: words.flatMap((word) => word.symbols ?? []).filter((symbol) => symbol.text.trim() !== '') };
}

/**
 * A party name read from its region: what follows the label's colon, when it is a plausible name
 * (two or more Chinese characters, a legal form read whole), with the confidence of its least sure word.
 */
function nameOfRegion(words: OcrResult['words']): { text: string; confidence: number; characters: { text: string; confidence: number }[] } | null {
  const colon = words.findLastIndex((word) => /[:：]/.test(word.text));
  const kept = words.slice(colon + 1).map((word) => ({ ...word, text: word.text.replace(/^.*[:：]/, '') })).filter((word) => !/^[\s_|\-—.,，、'"“”]*$/.test(word.text));
  const read = normalizeName(kept.map((word) => word.text).join(' '));
  if (!read || !NAME.test(read) || checkCompanyName(read)) return null;
  const characters = kept.flatMap((word) => [...word.text.replace(/\s+/g, '')].map((ch) => ({ text: ch, confidence: word.confidence })));
  if (characters.map((ch) => ch.text).join('') !== read) return null;
  // Brackets mended as on the page's reading (mendNameBrackets), character for character.
  const mended = [...mendNameBrackets(read)];
  const text = mended.length === characters.length ? mended.join('') : read;
  if (text !== read) mended.forEach((ch, index) => (characters[index]!.text = ch));
  return { text, confidence: Math.min(...kept.map((word) => word.confidence)), characters };
}

/** Characters a second reading may change in a name, at most. */
const MAX_MENDED_CHARACTERS = 2;
/** Confidence the second reading must have at each character it changes. */
const MENDING_CONFIDENCE = 0.9;

/**
 * A second reading as long that reads a character or two otherwise, each surely, mends the first;
 * not where it breaks a word of company names the first reading makes (餐饮 read 餐钦 in a small
 * render's line read alone): the words say the first is the print there, and the readings go to
 * the choice by words (nameByWords).
 */
function mendsName(first: string, second: { text: string; confidence: number }[]): boolean {
  const firstCharacters = [...first];
  if (firstCharacters.length !== second.length) return false;
  const changed = second.filter((ch, index) => ch.text !== firstCharacters[index]);
  if (changed.length === 0 || changed.length > MAX_MENDED_CHARACTERS || !changed.every((ch) => ch.confidence >= MENDING_CONFIDENCE)) return false;
  return companyWordCoverage(second.map((ch) => ch.text).join('')) >= companyWordCoverage(first);
}

/** What a party name is made of: Chinese characters, with brackets (分公司 names) and Latin letters. */
const NAME = /^[\u4e00-\u9fa5（）()A-Za-z0-9·]{2,40}$/u;
/** Confidence of a name the second reading mended, at most. */
const RENAMED_CONFIDENCE = 0.7;

/** Characters the readings of a name may disagree on for a choice among them by words. */
const MAX_OPEN_CHARACTERS = 6;

/**
 * A name's readings that disagree (the page's first, then each region reading as long as it): at
 * each character where they differ, the character of one of them, chosen so that the words of
 * company names (company-words.ts) cover most of the name; the readings' commonest character where
 * the words do not tell. Null unless that covers more of the name than the first reading does (the
 * words then say which reading is the print), or where the readings differ in more than
 * MAX_OPEN_CHARACTERS characters.
 */
export function nameByWords(readings: readonly (readonly string[])[]): string | null {
  const [first, ...others] = readings;
  const alike = others.filter((reading) => reading.length === first?.length);
  if (!first || alike.length === 0) return null;
  const candidates = first.map((ch, index) => {
    const votes = new Map<string, number>();
    for (const reading of [first, ...alike]) votes.set(reading[index]!, (votes.get(reading[index]!) ?? 0) + 1);
    return [...votes].sort((a, b) => b[1] - a[1] || (a[0] === ch ? -1 : b[0] === ch ? 1 : 0));
  });
  const open = candidates.flatMap((choices, index) => (choices.length > 1 ? [index] : []));
  if (open.length === 0 || open.length > MAX_OPEN_CHARACTERS) return null;
  const firstText = first.join('');
  let best = { text: firstText, coverage: companyWordCoverage(firstText), votes: -1 };
  const choose = (position: number, chosen: string[], votes: number): void => {
    if (position === open.length) {
      const text = chosen.join('');
      const coverage = companyWordCoverage(text);
      if (coverage > best.coverage || (coverage === best.coverage && votes > best.votes)) best = { text, coverage, votes };
      return;
    }
    const index = open[position]!;
    for (const [ch, count] of candidates[index]!) {
      const next = [...chosen];
      next[index] = ch;
      choose(position + 1, next, votes + count);
    }
  };
  choose(0, candidates.map((choices) => choices[0]![0]), 0);
  return best.text !== firstText && best.coverage > companyWordCoverage(firstText) ? best.text : null;
}

function addsUp(amount: string | undefined, tax: string | undefined, total: string | undefined): boolean {
  const [a, t, s] = [amount, tax, total].map((value) => (value === undefined ? null : tryParseYuan(value)));
  return a !== null && a !== undefined && t !== null && t !== undefined && s !== null && s !== undefined && a + t === s;
}

/**
 * Reads again, each from its own region, the fields of an OCR draft that break their grammar, and
 * keeps a new reading only where it mends the break. Returns how many regions were read.
 * Fields whose readings do not depend on one another are read at once (the engine's workers share
 * the regions): each reading keeps to its own field, and a field added where the page's reading
 * had none is added in the parties' order, so the draft comes out as read one region after another.
 */
export async function rereadFieldRegions(draft: InvoiceDraft, reader: RegionReader): Promise<number> {
  const counts = await Promise.all([
    ...PARTIES.map(([, taxField]) => rereadTaxId(draft, reader, taxField)),
    ...PARTIES.map(([field]) => rereadName(draft, reader, field)),
    ...IDENTITY_LENGTHS.map(([field, lengths]) => rereadIdentity(draft, reader, field, lengths)),
    rereadSums(draft, reader),
  ]);
  // A party's name the page's reading missed is looked for on the line above its id; then an id it
  // missed, on the line below its name.
  counts.push(await readMissedLines(PARTIES.map(([field, taxField]) => {
    const taxBox = draft.boxes[taxField];
    return draft.values[field] || !taxBox ? null : readMissedName(draft, reader, field, taxBox);
  })));
  counts.push(await readMissedLines(PARTIES.map(([field, taxField]) => {
    const nameBox = draft.boxes[field];
    const name = draft.values[field];
    return draft.values[taxField] || !name || !nameBox ? null : readMissedId(draft, reader, taxField, nameBox, [...name].length);
  })));
  return counts.reduce((sum, count) => sum + count, 0);
}

const PARTIES = [['buyerName', 'buyerTaxId'], ['sellerName', 'sellerTaxId']] as const;
/** The lengths an invoice's number and code may have. */
const IDENTITY_LENGTHS = [['invoiceNumber', [8, 20]], ['invoiceCode', [10, 12]]] as const;

function lineOptions(reader: RegionReader, whitelist?: string): { whitelist?: string; isCancelled?: () => boolean } {
  return { ...(whitelist ? { whitelist } : {}), ...(reader.isCancelled ? { isCancelled: reader.isCancelled } : {}) };
}

async function rereadTaxId(draft: InvoiceDraft, reader: RegionReader, field: 'buyerTaxId' | 'sellerTaxId'): Promise<number> {
  const value = draft.values[field];
  const box = draft.boxes[field];
  if (!value || !box || !needsTaxIdCorrection(value)) return 0;
  const reread = await readRegion(reader, box, USCC_CHARS);
  if (!reread) return 1;
  if (usccWellFormed(reread.text)) setField(draft, field, reread.text, CHECKED_REREAD_CONFIDENCE, box);
  else {
    const chosen = reread.symbols.length >= 17 ? correctTaxId(reread.symbols) : null;
    if (chosen) setField(draft, field, chosen.text, Math.min(chosen.confidence, CHECKED_REREAD_CONFIDENCE), box);
  }
  return 1;
}

async function rereadName(draft: InvoiceDraft, reader: RegionReader, field: 'buyerName' | 'sellerName'): Promise<number> {
  const value = draft.values[field];
  const box = draft.boxes[field];
  const first = draft.confidence[field] ?? 0;
  if (!value || !box || checkCompanyName(value)) return 0;
  let reads = 0;
  // A name read surely is read again too: no check can tell a character the page read surely and
  // wrongly (戒尼 for 戒尺 at 0.96), a second reading of its region alone can.
  const sure = first >= SURE_NAME_CONFIDENCE;
  const readings: string[][] = [[...value]];
  for (const margin of [TIGHT_MARGIN, WIDE_MARGIN]) {
    reads++;
    const reread = await readRegion(reader, box, undefined, margin);
    const name = reread && nameOfRegion(reread.words);
    if (!name) continue;
    // Two readings alike, the second sure of every character, vouch for each other (alike but
    // unsure: the wider region is tried; a sure first reading stands). A second reading as long that
    // differs in a character or two, each read surely there, mends the first; the name stays unsure
    // (the readings disagreed).
    if (name.text === value) {
      if (name.confidence < SURE_NAME_CONFIDENCE && !sure) continue;
      draft.confidence[field] = Math.max(first, name.confidence);
      return reads;
    }
    if (mendsName(value, name.characters)) {
      setField(draft, field, name.text, Math.min(first, RENAMED_CONFIDENCE), box);
      return reads;
    }
    readings.push(name.characters.map((ch) => ch.text));
  }
  const worded = nameByWords(readings);
  if (worded) setField(draft, field, worded, Math.min(first, WORDED_NAME_CONFIDENCE), box);
  // A sure reading that a reading of its region alone contradicts, and that nothing mends, is no longer sure.
  else if (sure && readings.length > 1) draft.confidence[field] = Math.min(first, RENAMED_CONFIDENCE);
  return reads;
}

/** A missed line's reading: what it puts in the draft, done once every line of its kind is read. */
type MissedLine = Promise<() => void>;

/** Reads the lines started at once, then puts each one's reading in the draft in the order given. Returns how many were read. */
async function readMissedLines(lines: (MissedLine | null)[]): Promise<number> {
  const started = lines.filter((line): line is MissedLine => line !== null);
  for (const put of await Promise.all(started)) put();
  return started.length;
}

function readMissedName(draft: InvoiceDraft, reader: RegionReader, field: 'buyerName' | 'sellerName', taxBox: Box): MissedLine | null {
  const line = missedLineAbove(reader, taxBox);
  if (!line) return null;
  return reader.recognizeLine(line.image, lineOptions(reader)).then((result) => () => {
    const name = nameOfRegion(leftToRight(result).words);
    if (name) setField(draft, field, name.text, Math.min(name.confidence, MISSED_NAME_CONFIDENCE), line.box);
  });
}

function readMissedId(draft: InvoiceDraft, reader: RegionReader, taxField: 'buyerTaxId' | 'sellerTaxId', nameBox: Box, nameLength: number): MissedLine | null {
  const line = missedIdLineBelow(reader, nameBox, nameLength);
  if (!line) return null;
  return reader.recognizeLine(line.image, lineOptions(reader, USCC_CHARS)).then((result) => () => {
    const { symbols } = leftToRight(result);
    const text = symbols.map((symbol) => symbol.text).join('');
    // A credit code that passes its check, or one the grammar finds among the engine's alternatives;
    // else an id of the old 15-character form (no check character: unsure).
    const chosen = usccWellFormed(text) ? { text, confidence: MISSED_ID_CONFIDENCE } : symbols.length >= 17 ? correctTaxId(symbols) : correctOldTaxId(symbols);
    if (chosen) setField(draft, taxField, chosen.text, Math.min(chosen.confidence, chosen.text.length === 18 ? MISSED_ID_CONFIDENCE : MISSED_OLD_ID_CONFIDENCE), line.box);
  });
}

async function rereadIdentity(draft: InvoiceDraft, reader: RegionReader, field: 'invoiceNumber' | 'invoiceCode', lengths: readonly number[]): Promise<number> {
  const value = draft.values[field];
  const box = draft.boxes[field];
  if (!value || !box || lengths.includes(value.length) && /^\d+$/.test(value)) return 0;
  const reread = await readRegion(reader, box, DIGITS);
  // A digit read twice alike where the grammar wants one more or one fewer is printed so (a
  // made-up or mistyped code): only a reading of a right length replaces the first.
  if (reread && lengths.includes(reread.text.length) && /^\d+$/.test(reread.text)) setField(draft, field, reread.text, LENGTH_REREAD_CONFIDENCE, box);
  return 1;
}

/** Sums that do not add up, read again each from its region: any mix of first and second readings that adds up, the fewest second readings first. */
async function rereadSums(draft: InvoiceDraft, reader: RegionReader): Promise<number> {
  const sums = ['amountExclTax', 'taxAmount', 'totalAmount'] as const;
  const { amountExclTax, taxAmount, totalAmount } = draft.values;
  if (!sums.every((field) => draft.values[field] !== undefined && draft.boxes[field] !== undefined) || addsUp(amountExclTax, taxAmount, totalAmount)) return 0;
  const reads = await Promise.all(sums.map((field) => readRegion(reader, draft.boxes[field]!, `${DIGITS}.`)));
  const reread: Partial<Record<(typeof sums)[number], string>> = {};
  sums.forEach((field, index) => {
    const read = reads[index];
    const amount = read && normalizeAmount(read.text);
    if (amount) reread[field] = amount;
  });
  const mixes = [0, 1, 2, 3, 4, 5, 6, 7].sort((a, b) => bits(a) - bits(b));
  for (const mix of mixes) {
    const pick = sums.map((field, index) => (mix & (1 << index) ? reread[field] : draft.values[field]));
    if (pick.some((value) => value === undefined) || !addsUp(pick[0], pick[1], pick[2])) continue;
    sums.forEach((field, index) => {
      if (pick[index] !== draft.values[field]) setField(draft, field, pick[index]!, SUMMED_REREAD_CONFIDENCE, draft.boxes[field]);
    });
    break;
  }
  return sums.length;
}

/** Confidence of a party name read from a line the page's reading missed, at most (read once). */
const MISSED_NAME_CONFIDENCE = 0.7;
/** How far above a taxpayer id its party's name line is looked for, and how far left, in text heights. */
const NAME_LINE_ABOVE = 7;
const NAME_LINE_LEFT = 30;
/** Grey level below which a pixel is ink, for finding a text line by its rows. */
const ROW_INK_LEVEL = 128;
/** Ink transitions a row has beyond the window's quiet rows (rules, a column of vertical text) to be text. */
const TEXT_ROW_TRANSITIONS = 8;

/**
 * Bands of text rows in a window of the page raster, top to bottom, as [start, end) rows from the
 * window's top, of about a line's height (half to twice `lineHeight`). Rows of text are told from
 * rules and a column of vertical text (购买方信息) beside them by their count of ink transitions.
 */
function textBands(raster: RasterImage, window: { left: number; right: number; top: number; bottom: number }, lineHeight: number): [number, number][] {
  const transitions: number[] = [];
  for (let row = window.top; row < window.bottom; row++) {
    let count = 0;
    let inked = false;
    for (let col = window.left; col < window.right; col++) {
      const ink = raster.data[(row * raster.width + col) * 4]! < ROW_INK_LEVEL;
      if (ink && !inked) count++;
      inked = ink;
    }
    transitions.push(count);
  }
  const quiet = [...transitions].sort((a, b) => a - b)[Math.floor(transitions.length * 0.2)]!;
  return runsWhere(transitions.length, (row) => transitions[row]! >= quiet + TEXT_ROW_TRANSITIONS)
    .filter(([start, end]) => end - start >= lineHeight * 0.5 && end - start <= lineHeight * 2);
}

/** A band of a window cropped with a margin, and its box in page units (from the field box it was found by). */
function croppedBand(reader: RegionReader, window: { left: number; right: number; top: number }, band: [number, number], lineHeight: number, by: { box: Box; pixels: Box }): { image: RasterImage; box: Box } {
  const { raster } = reader;
  const [start, end] = band;
  const margin = Math.round(lineHeight * 0.35);
  const cropTop = Math.max(0, window.top + start - margin);
  const cropBottom = Math.min(raster.height, window.top + end + margin);
  const scale = by.box[2] / by.pixels[2];
  const box: Box = [by.box[0] - (by.pixels[0] - window.left) * scale, by.box[1] - (by.pixels[1] - (window.top + start)) * scale, (window.right - window.left) * scale, (end - start) * scale];
  return { image: cropRaster(raster, window.left, cropTop, window.right - window.left, cropBottom - cropTop), box };
}

/**
 * The party name's line the page's reading missed (the engine's page layout can drop a whole line:
 * I08 shrunk to half read no word of its buyer's name): the lowest line of print above the party's
 * taxpayer id, within NAME_LINE_ABOVE text heights, across the width of its label and value (the name
 * label starts where the id's label does). Returns the line cropped with a margin, and its box in
 * page units (from the id's box); null when no such line is found.
 */
function missedLineAbove(reader: RegionReader, taxBox: Box): { image: RasterImage; box: Box } | null {
  const pixels = reader.toPixels(taxBox);
  const [x, y, width, height] = pixels;
  if (!(width > 0 && height > 0)) return null;
  const { raster } = reader;
  const window = {
    left: Math.max(0, Math.floor(x - height * NAME_LINE_LEFT)),
    right: Math.min(raster.width, Math.ceil(x + width + height)),
    top: Math.max(0, Math.floor(y - height * NAME_LINE_ABOVE)),
    bottom: Math.floor(y - height * 0.3),
  };
  if (window.bottom - window.top < height || window.right - window.left < height * 4) return null;
  const band = textBands(raster, window, height).at(-1);
  return band ? croppedBand(reader, window, band, height, { box: taxBox, pixels }) : null;
}

/** Confidence of a taxpayer id read from a line the page's reading missed, at most: one that passes its check. */
const MISSED_ID_CONFIDENCE = 0.85;
/** Confidence of an old 15-digit taxpayer id read from a missed line (it has no check character). */
const MISSED_OLD_ID_CONFIDENCE = 0.5;
/** How far below a party's name its taxpayer id's line is looked for, and how wide, in text heights. */
const ID_LINE_BELOW = 3;
const ID_LINE_WIDTH = 22;

/**
 * The taxpayer id's line the page's reading missed (a photographed 专票: the engine's page layout
 * dropped the dot-matrix row between the name and the address): the first line of print below the
 * party's name, within ID_LINE_BELOW text heights, from a text height left of where the name starts
 * (the id is printed in the name's column) across the width of an id. The text height is the name's
 * width over its characters when that is less than its box's height (a name's box can take in specks
 * above and below it). Null when none is found.
 */
function missedIdLineBelow(reader: RegionReader, nameBox: Box, nameLength: number): { image: RasterImage; box: Box } | null {
  const pixels = reader.toPixels(nameBox);
  const [x, y, width, boxHeight] = pixels;
  const height = Math.min(boxHeight, width / Math.max(1, nameLength));
  if (!(width > 0 && height > 0)) return null;
  const { raster } = reader;
  const window = {
    left: Math.max(0, Math.floor(x - height)),
    right: Math.min(raster.width, Math.ceil(x + Math.max(width, height * ID_LINE_WIDTH))),
    top: Math.min(raster.height, Math.ceil(y + boxHeight - height * 0.1)),
    bottom: Math.min(raster.height, Math.ceil(y + boxHeight + height * ID_LINE_BELOW)),
  };
  if (window.bottom - window.top < height || window.right - window.left < height * 4) return null;
  const band = textBands(raster, window, height)[0];
  return band ? croppedBand(reader, window, band, height, { box: nameBox, pixels }) : null;
}

function bits(mask: number): number {
  return (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1);
}
