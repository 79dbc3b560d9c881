// Scans and photos (png, jpg, webp): decoded once, painted into a canvas at the viewer's scale and rotation,
// so that field boxes and zoom work as they do on PDF pages.
import { sizeRotatedCanvas } from './geometry';
import { useEffect, useMemo, useState } from 'react';
import { PagedViewer, type PageOverlay } from './PagedViewer';
import type { PaintJob } from './render-queue';
import type { PageSize } from './geometry';
import type { DocumentFormat } from '../../state/workspace';
import { originalMediaType } from '../../db/original-media-type';

/** The media type a picture is decoded as (useImage): its original's, as stored; null for a document that is no picture. */
export function pictureMediaType(format: DocumentFormat | undefined): string | null {
  const mediaType = format ? originalMediaType(format) : null;
  return mediaType?.startsWith('image/') ? mediaType : null;
}

export function useImage(bytes: Uint8Array | null, mime: string): { image: ImageBitmap | null; error: string | null } {
  const [image, setImage] = useState<ImageBitmap | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return;
    let live = true;
    let decoded: ImageBitmap | null = null;
    setImage(null);
    setError(null);
    createImageBitmap(new Blob([bytes.slice()], { type: mime }))
      .then((bitmap) => {
        decoded = bitmap;
        if (live) setImage(bitmap);
        else bitmap.close();
      })
      .catch((reason: unknown) => {
        if (live) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => {
      live = false;
      decoded?.close();
    };
  }, [bytes, mime]);
  return { image, error };
}

export function paintImage(image: CanvasImageSource & { width: number; height: number }) {
  return (_page: number, canvas: HTMLCanvasElement, scale: number, rotation: number): PaintJob => {
    const { width, height, ratio } = sizeRotatedCanvas(canvas, image.width, image.height, scale, rotation);
    const context = canvas.getContext('2d');
    if (!context) return { promise: Promise.reject(new Error('no 2d canvas context')), cancel: () => undefined };
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.translate(width / 2, height / 2);
    context.rotate((rotation * Math.PI) / 180);
    context.drawImage(image, (-image.width * scale) / 2, (-image.height * scale) / 2, image.width * scale, image.height * scale);
    return { promise: Promise.resolve(), cancel: () => undefined };
  };
}

export interface ImageViewerProps {
  image: ImageBitmap;
  overlays: PageOverlay[];
  label: string;
  onScaleChange?: (scale: number) => void;
  onPageRendered?: (page: number) => void;
}

export function ImageViewer({ image, overlays, label, onScaleChange, onPageRendered }: ImageViewerProps) {
  const sizes = useMemo<PageSize[]>(() => [{ width: image.width, height: image.height }], [image]);
  const paint = useMemo(() => paintImage(image), [image]);
  return <PagedViewer pageCount={1} sizes={sizes} paint={paint} overlays={overlays} label={label} onScaleChange={onScaleChange} onPageRendered={onPageRendered} />;
}
