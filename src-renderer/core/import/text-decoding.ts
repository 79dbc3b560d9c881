// Text decoding for file names and spreadsheets. TextDecoder is a WHATWG API present in every
// runtime this engine runs in (Node 22, Chromium, workers), but it is not part of the ES2023 lib
// the pure core compiles against, so only the shape used here is declared.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input: Uint8Array): string };
};

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

/** Decodes strictly; returns null when the bytes are not valid in that encoding. */
export function decodeStrict(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes a text file whose encoding is not declared: a UTF-8 or UTF-16 byte-order mark wins;
 * otherwise valid UTF-8 is UTF-8 and anything else is read as GBK (what Chinese Excel and WPS
 * write for "CSV"). The BOM is removed.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeLenient(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeLenient(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeLenient(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeLenient(bytes, 'gbk'), encoding: 'gbk' };
}

function decodeLenient(bytes: Uint8Array, encoding: TextEncodingName): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/**
 * One character per byte (windows-1252), so offsets in the string are offsets in the file: used to
 * look at the ASCII structure of PDFs.
 */
export function decodeBytesAsLatin1(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}

/** Zip entry names: UTF-8 when flagged or valid, else GBK (Windows zip tools on Chinese systems). */
export function decodeFileName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return decodeLenient(bytes, 'utf-8');
  let ascii = true;
  for (const byte of bytes) if (byte >= 0x80) { ascii = false; break; }
  if (ascii) return decodeLenient(bytes, 'utf-8');
  return decodeStrict(bytes, 'utf-8') ?? decodeLenient(bytes, 'gbk');
}
