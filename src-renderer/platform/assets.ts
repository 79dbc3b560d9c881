/** URL of a bundled run-time asset (resources/ is the renderer's public folder). */
export function assetUrl(path: string): string {
  return new URL(path.replace(/^\/+/, ''), document.baseURI).href;
}
