import type { Clock } from '../../../src-renderer/core/ports';

/** The local time as ISO 8601 with its offset, e.g. 2024-10-20T10:00:00+08:00. */
export const nodeClock: Clock = {
  now() {
    const date = new Date();
    const offset = -date.getTimezoneOffset();
    const pad = (n: number): string => String(Math.floor(Math.abs(n))).padStart(2, '0');
    const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
    return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
  },
};
