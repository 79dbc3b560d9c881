// JSON.stringify, canonical JSON and UTF-8 in slices: the same text and bytes, made a few milliseconds
// at a time with the window's thread given back between them. The mirror's import file (a 10,000-row
// dossier's row, documents and claims: several MB of JSON) was written in one task of 0.4–1.4 s, and
// the whole integrity check's recomputed dossier id held the window 0.7 s.
import type { Hasher } from '../core/ports';
import { canonicalJson } from '../core/audit/canonical-json';
import { dossierIdContent } from '../core/import/pipeline';
import type { DossierManifest } from '../core/types';
import { nextTask } from '../platform/next-task';

/** How long a slice may run before the thread is given back (ms). */
export const SLICE_MS = 8;


function isPlainObject(value: object): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * JSON.stringify(value) (no replacer, no indentation), the same text, given back to the window every
 * `sliceMs` while it is built. Arrays and plain objects are walked down to the elements of arrays, which
 * JSON.stringify writes whole (a row of a table: small), as it writes any other value and a value with toJSON.
 * undefined when JSON.stringify gives undefined.
 */
export async function stringifyInSlices(value: unknown, { sliceMs = SLICE_MS, pause = nextTask, now = () => performance.now() }: {
  sliceMs?: number;
  pause?: () => Promise<void>;
  now?: () => number;
} = {}): Promise<string | undefined> {
  let sliceStart = now();
  const parts: string[] = [];
  const walked = (item: unknown): item is object => item !== null && typeof item === 'object' && (Array.isArray(item) || isPlainObject(item));
  // Writes `item` into parts; false when it gives no JSON (undefined, a function, a symbol).
  const write = async (item: unknown, walkObject: boolean): Promise<boolean> => {
    if (!walked(item) || (!walkObject && !Array.isArray(item))) {
      const text = JSON.stringify(item);
      if (text === undefined) return false;
      parts.push(text);
      return true;
    }
    if (Array.isArray(item)) {
      parts.push('[');
      for (let index = 0; index < item.length; index++) {
        if (index > 0) parts.push(',');
        const element: unknown = item[index];
        if (Array.isArray(element) && walked(element)) await write(element, false);
        else parts.push(JSON.stringify(element) ?? 'null');
        if ((index & 15) === 15 && now() - sliceStart >= sliceMs) {
          await pause();
          sliceStart = now();
        }
      }
      parts.push(']');
      return true;
    }
    const record = item as Record<string, unknown>;
    parts.push('{');
    let first = true;
    for (const key of Object.keys(record)) {
      const at = parts.length;
      parts.push(first ? '' : ',', JSON.stringify(key), ':');
      if (await write(record[key], true)) first = false;
      else parts.length = at;
    }
    parts.push('}');
    return true;
  };
  return (await write(value, true)) ? parts.join('') : undefined;
}

const isPlainRecord = (item: unknown): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item) && Object.prototype.toString.call(item) === '[object Object]';

/**
 * canonicalJson(value) (core/audit/canonical-json: keys sorted, undefined members dropped, JSON values
 * only), the same text, given back to the window every `sliceMs` while it is built: arrays and plain
 * objects are walked down to the elements of arrays, each written by canonicalJson. Throws as it does.
 */
export async function canonicalJsonInSlices(value: unknown, { sliceMs = SLICE_MS, pause = nextTask, now = () => performance.now() }: {
  sliceMs?: number;
  pause?: () => Promise<void>;
  now?: () => number;
} = {}): Promise<string> {
  let sliceStart = now();
  const parts: string[] = [];
  const write = async (item: unknown): Promise<void> => {
    if (Array.isArray(item)) {
      parts.push('[');
      for (let index = 0; index < item.length; index++) {
        if (index > 0) parts.push(',');
        const element: unknown = item[index] === undefined ? null : item[index];
        if (Array.isArray(element)) await write(element);
        else parts.push(canonicalJson(element));
        if ((index & 15) === 15 && now() - sliceStart >= sliceMs) {
          await pause();
          sliceStart = now();
        }
      }
      parts.push(']');
      return;
    }
    if (!isPlainRecord(item)) {
      parts.push(canonicalJson(item));
      return;
    }
    const keys = Object.keys(item).filter((key) => item[key] !== undefined).sort();
    parts.push('{');
    for (const [index, key] of keys.entries()) {
      parts.push(index > 0 ? ',' : '', JSON.stringify(key), ':');
      await write(item[key]);
    }
    parts.push('}');
  };
  await write(value);
  return parts.join('');
}

/** Characters of text encoded between two turns of the window (a few milliseconds). */
export const UTF8_SLICE_CHARS = 1 << 20;

/** new TextEncoder().encode(text), the same bytes, encoded `sliceChars` at a time with the window given a turn between (a surrogate pair is never split). */
export async function utf8InSlices(text: string, { sliceChars = UTF8_SLICE_CHARS, pause = nextTask }: { sliceChars?: number; pause?: () => Promise<void> } = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  if (text.length <= sliceChars) return encoder.encode(text);
  const bytes = new Uint8Array(text.length * 3);
  let read = 0;
  let written = 0;
  while (read < text.length) {
    let end = Math.min(text.length, read + sliceChars);
    const last = text.charCodeAt(end - 1);
    // A slice ending in the first half of a pair ends before it (or, a slice of that half alone, after the pair).
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end = end - 1 > read ? end - 1 : end + 1;
    written += encoder.encodeInto(text.slice(read, end), bytes.subarray(written)).written;
    read = end;
    if (read < text.length) await pause();
  }
  return bytes.subarray(0, written);
}

/** core/import computeDossierId, the same id, with its canonical JSON and UTF-8 made in slices. */
export async function dossierIdInSlices(hasher: Hasher, manifest: DossierManifest, files: readonly { path: string; sha256: string }[]): Promise<string> {
  return hasher.sha256(await utf8InSlices(await canonicalJsonInSlices(dossierIdContent(manifest, files))));
}
