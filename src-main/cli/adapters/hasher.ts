import { createHash } from 'node:crypto';
import type { Hasher } from '../../../src-renderer/core/ports';

/** SHA-256 through Node's crypto module (OpenSSL). */
export const nodeHasher: Hasher = {
  async sha256(bytes: Uint8Array): Promise<string> {
    return createHash('sha256').update(bytes).digest('hex');
  },
};
