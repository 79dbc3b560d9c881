// Path safety: every name that reaches the store is a relative path of plain segments. Names from
// archives and hosts are checked here before anything else looks at them.
import type { ImportLimits } from './limits';
import type { ImportProblemCode } from './problems';

export type PathCheck = { ok: true; path: string } | { ok: false; code: ImportProblemCode; reason: string };

// Windows-reserved device names; a file called CON or NUL cannot be written back out on Windows.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Normalises a relative path ('\' becomes '/', '.' segments and repeated separators drop) and
 * refuses '..' segments, absolute and drive paths, control characters and over-deep paths.
 */
export function checkRelativePath(raw: string, limits: Pick<ImportLimits, 'maxPathDepth' | 'maxPathLength'>): PathCheck {
  if (raw.length === 0) return { ok: false, code: 'path-invalid', reason: 'the name is empty' };
  if (raw.length > limits.maxPathLength) {
    return { ok: false, code: 'path-invalid', reason: `the name is longer than ${limits.maxPathLength} characters` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, code: 'path-invalid', reason: 'the name contains control characters' };
  // NFC: macOS writes decomposed names; the manifest and other hosts use composed ones.
  const slashed = raw.normalize('NFC').replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed) || slashed.startsWith('//')) {
    return { ok: false, code: 'absolute-path', reason: 'the name is an absolute path; only paths inside the dossier are accepted' };
  }
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      return { ok: false, code: 'path-traversal', reason: 'the name climbs out of the dossier with ".."; nothing is written outside the app\'s storage' };
    }
    if (RESERVED_NAMES.test(segment)) return { ok: false, code: 'path-invalid', reason: `"${segment}" is a reserved device name` };
    segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, code: 'path-invalid', reason: 'the name has no file part' };
  if (segments.length - 1 > limits.maxPathDepth) {
    return { ok: false, code: 'path-too-deep', reason: `the file is nested ${segments.length - 1} folders deep; at most ${limits.maxPathDepth} are accepted` };
  }
  return { ok: true, path: segments.join('/') };
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** Lower-case extension without the dot, '' when there is none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Files that operating systems and archivers leave behind; skipped silently. */
export function isSystemClutter(path: string): boolean {
  const name = baseName(path);
  return path.startsWith('__MACOSX/') || path.includes('/__MACOSX/') || name === '.DS_Store' || name === 'Thumbs.db'
    || name === 'desktop.ini' || name.startsWith('._') || name.startsWith('~$');
}
