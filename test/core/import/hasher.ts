import { createHash } from 'node:crypto';
import type { Hasher } from '../../../src-renderer/core/ports';

export const testHasher: Hasher = {
  async sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
  },
};
