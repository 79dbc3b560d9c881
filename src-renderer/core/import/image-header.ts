// Image dimensions from the header alone, so a pixel cap is enforced before any decoder runs.

export type ImageHeader = { ok: true; width: number; height: number } | { ok: false; reason: string };

function u32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

export function readPngHeader(bytes: Uint8Array): ImageHeader {
  // Signature (8), IHDR length (4) = 13, "IHDR", width, height.
  if (bytes.length < 33) return { ok: false, reason: 'the PNG file ends inside its header' };
  if (u32be(bytes, 8) !== 13 || String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') {
    return { ok: false, reason: 'the PNG file has no IHDR header where it must be' };
  }
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  if (width === 0 || height === 0) return { ok: false, reason: `the PNG header declares an empty image (${width}×${height})` };
  return { ok: true, width, height };
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function readJpegHeader(bytes: Uint8Array): ImageHeader {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return { ok: false, reason: 'the JPEG file has a damaged marker before its frame header' };
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) { offset++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { offset += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return { ok: false, reason: 'the JPEG file has no frame header before its image data' };
    const length = (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
    if (length < 2) return { ok: false, reason: 'the JPEG file has a segment of impossible length' };
    if (SOF_MARKERS.has(marker)) {
      if (offset + 9 > bytes.length) break;
      const height = (bytes[offset + 5]! << 8) + bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) + bytes[offset + 8]!;
      if (width === 0 || height === 0) return { ok: false, reason: `the JPEG header declares an empty image (${width}×${height})` };
      return { ok: true, width, height };
    }
    offset += 2 + length;
  }
  return { ok: false, reason: 'the JPEG file ends before its frame header' };
}

/** Format and size of a PNG or JPEG from its header; null for anything else or a damaged header. */
export function probeImage(bytes: Uint8Array): { width: number; height: number; format: 'png' | 'jpeg' } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const header = readPngHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'png' } : null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const header = readJpegHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'jpeg' } : null;
  }
  return null;
}
