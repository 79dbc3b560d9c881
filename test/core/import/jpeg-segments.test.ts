// One walk of a JPEG's header segments (core/import/image-header.ts jpegSegments) gives its frame
// size, its EXIF orientation and its quantisation tables; fill bytes and markers that stand alone are
// stepped over, damage stops the walk with its reason.
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { jpegQuantisationMean, jpegSegments, readJpegHeader, readJpegOrientation } from '../../../src-renderer/core/import/image-header';
import { isHardCompressedJpeg } from '../../../src-renderer/core/extract/raster';
import { withExifOrientation } from '../../fixtures/invoices/photo-effects';

function jpeg(quality: number): Buffer {
  const canvas = createCanvas(96, 48);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 96, 48);
  context.fillStyle = '#000000';
  context.fillText('价税合计 46.62', 2, 30);
  return canvas.toBuffer('image/jpeg', quality);
}

/** The JPEG with fill bytes (0xFF) before its first segment after the start marker, and a restart marker standing alone. */
function withFillBytes(bytes: Buffer): Uint8Array {
  return new Uint8Array(Buffer.concat([bytes.subarray(0, 2), Buffer.from([0xff, 0xff, 0xff, 0xd0]), bytes.subarray(2)]));
}

describe('the JPEG header walk', () => {
  it('lists the segments up to the image data: quantisation tables before the frame header', () => {
    const { segments, end } = jpegSegments(new Uint8Array(jpeg(80)));
    expect(end).toBe('image-data');
    const markers = segments.map((segment) => segment.marker);
    expect(markers).toContain(0xdb);
    expect(markers.indexOf(0xdb)).toBeLessThan(markers.findIndex((marker) => marker === 0xc0 || marker === 0xc2));
  });

  it('reads size, orientation and compression through fill bytes and EXIF', () => {
    const hard = withFillBytes(withExifOrientation(jpeg(22), 6));
    expect(readJpegHeader(hard)).toEqual({ ok: true, width: 96, height: 48 });
    expect(readJpegOrientation(hard)).toBe(6);
    expect(jpegQuantisationMean(hard)).toBe(jpegQuantisationMean(new Uint8Array(jpeg(22))));
    expect(isHardCompressedJpeg(hard)).toBe(true);
    expect(isHardCompressedJpeg(new Uint8Array(jpeg(80)))).toBe(false);
    const gentle = withFillBytes(jpeg(95));
    expect(jpegQuantisationMean(gentle)!).toBeLessThan(10);
    expect(isHardCompressedJpeg(gentle)).toBe(false);
  });

  it('stops at damage with its reason', () => {
    const good = jpeg(80);
    const damaged = new Uint8Array(good);
    damaged[2] = 0x00;
    expect(jpegSegments(damaged).end).toBe('damaged-marker');
    expect(readJpegHeader(damaged)).toEqual({ ok: false, reason: 'the JPEG file has a damaged marker before its frame header' });
    const zeroLength = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xd9]);
    expect(readJpegHeader(zeroLength)).toEqual({ ok: false, reason: 'the JPEG file has a segment of impossible length' });
    expect(readJpegHeader(new Uint8Array(good.subarray(0, 40)))).toEqual({ ok: false, reason: 'the JPEG file ends before its frame header' });
    expect(readJpegHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0x00, 0x00]))).toEqual({ ok: false, reason: 'the JPEG file has no frame header before its image data' });
    expect(jpegQuantisationMean(new Uint8Array(createCanvas(8, 8).toBuffer('image/png')))).toBeNull();
  });
});
