// A defensive zip reader. The central directory is parsed by hand (names, methods, link and
// encryption bits); each entry is then inflated in small chunks through fflate while the bytes
// actually produced are counted, so size, ratio and total limits hold whatever the headers claim.
import { Inflate } from 'fflate';
import type { ImportLimits } from './limits';
import { formatBytes } from './limits';
import type { ImportProblemCode } from './problems';
import { decodeFileName } from './text-decoding';

export interface ZipEntryFailure { name: string; ok: false; code: ImportProblemCode; reason: string }
export interface ZipEntrySuccess { name: string; ok: true; bytes: Uint8Array; compressedSize: number }
export type ZipEntryOutcome = ZipEntrySuccess | ZipEntryFailure;

export type ZipReadResult =
  | { ok: true; entries: ZipEntryOutcome[]; inflatedBytes: number }
  | { ok: false; code: ImportProblemCode; reason: string };

type ZipLimits = Pick<ImportLimits, 'maxFileBytes' | 'maxArchiveEntries' | 'maxArchiveInflatedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes'>;

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  isLink: boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const CHUNK = 64 * 1024;

class ZipFormatError extends Error {}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(data: DataView, offset: number): number {
  const value = data.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a zip64 size is beyond any real file');
  return Number(value);
}

function findEndOfCentralDirectory(bytes: Uint8Array, data: DataView): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= earliest; offset--) {
    if (data.getUint32(offset, true) === SIG_EOCD) return offset;
  }
  return -1;
}

function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): CentralEntry[] {
  const data = view(bytes);
  if (bytes.length < 22) throw new ZipFormatError('the archive is too short to be a zip file');
  const eocd = findEndOfCentralDirectory(bytes, data);
  if (eocd < 0) throw new ZipFormatError('the end of the zip directory is missing (truncated or not a zip file)');
  let count = data.getUint16(eocd + 10, true);
  let directorySize = data.getUint32(eocd + 12, true);
  let directoryOffset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || data.getUint32(locator, true) !== SIG_ZIP64_LOCATOR) throw new ZipFormatError('the zip64 directory locator is missing');
    const record = u64(data, locator + 8);
    if (record + 56 > bytes.length || data.getUint32(record, true) !== SIG_ZIP64_EOCD) throw new ZipFormatError('the zip64 directory record is missing');
    count = u64(data, record + 32);
    directorySize = u64(data, record + 40);
    directoryOffset = u64(data, record + 48);
  }
  if (count > limits.maxArchiveEntries) {
    throw new ArchiveLimitError('archive-too-many-entries', `the archive lists ${count} entries; at most ${limits.maxArchiveEntries} are accepted`);
  }
  if (directoryOffset + directorySize > bytes.length) throw new ZipFormatError('the zip directory points past the end of the file (truncated)');
  const entries: CentralEntry[] = [];
  let offset = directoryOffset;
  const end = directoryOffset + directorySize;
  while (offset + 46 <= end && data.getUint32(offset, true) === SIG_CENTRAL) {
    if (entries.length >= limits.maxArchiveEntries) {
      throw new ArchiveLimitError('archive-too-many-entries', `the archive holds more than ${limits.maxArchiveEntries} entries`);
    }
    const madeBy = data.getUint16(offset + 4, true);
    const flags = data.getUint16(offset + 8, true);
    const method = data.getUint16(offset + 10, true);
    const crc32 = data.getUint32(offset + 16, true);
    let compressedSize = data.getUint32(offset + 20, true);
    let declaredSize = data.getUint32(offset + 24, true);
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const externalAttributes = data.getUint32(offset + 38, true);
    let localHeaderOffset = data.getUint32(offset + 42, true);
    const nameStart = offset + 46;
    const extraStart = nameStart + nameLength;
    if (extraStart + extraLength > end) throw new ZipFormatError('a zip directory entry runs past the directory');
    let name = decodeFileName(bytes.subarray(nameStart, extraStart), (flags & 0x0800) !== 0);
    for (let extra = extraStart; extra + 4 <= extraStart + extraLength;) {
      const id = data.getUint16(extra, true);
      const size = data.getUint16(extra + 2, true);
      const body = extra + 4;
      if (id === 0x0001) {
        let field = body;
        if (declaredSize === 0xffffffff && field + 8 <= body + size) { declaredSize = u64(data, field); field += 8; }
        if (compressedSize === 0xffffffff && field + 8 <= body + size) { compressedSize = u64(data, field); field += 8; }
        if (localHeaderOffset === 0xffffffff && field + 8 <= body + size) { localHeaderOffset = u64(data, field); }
      } else if (id === 0x7075 && size > 5) {
        // Info-ZIP Unicode path: version byte, CRC of the raw name, then the UTF-8 name.
        name = decodeFileName(bytes.subarray(body + 5, body + size), true);
      }
      extra = body + size;
    }
    const host = madeBy >>> 8;
    const unixType = (externalAttributes >>> 16) & 0o170000;
    const isLink = (host === 3 && unixType === 0o120000) || (host === 0 && (externalAttributes & 0x400) !== 0);
    entries.push({
      name, flags, method, crc32, compressedSize, localHeaderOffset, isLink,
      isDirectory: name.endsWith('/') || name.endsWith('\\') || (host === 3 && unixType === 0o040000),
    });
    offset = extraStart + extraLength + commentLength;
  }
  return entries;
}

class ArchiveLimitError extends Error {
  constructor(readonly code: ImportProblemCode, reason: string) {
    super(reason);
  }
}

class EntryStop extends Error {
  constructor(readonly code: ImportProblemCode, reason: string) {
    super(reason);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

interface EntryBudget {
  /** Bytes the archive may still inflate to. */
  remaining: number;
}

function inflateEntry(bytes: Uint8Array, entry: CentralEntry, limits: ZipLimits, budget: EntryBudget, keep: boolean): Uint8Array {
  const data = view(bytes);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || data.getUint32(local, true) !== SIG_LOCAL) throw new ZipFormatError('the entry\'s local header is missing');
  const start = local + 30 + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError('the entry\'s data runs past the end of the archive (truncated)');
  const compressed = bytes.subarray(start, end);
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let crc = 0;
  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > limits.ratioFloorBytes && produced > Math.max(1, entry.compressedSize) * limits.maxCompressionRatio) {
      throw new EntryStop('archive-ratio', `it inflates more than ${limits.maxCompressionRatio} times its compressed size (${formatBytes(entry.compressedSize)}), the mark of a zip bomb (stopped while inflating)`);
    }
    if (produced > limits.maxFileBytes) {
      throw new EntryStop('too-large', `it inflates to more than ${formatBytes(limits.maxFileBytes)}, the largest file accepted (stopped while inflating)`);
    }
    if (produced > budget.remaining) {
      throw new EntryStop('archive-too-large', `the archive inflates to more than ${formatBytes(limits.maxArchiveInflatedBytes)} in total (stopped while inflating)`);
    }
    crc = crc32(chunk, crc);
    if (keep) chunks.push(chunk);
  };
  if (entry.method === 0) {
    for (let offset = 0; offset < compressed.length; offset += CHUNK) accept(compressed.subarray(offset, offset + CHUNK));
  } else {
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      accept(chunk);
      if (final) ended = true;
    });
    for (let offset = 0; offset < compressed.length; offset += CHUNK) {
      const last = offset + CHUNK >= compressed.length;
      inflater.push(compressed.subarray(offset, offset + CHUNK), last);
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
    if (!ended) throw new ZipFormatError('the compressed data ends early');
  }
  if (crc !== entry.crc32) throw new ZipFormatError('the data does not match its checksum (corrupted)');
  budget.remaining -= produced;
  if (!keep) return new Uint8Array(0);
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}

/**
 * Reads every file entry of a zip archive. Directories are skipped; links, encrypted entries,
 * unsupported methods and entries over the limits become failures naming the reason; once the
 * archive's inflated total passes its limit, the remaining entries are refused unread.
 * With keep = false the entries are inflated, counted and checked but not kept (for containers
 * such as OFD and XLSX that other parsers open later). `onEntry` is told before each entry is
 * read, and once more at the end with read = total.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits, keep = true, onEntry?: (read: number, total: number, name: string) => void): ZipReadResult {
  let central: CentralEntry[];
  try {
    central = readCentralDirectory(bytes, limits);
  } catch (error) {
    if (error instanceof ArchiveLimitError) return { ok: false, code: error.code, reason: error.message };
    return { ok: false, code: 'archive-corrupt', reason: error instanceof ZipFormatError || error instanceof RangeError ? `the zip file is damaged: ${error.message}` : 'the zip file is damaged' };
  }
  const budget: EntryBudget = { remaining: limits.maxArchiveInflatedBytes };
  const entries: ZipEntryOutcome[] = [];
  let exhausted: string | null = null;
  let read = 0;
  for (const entry of central) {
    onEntry?.(read++, central.length, entry.name);
    if (entry.isDirectory && !entry.isLink) continue;
    const fail = (code: ImportProblemCode, reason: string): void => { entries.push({ name: entry.name, ok: false, code, reason }); };
    if (entry.isLink) { fail('link', 'it is a symbolic link; links are never followed or imported'); continue; }
    if (exhausted) { fail('archive-too-large', exhausted); continue; }
    if ((entry.flags & 0x0001) !== 0 || entry.method === 99) { fail('archive-encrypted', 'it is encrypted inside the zip; unpack it with its password and import the plain file'); continue; }
    if (entry.method !== 0 && entry.method !== 8) { fail('archive-unsupported', `it uses zip compression method ${entry.method}; only stored and deflate are read`); continue; }
    try {
      const inflated = inflateEntry(bytes, entry, limits, budget, keep);
      entries.push({ name: entry.name, ok: true, bytes: inflated, compressedSize: entry.compressedSize });
    } catch (error) {
      if (error instanceof EntryStop) {
        fail(error.code, error.message);
        if (error.code === 'archive-too-large') {
          exhausted = `not read: the archive had already inflated to its limit of ${formatBytes(limits.maxArchiveInflatedBytes)}`;
        }
      } else {
        fail('archive-corrupt', `it is damaged inside the zip: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  onEntry?.(central.length, central.length, '');
  return { ok: true, entries, inflatedBytes: limits.maxArchiveInflatedBytes - budget.remaining };
}

/** Entry names only, without inflating anything (for telling OFD from XLSX from a plain zip). */
export function listZipNames(bytes: Uint8Array, limits: ZipLimits): string[] | null {
  try {
    return readCentralDirectory(bytes, limits).map((entry) => entry.name);
  } catch {
    return null;
  }
}
