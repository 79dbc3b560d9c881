// Stands in for platform/extract-client in db tests of the app's state (vi.mock(..., () => import(this))):
// there is no extraction worker in Node, so a file still to read in the background is refused.
export function extractInBrowser(): Promise<never> {
  return Promise.reject(new Error('no OCR in this test'));
}

export class ExtractionCancelled extends Error {}
