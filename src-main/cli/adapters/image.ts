// Node glue of the ImageDecoder port (the one adapter is src-renderer/workers/extract-adapters.ts,
// sizes from core/import/image-header.ts): PNG and JPEG pixels through @napi-rs/canvas. The PGM
// encoder that hands rasters to tesseract without a lossy or slow re-encode lives in core.
import type { ImageDecoder } from '../../../src-renderer/core/ports';
import { headerProbingImageDecoder } from '../../../src-renderer/workers/extract-adapters';

export function createNodeImageDecoder(): ImageDecoder {
  return headerProbingImageDecoder(async (bytes) => {
    // Loaded on the first picture: a run that reads no picture and no PDF never loads the canvas.
    const { Image, createCanvas } = await import('@napi-rs/canvas');
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
  });
}

export { encodePgm } from '../../../src-renderer/core/extract/raster';
