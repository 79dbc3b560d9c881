// The one pdf.js reader (workers/extract-adapters.ts pdfjsReader) that the extraction worker and the
// CLI both run, each with its own pdf.js build and canvas: what it asks of pdf.js and what it gives.
import { describe, expect, it } from 'vitest';
import { createNodePdfReader } from '../../../src-main/cli/adapters';
import { type CanvasLike, type PdfjsLoadingTask, PdfPasswordError, pdfjsReader } from '../../../src-renderer/workers/extract-adapters';
import { encryptedPdf, plainPdf } from '../../fixtures/hostile/builders';

/** A one-page pdf.js document that records what is done to it. */
function fakePdfjs(failure?: Error) {
  const events: string[] = [];
  const page = {
    getViewport: ({ scale }: { scale: number }) => ({ width: 200 * scale, height: 100 * scale, convertToViewportPoint: (x: number, y: number) => [x * scale, (100 - y) * scale] }),
    getTextContent: async () => ({ items: [{ str: '发票', transform: [12, 0, 0, 12, 10, 80], width: 24, height: 12 }] }),
    render: ({ canvasContext }: { canvasContext: { fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void } }) => {
      events.push('render');
      canvasContext.fillStyle = '#000000';
      canvasContext.fillRect(0, 0, 1, 1);
      return { promise: Promise.resolve() };
    },
    cleanup: () => events.push('cleanup'),
  };
  const task: PdfjsLoadingTask = {
    promise: failure ? Promise.reject(failure) : Promise.resolve({ numPages: 1, getPage: async () => page, cleanup: async () => { events.push('document-cleanup'); } }),
    destroy: async () => {
      events.push('destroy');
    },
  };
  return { task, events };
}

function recordingCanvas(width: number, height: number): CanvasLike {
  const data = new Uint8ClampedArray(width * height * 4);
  let fill = 0;
  const context = {
    set fillStyle(value: unknown) {
      fill = value === '#ffffff' ? 255 : 0;
    },
    get fillStyle() {
      return fill;
    },
    fillRect: (x: number, y: number, w: number, h: number) => {
      for (let row = y; row < y + h; row++) for (let column = x; column < x + w; column++) data.fill(fill, (row * width + column) * 4, (row * width + column) * 4 + 4);
    },
    getImageData: () => ({ width, height, data }),
  };
  return { width, height, getContext: () => context };
}

describe('the shared pdf.js reader', () => {
  it('reads text in page points, renders on white at the asked resolution, and frees each page after reading it', async () => {
    const { task, events } = fakePdfjs();
    const canvases: CanvasLike[] = [];
    const doc = await pdfjsReader(() => task, (width, height) => {
      canvases.push(recordingCanvas(width, height));
      return canvases.at(-1)!;
    }).open(new Uint8Array([1]));
    expect(doc.pageCount).toBe(1);
    expect(await doc.pageText(1)).toEqual({ page: 1, width: 200, height: 100, items: [{ str: '发票', box: [10, 20 - 12 * 0.88, 24, 12] }] });
    expect(events).toEqual(['cleanup']);
    const image = await doc.renderPage(1, { dpi: 144, maxPixels: 1_000_000 });
    expect([image.width, image.height]).toEqual([400, 200]);
    expect(image.data).toBeInstanceOf(Uint8ClampedArray);
    expect([...image.data.subarray(0, 8)]).toEqual([0, 0, 0, 0, 255, 255, 255, 255]);
    // A rendered page frees its canvas at once and, no other page being rendered, pdf.js's document caches.
    expect(events).toEqual(['cleanup', 'render', 'cleanup', 'document-cleanup']);
    expect(canvases.map((canvas) => [canvas.width, canvas.height])).toEqual([[0, 0]]);
    expect(doc.readQr).toBeUndefined();
    await doc.close();
    expect(events.at(-1)).toBe('destroy');
  });

  it('refuses a document that asks for a password as such, and releases what pdf.js loaded', async () => {
    const password = Object.assign(new Error('No password given'), { name: 'PasswordException' });
    const { task, events } = fakePdfjs(password);
    await expect(pdfjsReader(() => task, recordingCanvas).open(new Uint8Array([1]))).rejects.toBeInstanceOf(PdfPasswordError);
    expect(events).toEqual(['destroy']);
    const broken = fakePdfjs(new Error('Invalid PDF structure.'));
    await expect(pdfjsReader(() => broken.task, recordingCanvas).open(new Uint8Array([1]))).rejects.toThrow('Invalid PDF structure.');
    expect(broken.events).toEqual(['destroy']);
  });

  it('is the CLI\'s reader: a real PDF read and rendered, an encrypted one refused with the same error', async () => {
    const reader = createNodePdfReader();
    const doc = await reader.open(plainPdf('Contract'));
    expect((await doc.pageText(1)).items.map((item) => item.str).join('')).toContain('Contract');
    const image = await doc.renderPage(1, { dpi: 72, maxPixels: 4_000_000 });
    expect(image.data.length).toBe(image.width * image.height * 4);
    expect(typeof doc.readQr).toBe('function');
    await doc.close();
    await expect(reader.open(encryptedPdf())).rejects.toBeInstanceOf(PdfPasswordError);
  });
});
