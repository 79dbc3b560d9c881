// Content sniffing: what a file really is, from its first bytes, compared with what its name says.

export const FILE_TYPES = ['pdf', 'ofd', 'xml', 'jpg', 'png', 'webp', 'csv', 'xlsx', 'json', 'zip'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const EXTENSION_TYPES: Record<string, FileType> = {
  pdf: 'pdf', ofd: 'ofd', xml: 'xml', jpg: 'jpg', jpeg: 'jpg', png: 'png', webp: 'webp', csv: 'csv',
  xlsx: 'xlsx', json: 'json', zip: 'zip',
};

export function typeFromExtension(extension: string): FileType | null {
  return EXTENSION_TYPES[extension] ?? null;
}

/** The file types that are pictures: read by OCR, one page each (also the names sniffContent gives their contents). */
export const PICTURE_FILE_TYPES: ReadonlySet<string> = new Set<FileType>(['jpg', 'png', 'webp']);

export type SniffedContent =
  | 'pdf' | 'png' | 'jpg' | 'zip' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'heif' | 'rar' | '7z' | 'gzip'
  | 'ole' | 'exe' | 'elf' | 'text' | 'unknown';

const LABELS: Record<SniffedContent, string> = {
  pdf: 'a PDF document', png: 'a PNG image', jpg: 'a JPEG image', zip: 'a zip container', gif: 'a GIF image',
  bmp: 'a BMP image', tiff: 'a TIFF image', webp: 'a WebP image', heif: 'a HEIC/HEIF photo (as phones save them)', rar: 'a RAR archive', '7z': 'a 7-Zip archive',
  gzip: 'a gzip archive', ole: 'an old Office (OLE) document', exe: 'a Windows program', elf: 'a Linux program',
  text: 'text', unknown: 'unrecognised binary data',
};

export function describeContent(content: SniffedContent): string {
  return LABELS[content];
}

/** Pictures the import does not read; a JPEG or PNG copy of one is read. */
const UNREAD_PICTURES: ReadonlySet<SniffedContent> = new Set(['heif', 'tiff', 'bmp', 'gif']);

/** What the reviewer can do with a file of this content that is not read; empty for any other content. */
export function howToImport(content: SniffedContent): string {
  return UNREAD_PICTURES.has(content) ? '; save the picture as JPEG or PNG to import it' : '';
}

/** Major brands of the HEIF family (ISO/IEC 23008-12: HEIC from phones, AVIF), at offset 8 after the 'ftyp' box type. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

function isHeif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4) || bytes.length < 12) return false;
  return HEIF_BRANDS.has(String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!));
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

/** PDF allows up to 1024 bytes of junk before %PDF-; that is where readers look for it. */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return i;
  }
  return -1;
}

/**
 * Magic numbers first, each at offset 0: a stored zip, an image or a program is what its first bytes
 * say even when `%PDF-` appears a little later. Only then a PDF preceded by junk (readers accept up to
 * 1,024 bytes of it), and never for markup or plain text, which may quote `%PDF-` anywhere.
 */
export function sniffContent(bytes: Uint8Array): SniffedContent {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  const magic = sniffMagic(bytes);
  if (magic) return magic;
  const text = looksLikeText(bytes);
  if (!text && !startsLikeMarkup(bytes) && pdfHeaderOffset(bytes) >= 0) return 'pdf';
  return text ? 'text' : 'unknown';
}

function sniffMagic(bytes: Uint8Array): SniffedContent | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (isHeif(bytes)) return 'heif';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'rar';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'exe';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  return null;
}

/** Text: a UTF-16 BOM, or no NUL bytes and few control characters in the first 4 KB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control * 100 <= sample.length;
}

const LEADING_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

/** Markup (XML): the first character after a UTF-8 BOM and leading spaces, within 512 bytes, is '<'. */
export function startsLikeMarkup(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 512);
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < limit && LEADING_SPACE.has(bytes[at]!)) at++;
  return at < limit && bytes[at] === 0x3c;
}

/** Which contents each declared type accepts. */
export function contentMatchesType(type: FileType, content: SniffedContent): boolean {
  switch (type) {
    case 'pdf': return content === 'pdf';
    case 'png': return content === 'png';
    case 'jpg': return content === 'jpg';
    case 'webp': return content === 'webp';
    case 'ofd': case 'xlsx': case 'zip': return content === 'zip';
    case 'xml': case 'csv': case 'json': return content === 'text';
  }
}
