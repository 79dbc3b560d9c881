// Field-aware correction of OCR readings: where the layout has told which field a text is, the
// field's grammar chooses among the engine's per-character alternatives. A taxpayer id of the
// credit-code form has 18 characters from a fixed alphabet, six digits of region code and a check
// character; an invoice number has 8 or 20 digits and a code 10 or 12. A reading that breaks its
// grammar is replaced by the best-scoring reading that keeps it (each character one of the
// alternatives the engine gave, a doubled character dropped), never by a guess; when two readings
// score alike the value carries a low confidence.
import type { OcrResult, OcrSymbol } from '../ports';
import { OLD_TAX_ID_LENGTH, USCC_CHARS, usccCheckCharacter, usccWellFormed, withLostCheckCharacter } from './checks';
import { CITY_OF_REGION_CODE } from './city-names';
import { type InvoiceDraft, setField } from './draft';
import { nameWithWordsMended, regionCodesOfNamedCity, regionOfTaxId } from './company-words';
import { placesApart, toHalfWidth } from './text-normalize';
import { isRealDate } from '../calendar';
import { isInvoiceCodeForm, isInvoiceNumberForm } from './invoice-identity';

/** Confidence of a value the grammar chose clearly (the next reading is far less likely). */
const CLEAR_CHOICE_CONFIDENCE = 0.85;
/** Confidence of a value the grammar chose among close alternatives. */
const CLOSE_CHOICE_CONFIDENCE = 0.5;
/**
 * A character whose own weight among the engine's choices is below this was not seen so much as
 * guessed: the word around it may read at 0.8 or more while the character is another one (O23 drawn
 * as a picture: 通 read 透, 锅 read 销, each weighed 0.00 in words of 0.81 and 0.82). A party name
 * has no check to catch it, so a name holding such a character is unsure.
 */
const WEIGHTLESS_SYMBOL = 0.05;
/** Confidence at most of a party name with a weightless character. */
const WEIGHTLESS_NAME_CONFIDENCE = 0.7;
/**
 * Confidence of a taxpayer id given its length and alphabet from the engine's alternatives when no
 * reading passes the check character: the value is what the print most likely shows (a made-up or
 * mistyped id fails its check as printed), and the failed check says why it is unsure.
 */
const SHAPE_ONLY_CONFIDENCE = 0.3;
/** Score gap (natural log of likelihood) above which the best reading is a clear choice. */
const CLEAR_GAP = 2;
/** Cost floor of the character as read when the engine gives it no confidence of its own. */
const FLOOR_CONFIDENCE = 0.02;
/**
 * Alternatives the engine lists at no confidence are not readings it weighed: choosing one would be
 * a guess (on a made-up id that fails its check, one such digit in 31 passes it by chance).
 */
const MIN_ALTERNATIVE_CONFIDENCE = 0.05;
/** Cost of dropping a character (a doubled or stray character of the engine's reading). */
const DROP_COST = 2.5;
const BEAM = 400;

interface Candidate {
  text: string;
  cost: number;
  /** Characters of the engine's reading changed or dropped to reach this reading. */
  edits: number;
}

function canonical(ch: string): string {
  return toHalfWidth(ch).toUpperCase();
}

/** Per symbol: its alternatives as [character, cost] (the character as read first). */
function alternatives(symbol: OcrSymbol): [string, number][] {
  const seen = new Map<string, number>();
  const read = canonical(symbol.text);
  seen.set(read, -Math.log(Math.max(FLOOR_CONFIDENCE, symbol.confidence)));
  for (const choice of symbol.choices) {
    const ch = canonical(choice.text);
    if ([...ch].length !== 1 || choice.confidence < MIN_ALTERNATIVE_CONFIDENCE) continue;
    const cost = -Math.log(Math.max(FLOOR_CONFIDENCE, choice.confidence));
    if (!seen.has(ch) || seen.get(ch)! > cost) seen.set(ch, Math.min(cost, seen.get(ch) ?? Infinity));
  }
  return [...seen];
}

/**
 * The best readings (lowest cost) of the symbols that are `length` characters long and that
 * `accept` allows character by character and as a whole.
 */
function searchReadings(symbols: OcrSymbol[], length: number, allowed: (position: number, ch: string) => boolean, complete: (text: string) => boolean, dropCost: (index: number) => number = () => DROP_COST): Candidate[] {
  let beam: Candidate[] = [{ text: '', cost: 0, edits: 0 }];
  symbols.forEach((symbol, index) => {
    const remaining = symbols.length - index - 1;
    const next: Candidate[] = [];
    const options = alternatives(symbol);
    for (const partial of beam) {
      const position = [...partial.text].length;
      if (position + remaining >= length && Number.isFinite(dropCost(index))) next.push({ text: partial.text, cost: partial.cost + dropCost(index), edits: partial.edits + 1 });
      if (position >= length) continue;
      options.forEach(([ch, cost], rank) => {
        if (allowed(position, ch)) next.push({ text: partial.text + ch, cost: partial.cost + cost, edits: partial.edits + (rank === 0 ? 0 : 1) });
      });
    }
    next.sort((a, b) => a.cost - b.cost);
    beam = next.slice(0, BEAM);
  });
  const best = new Map<string, Candidate>();
  for (const candidate of beam) {
    if ([...candidate.text].length !== length || !complete(candidate.text)) continue;
    if (!best.has(candidate.text) || best.get(candidate.text)!.cost > candidate.cost) best.set(candidate.text, candidate);
  }
  return [...best.values()].sort((a, b) => a.cost - b.cost);
}

const DIGIT = /^\d$/;

function usccAllowed(position: number, ch: string): boolean {
  if (position >= 2 && position < 8) return DIGIT.test(ch);
  return USCC_CHARS.includes(ch);
}

function usccValid(text: string): boolean {
  return usccCheckCharacter(text) === text[17];
}

/** The provinces (GB/T 2260's first two digits) a resident id's address code begins with. */
const RESIDENT_ID_PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

/**
 * An 18-character resident-id-based taxpayer id (GB 11643: a province's address code, a birth date
 * 19xx or 20xx, a sequence, and an ISO 7064 MOD 11-2 check). The check alone passes one misread credit
 * code of digits in eleven (914401016640412437).
 */
function residentIdValid(text: string): boolean {
  if (!/^\d{17}[\dX]$/.test(text) || !RESIDENT_ID_PROVINCES.has(text.slice(0, 2))) return false;
  const [year, month, day] = [Number(text.slice(6, 10)), Number(text.slice(10, 12)), Number(text.slice(12, 14))];
  if (year < 1900 || year > 2099 || !isRealDate(year, month, day)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(text[i]) * ((2 ** (17 - i)) % 11);
  return '10X98765432'[sum % 11] === text[17];
}

/** The run of symbols on one line of the OCR result that spells `value`; null when none does. */
export function symbolsOf(result: OcrResult, value: string): OcrSymbol[] | null {
  const target = [...value.replace(/\s+/g, '')].map(canonical).join('');
  if (target === '') return null;
  const byLine = new Map<number, OcrResult['words']>();
  for (const word of result.words) {
    if (word.line === undefined || !word.symbols) continue;
    byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  }
  for (const words of byLine.values()) {
    const symbols = [...words].sort((a, b) => a.box[0] - b.box[0]).flatMap((word) => word.symbols ?? []).filter((symbol) => symbol.text.trim() !== '');
    const text = symbols.map((symbol) => canonical(symbol.text)).join('');
    const at = text.indexOf(target);
    if (at < 0) continue;
    // Symbols are single characters: the offset in the text is the offset in the run.
    if (symbols.some((symbol) => [...canonical(symbol.text)].length !== 1)) continue;
    return symbols.slice(at, at + [...target].length);
  }
  return null;
}

/**
 * Changes to the engine's reading up to which a reading that passes a check character is a clear
 * choice: with more, the search has tried so many strings that one passing a one-in-31 check by
 * chance is likely (a 19-character reading of a credit code, one letter changed and one dropped,
 * passed its check as a wrong id).
 */
const MAX_CLEAR_EDITS = 1;

function choose(candidates: Candidate[]): { text: string; confidence: number } | null {
  const [best, second] = candidates;
  if (!best) return null;
  const clear = (!second || second.cost - best.cost >= CLEAR_GAP) && best.edits <= MAX_CLEAR_EDITS;
  return { text: best.text, confidence: clear ? CLEAR_CHOICE_CONFIDENCE : CLOSE_CHOICE_CONFIDENCE };
}

/**
 * A party name read together with the 密码区 beside it (its cipher text of digits and <>*+-/ runs on
 * the same line): the name ends before the cipher. Names carry none of those marks.
 */
function withoutCipherTail(name: string): string | null {
  const cipher = /[<>*/+#=]/.exec(name);
  if (!cipher) return name;
  const head = name.slice(0, cipher.index).replace(/[^\u4e00-\u9fff)）]+$/u, '');
  return [...head].length >= 2 ? head : null;
}

/** Legal forms a company name ends with; a name that is nothing but one was cut short. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '分公司', '公司'];
/** Confidence of a party name that is only its legal form (the distinctive part was not read). */
const CUT_NAME_CONFIDENCE = 0.2;
/** Confidence of a party name whose legal form was mended (one character of 有限公司 misread). */
const MENDED_FORM_CONFIDENCE = 0.6;

/**
 * A party name that breaks the vocabulary of company names: only a legal form (股份有限公司: the
 * name before it was not read) gets a low confidence; a legal form with one of its characters
 * misread ("贸易朋限公司", "网络有隅公司", "网络有限公可") is mended, unsure. Null when the name is plausible.
 */
export function checkCompanyName(name: string): { text: string; confidence: number } | null {
  if (LEGAL_FORMS.includes(name)) return { text: name, confidence: CUT_NAME_CONFIDENCE };
  const misreadForm = /([^有\s])限(责任)?公司$|有([^限\s])(责任)?公司$|有限(责任)?公([^司\s])$/u.exec(name);
  if (misreadForm && [...name].length > 5) {
    const responsibility = misreadForm[2] ?? misreadForm[4] ?? misreadForm[5] ?? '';
    return { text: `${name.slice(0, misreadForm.index)}有限${responsibility}公司`, confidence: MENDED_FORM_CONFIDENCE };
  }
  return null;
}

/**
 * A credit-code taxpayer id read as 17 to 19 characters, or as 18 with a wrong check character. Not 17
 * characters as a code's first: its check character was lost (completeLostCheckCharacters), and a
 * code made up of the engine's alternatives, or of the region read again, may pass the check by chance.
 */
export function needsTaxIdCorrection(value: string): boolean {
  if (value.length === 18) return !usccValid(value) && !residentIdValid(value);
  if (withLostCheckCharacter(value)) return false;
  return (value.length === 17 || value.length === 19) && /^[0-9A-Z]+$/.test(value) && /^[0-9A-Z]{2}\d{6}/.test(value);
}

/**
 * The grammar-conforming reading of a taxpayer id, or null when none is within the alternatives;
 * unsure when it overrules a character the engine read surely for one it hardly weighed.
 */
export function correctTaxId(symbols: OcrSymbol[]): { text: string; confidence: number } | null {
  const chosen = choose(searchReadings(symbols, 18, usccAllowed, usccValid));
  // A check passed by chance with an authority and a kind of organisation that never go together.
  if (chosen && !usccWellFormed(chosen.text)) return null;
  if (!chosen || symbols.length !== 18) return chosen;
  // A character the engine read surely, changed to one it hardly weighed: the check's reading is
  // often right (a sure misreading), but the print itself may fail its check (a made-up or mistyped
  // id) and a weak alternative pass it by chance: the choice is not clear.
  const overruled = symbols.some((symbol, position) => {
    const ch = chosen.text[position]!;
    if (canonical(symbol.text) === ch || symbol.confidence < UNSURE_SYMBOL) return false;
    return !symbol.choices.some((choice) => canonical(choice.text) === ch && choice.confidence >= WEIGHED_CHOICE);
  });
  return overruled ? { text: chosen.text, confidence: Math.min(chosen.confidence, CLOSE_CHOICE_CONFIDENCE) } : chosen;
}

/** Below this confidence the engine's reading of a character is unsure (the sure characters of an id read at about 0.9). */
const UNSURE_SYMBOL = 0.8;
/** Unsure characters of an 18-character reading up to which the check character may place the fault. */
const MAX_UNSURE_SYMBOLS = 3;

/**
 * A credit code read as 18 characters that fails its check, where the fault can be placed among the
 * characters the engine read unsurely (the others read surely): the only unsure character set to what
 * the check requires, or, of several unsure ones, the only change to a character the engine listed
 * for it (at any confidence) that passes the check. Always a close choice: the fault may lie in a
 * character read surely. Null when no unsure character, too many, or no single change places it.
 */
export function checkPlacedTaxId(symbols: OcrSymbol[]): { text: string; confidence: number } | null {
  if (symbols.length !== 18) return null;
  const read = symbols.map((symbol) => canonical(symbol.text));
  if (read.some((ch, position) => !usccAllowed(position, ch)) || usccValid(read.join(''))) return null;
  const unsure = symbols.flatMap((symbol, position) => (symbol.confidence < UNSURE_SYMBOL ? [position] : []));
  if (unsure.length === 0 || unsure.length > MAX_UNSURE_SYMBOLS) return null;
  const placed: { text: string; listed: boolean }[] = [];
  for (const position of unsure) {
    for (const ch of USCC_CHARS) {
      if (ch === read[position] || !usccAllowed(position, ch)) continue;
      const text = read.map((old, at) => (at === position ? ch : old)).join('');
      if (usccValid(text)) placed.push({ text, listed: symbols[position]!.choices.some((choice) => canonical(choice.text) === ch) });
    }
  }
  const chosen = unsure.length === 1 ? placed : placed.filter((candidate) => candidate.listed);
  return chosen.length === 1 && usccWellFormed(chosen[0]!.text) ? { text: chosen[0]!.text, confidence: CLOSE_CHOICE_CONFIDENCE } : null;
}

/**
 * The reading of a taxpayer id read as 17 or 19 characters that has the length and alphabet of a
 * credit code without passing its check (a doubled character dropped, a letter the code never uses
 * read as its alternative), at a low confidence; null when none is within the alternatives.
 */
export function shapeOnlyTaxId(symbols: OcrSymbol[]): { text: string; confidence: number } | null {
  const chosen = choose(searchReadings(symbols, 18, usccAllowed, () => true));
  return chosen && { text: chosen.text, confidence: SHAPE_ONLY_CONFIDENCE };
}

/** Confidence at or above which the engine weighed a character seriously at a place. */
const WEIGHED_CHOICE = 0.5;
/** Cost of dropping one of a glyph's two readings (the engine read it twice). */
const DOUBLED_DROP_COST = 0.1;

/**
 * Whether symbols `index` and `index + 1` are one glyph the engine read twice: two different
 * characters, each listing the other among its alternatives, both weighed seriously ("4d" for a "4"
 * whose two readings are 4 0.94/d 0.89 and d 0.90/4 0.88). Two alike characters ("44") are not: a
 * doubled digit is as often printed.
 */
export function readTwice(symbols: readonly OcrSymbol[], index: number): boolean {
  const first = symbols[index];
  const second = symbols[index + 1];
  if (!first || !second) return false;
  const [a, b] = [canonical(first.text), canonical(second.text)];
  if (a === b) return false;
  const weighs = (symbol: OcrSymbol, ch: string) => symbol.choices.some((choice) => canonical(choice.text) === ch && choice.confidence >= WEIGHED_CHOICE);
  return weighs(first, a) && weighs(first, b) && weighs(second, a) && weighs(second, b);
}

function oldTaxIdAllowed(position: number, ch: string): boolean {
  return position < 6 ? DIGIT.test(ch) : /^[0-9A-Z]$/.test(ch);
}

/** A taxpayer id of the old 15-character form read one character too long, or with a letter in its region code. */
export function needsOldTaxIdCorrection(value: string): boolean {
  if (value.length === OLD_TAX_ID_LENGTH) return /^[0-9A-Z]+$/.test(value) && !/^\d{6}/.test(value);
  return value.length === OLD_TAX_ID_LENGTH + 1 && /^[0-9A-Z]+$/.test(value);
}

/**
 * The 15-character reading of a taxpayer id of the old form (region code in digits), from the
 * engine's alternatives: a character dropped only where the engine read one glyph twice (readTwice),
 * so a reading one character too long for another reason (a credit code missing two) is not cut to
 * fit. The old form has no check character: the value is always unsure. Null when no reading fits.
 */
export function correctOldTaxId(symbols: OcrSymbol[]): { text: string; confidence: number } | null {
  const extra = symbols.length - OLD_TAX_ID_LENGTH;
  if (extra < 0 || extra > 1) return null;
  const twice = new Set(symbols.flatMap((_, index) => (readTwice(symbols, index) ? [index, index + 1] : [])));
  if (extra === 1 && twice.size === 0) return null;
  const chosen = choose(searchReadings(symbols, OLD_TAX_ID_LENGTH, oldTaxIdAllowed, () => true, (index) => (twice.has(index) ? DOUBLED_DROP_COST : Infinity)));
  return chosen && { text: chosen.text, confidence: CLOSE_CHOICE_CONFIDENCE };
}

/** The digit-only reading of `length` digits, or null. */
export function correctDigits(symbols: OcrSymbol[], length: number): { text: string; confidence: number } | null {
  return choose(searchReadings(symbols, length, (_, ch) => DIGIT.test(ch), () => true));
}

/**
 * The party names the page's reading holds with a weightless character (WEIGHTLESS_SYMBOL) made
 * unsure, once every other reading of the page is done (a name made unsure before would be read
 * again from its region, and a second reading sure of another character would replace it).
 */
export function doubtWeightlessNames(draft: InvoiceDraft, result: OcrResult): void {
  for (const field of ['buyerName', 'sellerName'] as const) {
    const read = draft.values[field];
    const symbols = read && (draft.confidence[field] ?? 0) > WEIGHTLESS_NAME_CONFIDENCE ? symbolsOf(result, read) : null;
    if (read && symbols?.some((symbol) => symbol.confidence < WEIGHTLESS_SYMBOL)) draft.confidence[field] = WEIGHTLESS_NAME_CONFIDENCE;
  }
}

/** A party name read with this confidence at least is sure: its words are not mended, and a second reading alike need not be sure to vouch for it (field-regions.ts). */
export const SURE_NAME_CONFIDENCE = 0.8;
/** Confidence at most of a party name whose characters the words of company names chose (company-words.ts): mended here, or chosen among readings (field-regions.ts). */
export const WORDED_NAME_CONFIDENCE = 0.6;

/**
 * The party names read unsurely with a place or trade word one character off mended, a city misread
 * further with the one the party's taxpayer id says it registered in (nameWithWordsMended), unsure.
 * Called once every other reading of the page is done.
 */
export function mendNameWords(draft: InvoiceDraft): void {
  for (const [field, taxIdField] of [['buyerName', 'buyerTaxId'], ['sellerName', 'sellerTaxId']] as const) {
    const read = draft.values[field];
    const confidence = draft.confidence[field] ?? 0;
    const mended = read && confidence < SURE_NAME_CONFIDENCE ? nameWithWordsMended(read, regionOfTaxId(draft.values[taxIdField])) : null;
    if (mended) setField(draft, field, mended, Math.min(confidence, WORDED_NAME_CONFIDENCE), draft.boxes[field]);
  }
}

/** Confidence of a credit code whose check character was computed, not read. */
const COMPLETED_CHECK_CONFIDENCE = 0.5;

/**
 * The taxpayer ids the page's reading ends with that are a credit code's first 17 characters, its
 * check character lost (at the print's edge, under a seal's ink, in the gap before the next cell):
 * completed with the check character they call for, unsure. Only where the 17 are as a code's are (an
 * authority and a kind that go together, the region in digits) and hold an organisation code that
 * passes its own check: a character lost before the end would shift that code, which then fails its
 * check ten times in eleven.
 */
export function completeLostCheckCharacters(draft: InvoiceDraft): void {
  for (const field of ['buyerTaxId', 'sellerTaxId'] as const) {
    const completed = withLostCheckCharacter(draft.values[field]);
    if (completed) setField(draft, field, completed, Math.min(draft.confidence[field] ?? COMPLETED_CHECK_CONFIDENCE, COMPLETED_CHECK_CONFIDENCE), draft.boxes[field]);
  }
}

/** Characters a taxpayer id read too long may hold at most that the print has not (a piece of a glyph read as a character, a character read twice). */
const MAX_STRAY_CHARACTERS = 2;

/** The provinces (GB/T 2260's first two digits) of the cities of CITY_OF_REGION_CODE. */
const PROVINCE_REGIONS = new Set([...CITY_OF_REGION_CODE.keys()].map((region) => region.slice(0, 2)));

/** Whether a credit code's region (its third to sixth characters) is a city's, or a province's own (xx00). */
function regionKnown(code: string): boolean {
  const region = code.slice(2, 6);
  return CITY_OF_REGION_CODE.has(region) || (region.endsWith('00') && PROVINCE_REGIONS.has(region.slice(0, 2)));
}

/**
 * The credit code a taxpayer id read one or two characters too long holds once its stray characters
 * are dropped: the one way of dropping them that leaves a code as can be issued (usccWellFormed: its
 * check character and its organisation code's both right, an authority and a kind that go together)
 * registered in a known region (regionKnown), or a resident id (residentIdValid: a person's id, which
 * a sole trader's may be). Null where no way or several do. A reading that only
 * gained characters ("9131901901MA1FPAPM5H", "92330781MRA2EBDMFU50" of 96-dpi screenshots) holds its
 * code; one that misread a character as well seldom leaves exactly one such code, two checks passing
 * one time in 341 (of 400 made-up codes with two characters put in, 370 came out right and none
 * wrong; with a character misread too, 26 came out wrong), which is why the code taken is unsure.
 */
export function withoutStrayCharacters(id: string): string | null {
  const strays = id.length - 18;
  if (strays < 1 || strays > MAX_STRAY_CHARACTERS || !/^[0-9A-Z]+$/.test(id)) return null;
  const codes = new Set<string>();
  const drop = (text: string, from: number, left: number): void => {
    if (left === 0) {
      if ((usccWellFormed(text) && /^\d{6}$/.test(text.slice(2, 8)) && regionKnown(text)) || residentIdValid(text)) codes.add(text);
      return;
    }
    for (let at = from; at < text.length; at++) drop(text.slice(0, at) + text.slice(at + 1), at, left - 1);
  };
  drop(id, 0, strays);
  return codes.size === 1 ? [...codes][0]! : null;
}

/**
 * The taxpayer ids the page's reading ends with one or two characters too long, their stray
 * characters dropped where that leaves exactly one code as can be issued (withoutStrayCharacters),
 * unsure. Called once every other reading of the page is done.
 */
export function dropStrayCharacters(draft: InvoiceDraft): void {
  for (const field of ['buyerTaxId', 'sellerTaxId'] as const) {
    const id = draft.values[field];
    const code = id && withoutStrayCharacters(id);
    if (code) setField(draft, field, code, Math.min(draft.confidence[field] ?? CLOSE_CHOICE_CONFIDENCE, CLOSE_CHOICE_CONFIDENCE), draft.boxes[field]);
  }
}

/** Characters of a credit code's alphabet that OCR reads one for another (T read as 7, A as 4), each group alike. */
const LOOKALIKE_CODE_CHARACTERS = ['0DQU', '2Z', '4A', '6G', '7TY', '8B', 'EF', 'HN', 'MN', 'PR'];

function lookAlike(a: string, b: string): boolean {
  return LOOKALIKE_CODE_CHARACTERS.some((group) => group.includes(a) && group.includes(b));
}

/**
 * The credit codes the page's reading ends with that fail their check, or pass it unsurely, mended
 * by their party's city: a code holds the region its holder registered in (its third to sixth
 * characters), and a company registers in the city its name begins with (regionCodesOfNamedCity).
 * Where the region read is that city's or one digit from it, and the code with the city's region
 * calls for a check character that is the one read or one it looks like (T for 7, A for 4), the code
 * is taken, unsure: the region or the check character or both were misread ("914411016640412437"
 * of 广州… for 91440101664041243T; "91440800MA5FYWC334" of 深圳市…, which passes its check by chance,
 * for 91440300MA5FYWC33A). Only where exactly one of the city's codes does so and the code is one as can
 * be issued (usccWellFormed: its organisation code passes its own check). A code read surely that
 * passes its check stays: a company that moved keeps its code under its new city's name.
 * An old 15-digit id read unsurely, whose first four digits (its city's region) are one digit from
 * the named city's, takes the city's, unsure: it has no check character to say more ("440400…" of
 * 深圳市… for 440300…, L01 of the eleventh set). The name's city is taken with one misread character
 * mended (nameWithWordsMended: "漆圳市" is 深圳市).
 */
export function mendTaxIdsByPartyCity(draft: InvoiceDraft): void {
  for (const [taxIdField, nameField] of [['buyerTaxId', 'buyerName'], ['sellerTaxId', 'sellerName']] as const) {
    const id = draft.values[taxIdField];
    const confidence = draft.confidence[taxIdField] ?? 0;
    const name = draft.values[nameField];
    // The city as the name has it, one misread character of it mended ("漆圳市…" is of 深圳).
    const regions = regionCodesOfNamedCity(name && (nameWithWordsMended(name) ?? name));
    if (id?.length === OLD_TAX_ID_LENGTH && /^\d+$/.test(id)) {
      if (confidence >= UNSURE_SYMBOL || regions.includes(id.slice(0, 4))) continue;
      const near = regions.filter((region) => placesApart(region, id.slice(0, 4)) === 1);
      if (near.length === 1) setField(draft, taxIdField, `${near[0]}${id.slice(4)}`, Math.min(confidence, CLOSE_CHOICE_CONFIDENCE), draft.boxes[taxIdField]);
      continue;
    }
    if (id?.length !== 18 || !/^[0-9A-Z]{2}\d{6}[0-9A-Z]{10}$/.test(id) || residentIdValid(id) || (usccWellFormed(id) && confidence >= UNSURE_SYMBOL)) continue;
    const mended = regions.flatMap((region) => {
      if (placesApart(region, id.slice(2, 6)) > 1) return [];
      const body = `${id.slice(0, 2)}${region}${id.slice(6, 17)}`;
      const check = usccCheckCharacter(body);
      const code = `${body}${check}`;
      return check !== null && code !== id && (check === id[17] || lookAlike(check, id[17]!)) && usccWellFormed(code) ? [code] : [];
    });
    if (mended.length === 1) setField(draft, taxIdField, mended[0]!, Math.min(confidence, CLOSE_CHOICE_CONFIDENCE), draft.boxes[taxIdField]);
  }
}

/**
 * The taxpayer ids the page's reading ends with that fail their check (18 characters, neither a
 * credit code as one can be issued, usccWellFormed, nor a resident id) made unsure, however surely each character was read:
 * the print may fail its check (a mistyped id) or the reading a character; either way a reviewer
 * looks. Called once every other reading of the page is done.
 */
export function doubtFailedTaxIds(draft: InvoiceDraft): void {
  for (const field of ['buyerTaxId', 'sellerTaxId'] as const) {
    const id = draft.values[field];
    if (id?.length === 18 && !usccWellFormed(id) && !residentIdValid(id)) draft.confidence[field] = Math.min(draft.confidence[field] ?? 0, CLOSE_CHOICE_CONFIDENCE);
  }
}

/**
 * Corrects, from the engine's alternatives, the taxpayer ids, invoice number and code of an OCR
 * draft that break their grammar. Values that keep it are left alone; values no reading can mend
 * keep their reading (the checks report them).
 */
export function correctFieldsByGrammar(draft: InvoiceDraft, result: OcrResult): void {
  for (const field of ['buyerName', 'sellerName'] as const) {
    const name = draft.values[field];
    const trimmed = name && withoutCipherTail(name);
    if (trimmed && trimmed !== name) setField(draft, field, trimmed, Math.min(CLOSE_CHOICE_CONFIDENCE, draft.confidence[field] ?? 1), draft.boxes[field]);
    const checked = draft.values[field] && checkCompanyName(draft.values[field]!);
    if (checked) setField(draft, field, checked.text, Math.min(checked.confidence, draft.confidence[field] ?? 1), draft.boxes[field]);
  }
  for (const field of ['buyerTaxId', 'sellerTaxId'] as const) {
    const value = draft.values[field];
    if (value && needsOldTaxIdCorrection(value)) {
      const symbols = symbolsOf(result, value);
      const corrected = symbols && correctOldTaxId(symbols);
      if (corrected) setField(draft, field, corrected.text, corrected.confidence, draft.boxes[field]);
      continue;
    }
    if (!value || !needsTaxIdCorrection(value)) continue;
    const symbols = symbolsOf(result, value);
    const corrected = symbols && (correctTaxId(symbols) ?? (value.length === 18 ? checkPlacedTaxId(symbols) : shapeOnlyTaxId(symbols)));
    if (corrected) setField(draft, field, corrected.text, corrected.confidence, draft.boxes[field]);
  }
  const number = draft.values.invoiceNumber;
  if (number && !isInvoiceNumberForm(number)) {
    const symbols = symbolsOf(result, number);
    const length = number.length >= 14 ? 20 : 8;
    const corrected = symbols && correctDigits(symbols, length);
    if (corrected) setField(draft, 'invoiceNumber', corrected.text, Math.min(CLOSE_CHOICE_CONFIDENCE, corrected.confidence), draft.boxes.invoiceNumber);
  }
  const code = draft.values.invoiceCode;
  if (code && !isInvoiceCodeForm(code)) {
    const symbols = symbolsOf(result, code);
    const length = code.length >= 11 ? 12 : 10;
    const corrected = symbols && correctDigits(symbols, length);
    if (corrected) setField(draft, 'invoiceCode', corrected.text, Math.min(CLOSE_CHOICE_CONFIDENCE, corrected.confidence), draft.boxes.invoiceCode);
  }
}
