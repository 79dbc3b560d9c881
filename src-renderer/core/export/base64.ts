// Base64 for the pure core (no atob/btoa/Buffer in its ES2023 library).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!, b1 = bytes[i + 1], b2 = bytes[i + 2];
    const triple = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]!;
    out += b1 === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!;
    out += b2 === undefined ? '=' : ALPHABET[triple & 63]!;
  }
  return out;
}

/** Decodes standard base64 as written by encodeBase64 (no line breaks); null for anything else. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text;
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((clean.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const quad = [0, 1, 2, 3].map((k) => LOOKUP.get(clean[i + k]!) ?? 0);
    const triple = (quad[0]! << 18) | (quad[1]! << 12) | (quad[2]! << 6) | quad[3]!;
    for (const shift of [16, 8, 0]) if (at < bytes.length) bytes[at++] = (triple >> shift) & 255;
  }
  return bytes;
}
