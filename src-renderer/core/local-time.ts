// Local time as ISO 8601 with the machine's UTC offset: the one formatter behind every Clock (the
// store's audit entries in the app, the CLI's) and the export's timestamps.

/** ISO 8601 with the local offset, to the second, e.g. 2024-10-22T09:00:00+08:00. */
export function localIsoTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}
