// Canonical JSON for hashing: object keys sorted by code unit, no whitespace, undefined members
// dropped, arrays kept in order. Only JSON values are accepted: a non-finite number, a bigint or a
// function is an error rather than something silently changed.

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
      const tag = Object.prototype.toString.call(value);
      // A Date, Map, typed array or Blob would hash as {} here and as something else once written
      // to JSON; only plain objects are accepted.
      if (tag !== '[object Object]') throw new TypeError(`canonical JSON cannot hold a ${tag.slice(8, -1)}; convert it to a string or plain object first`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}
