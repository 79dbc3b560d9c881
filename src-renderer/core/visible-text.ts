// Characters a reader cannot see but that change what text means or looks like: bidirectional
// controls (U+202E turns "‮exe.tset" into what reads as "test.exe"), zero-width characters,
// control characters (NUL), line and paragraph separators. Wherever stored text is displayed or
// exported they are shown as 〔U+XXXX〕 so that nothing hides in a name, and flagged.

/**
 * Ranges (inclusive) of invisible or reordering code points: C0 controls but tab, line feed and
 * carriage return; DEL and C1 controls; soft hyphen; Arabic letter mark; Hangul fillers; Khmer
 * inherent vowels; Mongolian selectors; zero-width characters and bidi marks; line/paragraph
 * separators and bidi embeddings/overrides; word joiner, invisible operators and bidi isolates;
 * variation selectors; BOM; interlinear annotation and object replacement controls.
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0x7f, 0x9f], [0xad, 0xad], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5],
  [0x180b, 0x180e], [0x200b, 0x200f], [0x2028, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
  [0xffa0, 0xffa0], [0xfff0, 0xfffb], [0xe0000, 0xe007f],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Whether the text holds a character that is invisible or reorders what is shown. */
export function hasInvisible(text: string): boolean {
  for (const character of text) if (isInvisible(character.codePointAt(0)!)) return true;
  return false;
}

/** The code point as U+XXXX. */
function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every invisible or reordering character replaced by a visible 〔U+XXXX〕. */
export function revealInvisible(text: string): string {
  if (!hasInvisible(text)) return text;
  let out = '';
  for (const character of text) out += isInvisible(character.codePointAt(0)!) ? `〔${codePointLabel(character)}〕` : character;
  return out;
}

/** The invisible characters of a text, each once, as U+XXXX (for a warning naming them). */
export function invisibleCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const character of text) if (isInvisible(character.codePointAt(0)!)) found.add(codePointLabel(character));
  return [...found];
}
