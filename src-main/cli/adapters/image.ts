// Node adapter of the ImageDecoder port (PNG and JPEG through @napi-rs/canvas); the PGM encoder that
// hands rasters to tesseract without a lossy or slow re-encode lives in core (shared with the browser).
import { Image, createCanvas } from '@napi-rs/canvas';
import type { ImageDecoder } from '../../../src-renderer/core/ports';

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes[12] !== 0x49 || bytes[13] !== 0x48 || bytes[14] !== 0x44 || bytes[15] !== 0x52) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!, width: (bytes[offset + 7]! << 8) | bytes[offset + 8]! };
    }
    offset += 2 + length;
  }
  return null;
}

export function createNodeImageDecoder(): ImageDecoder {
  return {
    async probe(bytes) {
      if (bytes[0] === 0x89 && bytes[1] === 0x50) {
        const size = pngSize(bytes);
        return size ? { ...size, format: 'png' } : null;
      }
      if (bytes[0] === 0xff && bytes[1] === 0xd8) {
        const size = jpegSize(bytes);
        return size ? { ...size, format: 'jpeg' } : null;
      }
      return null;
    },
    async decode(bytes) {
      const image = new Image();
      await new Promise<void>((resolve, reject) => {
        image.onload = () => resolve();
        image.onerror = (error) => reject(error instanceof Error ? error : new Error(String(error)));
        image.src = Buffer.from(bytes);
      });
      const canvas = createCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, image.width, image.height);
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height);
      return { width: data.width, height: data.height, data: new Uint8ClampedArray(data.data.buffer, data.data.byteOffset, data.data.byteLength) };
    },
  };
}

export { encodePgm } from '../../../src-renderer/core/extract/raster';
