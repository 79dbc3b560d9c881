// UTF-8 encoding and decoding for the pure core, whose ES2023 library has no TextEncoder.

export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/** Decodes UTF-8; malformed sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  const continuation = (offset: number) => {
    const byte = bytes[i + offset];
    return byte !== undefined && (byte & 0xc0) === 0x80 ? byte & 0x3f : -1;
  };
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let code = -1;
    let length = 1;
    if (lead < 0x80) code = lead;
    else if (lead >= 0xc2 && lead < 0xe0) {
      const b1 = continuation(1);
      if (b1 >= 0) { code = ((lead & 0x1f) << 6) | b1; length = 2; }
    } else if (lead >= 0xe0 && lead < 0xf0) {
      const b1 = continuation(1), b2 = continuation(2);
      if (b1 >= 0 && b2 >= 0) { code = ((lead & 0x0f) << 12) | (b1 << 6) | b2; length = 3; if (code < 0x800) code = -1; }
    } else if (lead >= 0xf0 && lead < 0xf5) {
      const b1 = continuation(1), b2 = continuation(2), b3 = continuation(3);
      if (b1 >= 0 && b2 >= 0 && b3 >= 0) { code = ((lead & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3; length = 4; if (code < 0x10000 || code > 0x10ffff) code = -1; }
    }
    if (code < 0) { text += '\uFFFD'; i += 1; continue; }
    text += String.fromCodePoint(code);
    i += length;
  }
  return text;
}
