// A worker's evaluation result crosses to the window as a patch: the fields of the report and the
// pre-review that differ from a whole result sent before (the key), and of their long lists (10,000
// reconciled rows, findings, placed documents) only the elements that differ. Copying a whole
// 10,000-row report into the window took about a second of the window's thread at every change; a cut
// changes a few elements. The window rebuilds each result on the key, keeping the elements that did
// not change as they were (the same objects). Patches all rest on the key, not on each other, so each
// can be read in whatever order it comes; once a patch would carry many elements, the next result is
// sent whole and becomes the key.
import type { PrereviewResult } from '../core/prereview';
import type { CheckReport } from '../core/types';

export interface EvaluationResult {
  report: CheckReport;
  prereview: PrereviewResult;
}

type Part = keyof EvaluationResult;
const PARTS: readonly Part[] = ['report', 'prereview'];

/** One list's change: its new length and the elements that differ from the key's, by index. */
interface ListPatch {
  length: number;
  changed: [number, unknown][];
}

export interface ResultPatch {
  /** The number of this result, and of the whole result it patches (null: it is whole, and the next key). */
  seq: number;
  base: number | null;
  /** By part and field: a new value, a list patch, or absent (as in the key); `removed` names the key's fields no longer there. */
  fields: Record<Part, Record<string, unknown>>;
  lists: Record<Part, Record<string, ListPatch>>;
  removed: Record<Part, string[]>;
}

/** From this many changed list elements on, the result is sent whole and becomes the key. */
export const WHOLE_FROM_CHANGED_ELEMENTS = 2_000;

type Encoded = { kind: 'value'; json: string } | { kind: 'list'; json: string[] };
type EncodedResult = Record<Part, Map<string, Encoded>>;

function encodeResult(result: EvaluationResult): EncodedResult {
  const encoded: EncodedResult = { report: new Map(), prereview: new Map() };
  for (const part of PARTS) {
    for (const [field, value] of Object.entries(result[part] as unknown as Record<string, unknown>)) {
      if (value === undefined) continue;
      encoded[part].set(field, Array.isArray(value) ? { kind: 'list', json: value.map((element) => JSON.stringify(element)) } : { kind: 'value', json: JSON.stringify(value) });
    }
  }
  return encoded;
}

function emptyPatch(seq: number, base: number | null): ResultPatch {
  return { seq, base, fields: { report: {}, prereview: {} }, lists: { report: {}, prereview: {} }, removed: { report: [], prereview: [] } };
}

function wholePatch(seq: number, result: EvaluationResult): ResultPatch {
  const patch = emptyPatch(seq, null);
  for (const part of PARTS) {
    for (const [field, value] of Object.entries(result[part] as unknown as Record<string, unknown>)) {
      if (value !== undefined) patch.fields[part][field] = value;
    }
  }
  return patch;
}

/** The worker's side: the key (the last result sent whole), as JSON per field and per list element. */
export class ResultPatchEncoder {
  private key: { seq: number; encoded: EncodedResult } | null = null;
  private seq = 0;

  /** The next result is sent whole (a new dossier). */
  reset(): void {
    this.key = null;
  }

  encode(result: EvaluationResult): ResultPatch {
    const seq = ++this.seq;
    const encoded = encodeResult(result);
    const key = this.key;
    if (key) {
      const patch = emptyPatch(seq, key.seq);
      let changedElements = 0;
      for (const part of PARTS) {
        for (const [field, now] of encoded[part]) {
          const before = key.encoded[part].get(field);
          const value = (result[part] as unknown as Record<string, unknown>)[field];
          if (now.kind === 'value') {
            if (before?.kind !== 'value' || before.json !== now.json) patch.fields[part][field] = value;
            continue;
          }
          const old = before?.kind === 'list' ? before.json : null;
          const elements = value as unknown[];
          const changed: [number, unknown][] = [];
          now.json.forEach((json, index) => {
            if (old?.[index] !== json) changed.push([index, elements[index]]);
          });
          changedElements += changed.length;
          if (!old || changed.length > 0 || old.length !== now.json.length) patch.lists[part][field] = { length: now.json.length, changed };
        }
        for (const field of key.encoded[part].keys()) if (!encoded[part].has(field)) patch.removed[part].push(field);
      }
      if (changedElements < WHOLE_FROM_CHANGED_ELEMENTS) return patch;
    }
    this.key = { seq, encoded };
    return wholePatch(seq, result);
  }
}

/** The window's side: the keys received (the last two), and each result rebuilt on its key. */
export class ResultPatchDecoder {
  private readonly keys = new Map<number, EvaluationResult>();

  /** The result the patch gives; null when it rests on a key this side does not have. */
  decode(patch: ResultPatch): EvaluationResult | null {
    const key = patch.base === null ? null : this.keys.get(patch.base);
    if (patch.base !== null && !key) return null;
    const parts = {} as Record<Part, Record<string, unknown>>;
    for (const part of PARTS) {
      const next: Record<string, unknown> = key ? { ...(key[part] as unknown as Record<string, unknown>) } : {};
      for (const field of patch.removed[part]) delete next[field];
      Object.assign(next, patch.fields[part]);
      for (const [field, list] of Object.entries(patch.lists[part])) {
        const old = next[field];
        const elements = Array.isArray(old) ? old.slice(0, list.length) : [];
        elements.length = list.length;
        for (const [index, element] of list.changed) elements[index] = element;
        next[field] = elements;
      }
      parts[part] = next;
    }
    const result = parts as unknown as EvaluationResult;
    if (patch.base === null) {
      this.keys.set(patch.seq, result);
      for (const seq of [...this.keys.keys()].sort((a, b) => a - b).slice(0, -2)) this.keys.delete(seq);
    }
    return result;
  }
}
