// Runs the CLI in-process and captures what it writes, as the `dossier-desk` bin would print it.
import { runCli } from '../../src-main/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], cwd: string = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

// `check` reports its progress on stderr (src-main/cli/progress.ts); tests that expect no other
// stderr output take those lines out first.
export function withoutProgress(stderr: string): string {
  return stderr.replace(/^dossier-desk check progress: .*\n/gm, '');
}
