import type { Clock } from '../../../src-renderer/core/ports';
import { localIsoTime } from '../../../src-renderer/core/local-time';

/** The local time as ISO 8601 with its offset, e.g. 2024-10-20T10:00:00+08:00. */
export const nodeClock: Clock = {
  now: () => localIsoTime(new Date()),
};
