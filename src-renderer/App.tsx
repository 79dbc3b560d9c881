import { useCallback, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf, pageText } from './platform/pdfjs';
import { assetUrl } from './platform/assets';
import { PdfPage } from './ui/PdfPage';

export const SAMPLE_PDF = 'samples/sample-invoice.pdf';

export function App() {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState(false);

  const openSample = useCallback(async () => {
    setError(null);
    try {
      const response = await fetch(assetUrl(SAMPLE_PDF));
      if (!response.ok) throw new Error(`${SAMPLE_PDF}: HTTP ${response.status}`);
      const { doc: opened } = await openPdf(new Uint8Array(await response.arrayBuffer()));
      const first = await pageText(opened, 1);
      setText(first.items.map((item) => item.str).join(''));
      setDoc(opened);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  const onRendered = useCallback(() => setRendered(true), []);

  return (
    <main className="app">
      <h1>Dossier Desk 审查工作台</h1>
      {!doc && (
        <button type="button" data-testid="open-sample" onClick={openSample}>
          打开示例卷宗
        </button>
      )}
      {error && <p role="alert">{error}</p>}
      {doc && <PdfPage doc={doc} pageNumber={1} scale={1.25} onRendered={onRendered} />}
      {doc && (
        <section aria-label="页面文字" data-testid="page-text" data-rendered={rendered ? 'yes' : 'no'}>
          {text}
        </section>
      )}
    </main>
  );
}
