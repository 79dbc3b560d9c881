import { InvalidInputError } from '../../src-renderer/core/result';
import { type CliCommand, type CliIo, UsageError } from './io';
import { profilesCommand } from './commands/profiles';
import { checkCommand } from './commands/check';
import { mergeCommand } from './commands/merge';
import { extractCommand } from './commands/extract';
import { importCommand } from './commands/import';
import { exportCommand } from './commands/export';
import { verifyCommand } from './commands/verify';
import { sampleCommand } from './commands/sample';

export const COMMANDS: Record<string, CliCommand> = {
  profiles: profilesCommand,
  check: checkCommand,
  merge: mergeCommand,
  extract: extractCommand,
  import: importCommand,
  export: exportCommand,
  verify: verifyCommand,
  sample: sampleCommand,
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.usage.padEnd(60)} ${command.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}

/** Runs one CLI invocation; returns the exit code (0 done, 2 usage, 3 invalid input). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`dossier-desk: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`dossier-desk ${name}: ${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof InvalidInputError) {
      io.stderr(`dossier-desk ${name}: ${error.message}\n`);
      return 3;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      const path = (error as NodeJS.ErrnoException).path ?? '';
      io.stderr(`dossier-desk ${name}: ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
      return 3;
    }
    io.stderr(`dossier-desk ${name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
