// Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped. The
// same value always gives the same bytes, so its SHA-256 identifies it.
import type { Hasher } from '../ports';
import { encodeUtf8 } from './utf8';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

export function sha256Json(hasher: Hasher, value: unknown): Promise<string> {
  return hasher.sha256(encodeUtf8(canonicalJson(value)));
}
