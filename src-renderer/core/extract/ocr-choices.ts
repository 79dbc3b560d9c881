// Per-character alternatives of the OCR engine. Tesseract's LSTM, asked with lstm_choice_mode=2,
// writes for every character of its hOCR the characters it weighed at that place, with their
// confidence; the field grammars (taxpayer ids with their check character, digit-only numbers)
// choose among them instead of deleting or guessing characters.
import type { OcrResult, OcrSymbol } from '../ports';

/** Engine parameters that make the hOCR carry the alternatives (per character, from the CTC decoder). */
export const OCR_CHOICE_PARAMETERS = { lstm_choice_mode: '2' } as const;

/**
 * The cascading beam-search iterations that gather a page read's alternatives (tesseract's
 * lstm_choice_iterations: 5 unless set, as line reads keep them). Two give the grammars the
 * alternatives they choose among on every picture benched (the same fields on all of them as five)
 * at about 7% less of the engine's time on a page; one lost two taxpayer ids.
 */
export const PAGE_CHOICE_PARAMETERS = { lstm_choice_iterations: '2' } as const;

/** Confidence of a character the engine's alternatives do not account for. */
const UNALIGNED_CONFIDENCE = 0.3;

interface HocrWord {
  box: [number, number, number, number];
  symbols: OcrSymbol[];
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", apos: "'" })[name] ?? '');
}

/**
 * The words of an hOCR page with, for each character, its alternatives (best first, confidence 0–1):
 * the word's text is followed by one lstm_choices group per character.
 */
export function readHocrWords(hocr: string): HocrWord[] {
  const words: HocrWord[] = [];
  for (const part of hocr.split("<span class='ocrx_word'").slice(1)) {
    const bbox = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(part);
    if (!bbox) continue;
    const [x0, y0, x1, y1] = bbox.slice(1, 5).map(Number) as [number, number, number, number];
    const body = part.slice(part.indexOf('>') + 1);
    const text = [...decodeEntities(body.replace(/<span class='ocrx_cinfo' id='lstm_choices[\s\S]*$/, '').replace(/<[^>]*>/g, '')).replace(/\s+/g, '')];
    const groups = [...body.matchAll(/id='lstm_choices[^']*'>([\s\S]*?)<\/span>\s*<\/span>/g)].map((group) =>
      [...group[1]!.matchAll(/title='x_confs ([\d.]+)'>([^<]*)(?:<|$)/g)].map((choice) => ({ text: decodeEntities(choice[2]!), confidence: Number(choice[1]) / 100 })));
    // Groups and characters are aligned in order: a group whose choices do not hold the character
    // read there (a blank step before the word) is skipped; a character no nearby group holds (the
    // engine doubled it) stands alone, as uncertain.
    const symbols: OcrSymbol[] = [];
    let next = 0;
    for (const ch of text) {
      let found = -1;
      for (let k = next; k < Math.min(groups.length, next + 2) && found < 0; k++) if (groups[k]!.some((choice) => choice.text === ch)) found = k;
      if (found < 0) {
        symbols.push({ text: ch, confidence: UNALIGNED_CONFIDENCE, choices: [{ text: ch, confidence: UNALIGNED_CONFIDENCE }] });
        continue;
      }
      const choices = groups[found]!;
      next = found + 1;
      symbols.push({ text: ch, confidence: choices.find((choice) => choice.text === ch)!.confidence, choices });
    }
    if (groups.length > 0) words.push({ box: [x0, y0, x1 - x0, y1 - y0], symbols });
  }
  return words;
}

/**
 * Gives each word of an OCR result the per-character alternatives of the hOCR word at the same box
 * whose characters spell it (the engine's JSON and hOCR list the same words).
 */
export function attachSymbolChoices(result: OcrResult, hocr: string | null | undefined): OcrResult {
  if (!hocr) return result;
  const byBox = new Map<string, OcrSymbol[]>();
  for (const word of readHocrWords(hocr)) byBox.set(word.box.join(','), word.symbols);
  for (const word of result.words) {
    const symbols = byBox.get(word.box.join(','));
    if (symbols && symbols.length > 0 && symbols.map((symbol) => symbol.text).join('') === word.text.replace(/\s+/g, '')) word.symbols = symbols;
  }
  return result;
}
