// JSON.stringify in slices: the same text, written a few milliseconds at a time with the window's
// thread given back between them. The mirror's import file (a 10,000-row dossier's row, documents and
// claims: several MB of JSON) was written in one task of 0.4–1.4 s.

/** How long a slice may run before the thread is given back (ms). */
export const SLICE_MS = 8;

/** Gives the thread back for a moment (a macrotask: input and paint may run). */
export function yieldToWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

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
export async function stringifyInSlices(value: unknown, { sliceMs = SLICE_MS, pause = yieldToWindow, now = () => performance.now() }: {
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
