// Image dimensions from the header alone, so a pixel cap is enforced before any decoder runs, and the
// EXIF orientation a phone writes into a JPEG instead of turning its pixels.

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

/** The Orientation tag (0x0112) of an APP1 EXIF block (TIFF structure after "Exif\0\0"); 1 when absent. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 14 || String.fromCharCode(...bytes.subarray(start, start + 4)) !== 'Exif') return 1;
  const tiff = start + 6;
  const little = bytes[tiff] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tiff + 8 > end) return 1;
  const directory = tiff + view.getUint32(tiff + 4, little);
  if (directory + 2 > end) return 1;
  const entries = view.getUint16(directory, little);
  for (let i = 0; i < entries; i++) {
    const entry = directory + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** EXIF orientation (1–8) of a JPEG: the APP1 segments before its frame header. */
export function readJpegOrientation(bytes: Uint8Array): number {
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xda || SOF_MARKERS.has(marker)) break;
    const length = (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
    if (marker === 0xe1) {
      const orientation = exifOrientation(bytes, offset + 4, Math.min(bytes.length, offset + 2 + length));
      if (orientation !== 1) return orientation;
    }
    offset += 2 + length;
  }
  return 1;
}

/** RIFF/WEBP size from its first image chunk (lossy VP8, lossless VP8L or extended VP8X). */
export function readWebpHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < 30) return { ok: false, reason: 'the WEBP file ends inside its header' };
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const at = 20;
  const size = chunk === 'VP8 '
    ? { width: (bytes[at + 6]! | (bytes[at + 7]! << 8)) & 0x3fff, height: (bytes[at + 8]! | (bytes[at + 9]! << 8)) & 0x3fff }
    : chunk === 'VP8L'
      ? { width: ((bytes[at + 1]! | (bytes[at + 2]! << 8)) & 0x3fff) + 1, height: (((bytes[at + 2]! >> 6) | (bytes[at + 3]! << 2) | (bytes[at + 4]! << 10)) & 0x3fff) + 1 }
      : chunk === 'VP8X'
        ? { width: 1 + (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16)), height: 1 + (bytes[at + 7]! | (bytes[at + 8]! << 8) | (bytes[at + 9]! << 16)) }
        : null;
  if (!size) return { ok: false, reason: `the WEBP file starts with an unknown chunk (${chunk})` };
  const { width, height } = size;
  if (width === 0 || height === 0) return { ok: false, reason: `the WEBP header declares an empty image (${width}×${height})` };
  return { ok: true, width, height };
}

function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
}

/**
 * Format and size (as stored) of a PNG, JPEG or WEBP from its header, and a JPEG's EXIF
 * orientation when it is not upright; null for anything else or a damaged header.
 */
export function probeImage(bytes: Uint8Array): { width: number; height: number; format: 'png' | 'jpeg' | 'webp'; orientation?: number } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const header = readPngHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'png' } : null;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const header = readJpegHeader(bytes);
    if (!header.ok) return null;
    const orientation = readJpegOrientation(bytes);
    return { width: header.width, height: header.height, format: 'jpeg', ...(orientation === 1 ? {} : { orientation }) };
  }
  if (isWebp(bytes)) {
    const header = readWebpHeader(bytes);
    return header.ok ? { width: header.width, height: header.height, format: 'webp' } : null;
  }
  return null;
}
