// Node adapter of the ImageDecoder port: sizes from core/import/image-header.ts, PNG and JPEG pixels
// through @napi-rs/canvas. The PGM encoder that hands rasters to tesseract without a lossy or slow
// re-encode lives in core (shared with the browser).
import { Image, createCanvas } from '@napi-rs/canvas';
import type { ImageDecoder } from '../../../src-renderer/core/ports';
import { probeImage } from '../../../src-renderer/core/import/image-header';

export function createNodeImageDecoder(): ImageDecoder {
  return {
    async probe(bytes) {
      return probeImage(bytes);
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
