import { InvalidInputError } from '../../src-renderer/core/result';
import { type CliCommand, type CliIo, UsageError } from './io';

/**
 * Each command's module, loaded when the command runs: starting one command does not load the PDF,
 * OCR or workbook libraries of the others.
 */
export const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  profiles: async () => (await import('./commands/profiles')).profilesCommand,
  check: async () => (await import('./commands/check')).checkCommand,
  merge: async () => (await import('./commands/merge')).mergeCommand,
  extract: async () => (await import('./commands/extract')).extractCommand,
  import: async () => (await import('./commands/import')).importCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
  sample: async () => (await import('./commands/sample')).sampleCommand,
  plan: async () => (await import('./commands/plan')).planCommand,
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const lines = commands.map((command) => `  ${command.usage.padEnd(60)} ${command.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}

/** Runs one CLI invocation; returns the exit code (0 done, 2 usage, 3 invalid input). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(await usage());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`dossier-desk: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; dossier-desk help shows how to use each)\n`);
    return 2;
  }
  const command = await load();
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
