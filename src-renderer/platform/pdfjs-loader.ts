// pdf.js on demand: the window loads platform/pdfjs.ts (pdf.js and its glue, a chunk of its own in
// the build, served from the app's origin like the rest) the first time a PDF is shown or read, not
// when the app starts. Loaded once; a load that failed is tried again at the next call.
export type Pdfjs = typeof import('./pdfjs');

let loading: Promise<Pdfjs> | null = null;

export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('./pdfjs').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
