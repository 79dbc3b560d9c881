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
import { checkCompanyName, correctTaxId, needsTaxIdCorrection } from './field-grammar';
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
  const result = await reader.recognizeLine(region, { ...(whitelist ? { whitelist } : {}), ...(reader.isCancelled ? { isCancelled: reader.isCancelled } : {}) });
  const words = [...result.words].sort((a, b) => a.box[0] - b.box[0]);
  return { text: words.map((word) => word.text).join('').replace(/\s+/g, ''), symbols: words.flatMap((word) => word.symbols ?? []).filter((symbol) => symbol.text.trim() !== ''), words };
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

function mendsName(first: string, second: { text: string; confidence: number }[]): boolean {
  const firstCharacters = [...first];
  if (firstCharacters.length !== second.length) return false;
  const changed = second.filter((ch, index) => ch.text !== firstCharacters[index]);
  return changed.length > 0 && changed.length <= MAX_MENDED_CHARACTERS && changed.every((ch) => ch.confidence >= MENDING_CONFIDENCE);
}

/** What a party name is made of: Chinese characters, with brackets (分公司 names) and Latin letters. */
const NAME = /^[\u4e00-\u9fa5（）()A-Za-z0-9·]{2,40}$/u;
/** Names read with a confidence below this are read again from their region. */
const NAME_REREAD_BELOW = 0.8;
/** Confidence of a name the second reading mended, at most. */
const RENAMED_CONFIDENCE = 0.7;

function addsUp(amount: string | undefined, tax: string | undefined, total: string | undefined): boolean {
  const [a, t, s] = [amount, tax, total].map((value) => (value === undefined ? null : tryParseYuan(value)));
  return a !== null && a !== undefined && t !== null && t !== undefined && s !== null && s !== undefined && a + t === s;
}

/**
 * Reads again, each from its own region, the fields of an OCR draft that break their grammar, and
 * keeps a new reading only where it mends the break. Returns how many regions were read.
 */
export async function rereadFieldRegions(draft: InvoiceDraft, reader: RegionReader): Promise<number> {
  let reads = 0;
  for (const field of ['buyerTaxId', 'sellerTaxId'] as const) {
    const value = draft.values[field];
    const box = draft.boxes[field];
    if (!value || !box || !needsTaxIdCorrection(value)) continue;
    reads++;
    const reread = await readRegion(reader, box, USCC_CHARS);
    if (!reread) continue;
    if (usccWellFormed(reread.text)) setField(draft, field, reread.text, CHECKED_REREAD_CONFIDENCE, box);
    else {
      const chosen = reread.symbols.length >= 17 ? correctTaxId(reread.symbols) : null;
      if (chosen) setField(draft, field, chosen.text, Math.min(chosen.confidence, CHECKED_REREAD_CONFIDENCE), box);
    }
  }
  for (const field of ['buyerName', 'sellerName'] as const) {
    const value = draft.values[field];
    const box = draft.boxes[field];
    const first = draft.confidence[field] ?? 0;
    if (!value || !box || first >= NAME_REREAD_BELOW || checkCompanyName(value)) continue;
    for (const margin of [TIGHT_MARGIN, WIDE_MARGIN]) {
      reads++;
      const reread = await readRegion(reader, box, undefined, margin);
      const name = reread && nameOfRegion(reread.words);
      if (!name) continue;
      // Two readings alike, the second sure of every character, vouch for each other (alike but
      // unsure: the wider region is tried). A second reading as long that differs in a character or
      // two, each read surely there, mends the first; the name stays unsure (the readings disagreed).
      if (name.text === value) {
        if (name.confidence < NAME_REREAD_BELOW) continue;
        draft.confidence[field] = name.confidence;
        break;
      }
      if (mendsName(value, name.characters)) {
        setField(draft, field, name.text, Math.min(first, RENAMED_CONFIDENCE), box);
        break;
      }
    }
  }
  for (const [field, taxField] of [['buyerName', 'buyerTaxId'], ['sellerName', 'sellerTaxId']] as const) {
    const taxBox = draft.boxes[taxField];
    if (draft.values[field] || !taxBox) continue;
    const line = missedLineAbove(reader, taxBox);
    if (!line) continue;
    reads++;
    const result = await reader.recognizeLine(line.image, reader.isCancelled ? { isCancelled: reader.isCancelled } : {});
    const name = nameOfRegion([...result.words].sort((a, b) => a.box[0] - b.box[0]));
    if (name) setField(draft, field, name.text, Math.min(name.confidence, MISSED_NAME_CONFIDENCE), line.box);
  }
  const identity = [['invoiceNumber', [8, 20]], ['invoiceCode', [10, 12]]] as const;
  for (const [field, lengths] of identity) {
    const value = draft.values[field];
    const box = draft.boxes[field];
    if (!value || !box || (lengths as readonly number[]).includes(value.length) && /^\d+$/.test(value)) continue;
    reads++;
    const reread = await readRegion(reader, box, DIGITS);
    if (!reread) continue;
    // A digit read twice alike where the grammar wants one more or one fewer is printed so (a
    // made-up or mistyped code): only a reading of a right length replaces the first.
    if ((lengths as readonly number[]).includes(reread.text.length) && /^\d+$/.test(reread.text)) setField(draft, field, reread.text, LENGTH_REREAD_CONFIDENCE, box);
  }
  const sums = ['amountExclTax', 'taxAmount', 'totalAmount'] as const;
  const { amountExclTax, taxAmount, totalAmount } = draft.values;
  if (sums.every((field) => draft.values[field] !== undefined && draft.boxes[field] !== undefined) && !addsUp(amountExclTax, taxAmount, totalAmount)) {
    const reread: Partial<Record<(typeof sums)[number], string>> = {};
    for (const field of sums) {
      reads++;
      const read = await readRegion(reader, draft.boxes[field]!, `${DIGITS}.`);
      const amount = read && normalizeAmount(read.text);
      if (amount) reread[field] = amount;
    }
    // Any mix of first and second readings that adds up, the fewest second readings first.
    const mixes = [0, 1, 2, 3, 4, 5, 6, 7].sort((a, b) => bits(a) - bits(b));
    for (const mix of mixes) {
      const pick = sums.map((field, index) => (mix & (1 << index) ? reread[field] : draft.values[field]));
      if (pick.some((value) => value === undefined) || !addsUp(pick[0], pick[1], pick[2])) continue;
      sums.forEach((field, index) => {
        if (pick[index] !== draft.values[field]) setField(draft, field, pick[index]!, SUMMED_REREAD_CONFIDENCE, draft.boxes[field]);
      });
      break;
    }
  }
  return reads;
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
 * The party name's line the page's reading missed (the engine's page layout can drop a whole line:
 * I08 shrunk to half read no word of its buyer's name): the lowest line of print above the party's
 * taxpayer id, within NAME_LINE_ABOVE text heights, across the width of its label and value (the name
 * label starts where the id's label does). Rows of text are told from the rules and a column of
 * vertical text (购买方信息) beside them by their count of ink transitions. Returns the line cropped
 * with a margin, and its box in page units (from the id's box); null when no such line is found.
 */
function missedLineAbove(reader: RegionReader, taxBox: Box): { image: RasterImage; box: Box } | null {
  const [x, y, width, height] = reader.toPixels(taxBox);
  if (!(width > 0 && height > 0)) return null;
  const { raster } = reader;
  const left = Math.max(0, Math.floor(x - height * NAME_LINE_LEFT));
  const right = Math.min(raster.width, Math.ceil(x + width + height));
  const top = Math.max(0, Math.floor(y - height * NAME_LINE_ABOVE));
  const bottom = Math.floor(y - height * 0.3);
  if (bottom - top < height || right - left < height * 4) return null;
  const transitions: number[] = [];
  for (let row = top; row < bottom; row++) {
    let count = 0;
    let inked = false;
    for (let col = left; col < right; col++) {
      const ink = raster.data[(row * raster.width + col) * 4]! < ROW_INK_LEVEL;
      if (ink && !inked) count++;
      inked = ink;
    }
    transitions.push(count);
  }
  const quiet = [...transitions].sort((a, b) => a - b)[Math.floor(transitions.length * 0.2)]!;
  // The lowest band of text rows of about a line's height.
  const band = runsWhere(transitions.length, (row) => transitions[row]! >= quiet + TEXT_ROW_TRANSITIONS)
    .reverse()
    .find(([start, end]) => end - start >= height * 0.5 && end - start <= height * 2);
  if (!band) return null;
  const [start, end] = band;
  const margin = Math.round(height * 0.35);
  const cropTop = Math.max(0, top + start - margin);
  const cropBottom = Math.min(raster.height, top + end + margin);
  const scale = taxBox[2] / width;
  const box: Box = [taxBox[0] - (x - left) * scale, taxBox[1] - (y - (top + start)) * scale, (right - left) * scale, (end - start) * scale];
  return { image: cropRaster(raster, left, cropTop, right - left, cropBottom - cropTop), box };
}

function bits(mask: number): number {
  return (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1);
}
