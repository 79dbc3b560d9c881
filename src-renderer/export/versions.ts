// Versions recorded in every JSON package: the app, the review engine (released with the app, its
// rules versioned per profile in each summary) and the OCR model (tesseract.js with the bundled
// 4.0.0 chi_sim and eng language data, see scripts/vendor-assets.mjs).
import packageJson from '../../package.json';
import type { ExportVersions } from '../core/export/model';

export const TESSDATA_VERSION = '4.0.0';

export function exportVersions(): ExportVersions {
  const tesseract = (packageJson.dependencies as Record<string, string>)['tesseract.js'] ?? 'unknown';
  return {
    app: packageJson.version,
    engine: `dossier-desk-engine ${packageJson.version}`,
    ocrModel: `tesseract.js ${tesseract}; tessdata chi_sim+eng ${TESSDATA_VERSION}`,
  };
}
