import type { Hasher } from '../core/ports';

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 through WebCrypto (crypto.subtle), available in windows and workers on app:// and localhost. */
export const webCryptoHasher: Hasher = {
  async sha256(bytes: Uint8Array): Promise<string> {
    return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  },
};
