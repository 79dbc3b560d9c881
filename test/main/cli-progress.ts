// `check` reports its progress on stderr (src-main/cli/progress.ts); tests that expect no other
// stderr output take those lines out first.
export function withoutProgress(stderr: string): string {
  return stderr.replace(/^dossier-desk check progress: .*\n/gm, '');
}
