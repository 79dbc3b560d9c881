// The main-process side of the bridge: one handler per contract channel. Each handler checks the
// sender frame (the app's own top frame in the app's own window), validates its arguments with zod,
// and answers with a HostResult; nothing throws back across the bridge.
import { z } from 'zod';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  HOST_CHANNELS,
  HOST_METHODS,
  MAX_EXPORT_BYTES,
  MAX_SIDE_FILE_BYTES,
  MAX_SIDE_FILE_CHARS,
  UI_LANGUAGES,
  isSideFileName,
  isSideFilePrefix,
  type HostApi,
  type HostError,
  type HostMethod,
  type HostResult,
  type UiLanguage,
} from '../shared/contract';
import { isAppUrl } from './hardening';
import { hasControlCharacter } from './protocol';
import type { Logger } from './log';

const FILE_NAME = /^[^/\\:*?"<>|]{1,200}$/;

const saveRequestSchema = z.strictObject({
  suggestedName: z
    .string()
    .regex(FILE_NAME, 'a plain file name without folders or reserved characters')
    .refine((name) => !/^\.+$/.test(name) && !hasControlCharacter(name), 'a plain file name'),
  bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_EXPORT_BYTES, `at most ${MAX_EXPORT_BYTES} bytes`),
  filters: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(100),
        extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).min(1).max(20),
      }),
    )
    .max(10)
    .optional(),
});

const SHA256_HEX = /^[0-9a-f]{64}$/;

const auditHeadSchema = z.strictObject({
  dossierId: z.string().regex(SHA256_HEX, 'a dossier id (64 hex digits)'),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(SHA256_HEX, 'a SHA-256 (64 hex digits)'),
  recordedAt: z.string().min(10).max(40).refine((time) => !hasControlCharacter(time), 'a time'),
});

const sideFileName = z.string().max(120).refine(isSideFileName, 'a side file name (lowercase letters, digits, ".", "_", "-"; no folders)');
const sideFileText = z.string().max(MAX_SIDE_FILE_CHARS, `at most ${MAX_SIDE_FILE_CHARS} characters`);

/** Argument tuples of every contract method; extra arguments are refused. */
export const ARGUMENT_SCHEMAS = {
  openDossier: z.tuple([z.enum(['folder', 'zip', 'files'])]),
  saveExport: z.tuple([saveRequestSchema]),
  appInfo: z.tuple([]),
  setLanguage: z.tuple([z.enum(UI_LANGUAGES as [UiLanguage, ...UiLanguage[]])]),
  recordAuditHead: z.tuple([auditHeadSchema]),
  auditHead: z.tuple([z.string().regex(SHA256_HEX, 'a dossier id (64 hex digits)')]),
  writeSideFile: z.tuple([sideFileName, sideFileText]),
  appendSideFile: z.tuple([sideFileName, sideFileText]),
  readSideFile: z.tuple([sideFileName]),
  listSideFiles: z.tuple([z.string().max(120).refine(isSideFilePrefix, 'the start of a side file name')]),
  removeSideFile: z.tuple([sideFileName]),
  writeSideBytes: z.tuple([sideFileName, z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_SIDE_FILE_BYTES, `at most ${MAX_SIDE_FILE_BYTES} bytes`)]),
  readSideBytes: z.tuple([sideFileName]),
  readyToClose: z.tuple([]),
} satisfies Record<HostMethod, z.ZodType>;

type MethodValue<M extends HostMethod> = Awaited<ReturnType<HostApi[M]>> extends HostResult<infer T> ? T : never;

/** What main does for each method, called only with validated arguments. */
export type HostHandlers = {
  [M in HostMethod]: (
    ...args: z.infer<(typeof ARGUMENT_SCHEMAS)[M]>
  ) => Promise<HostResult<MethodValue<M>>>;
};

export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

/**
 * The sender must be the top frame of a window the app created, showing the app's own origin.
 * A subframe, a detached frame, another origin or an unknown WebContents is refused.
 */
export function isTrustedSender(event: SenderEvent, isAppWindow: (webContentsId: number) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.detached) return false;
  if (frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return isAppWindow(event.sender.id);
}

function failure(code: HostError['code'], message: string): HostResult<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}

/** Validates sender and arguments, then runs the handler; every outcome is a HostResult. */
export function createInvokeHandler<M extends HostMethod>(
  method: M,
  handler: HostHandlers[M],
  isAppWindow: (webContentsId: number) => boolean,
  log: Logger,
) {
  return async (event: SenderEvent, ...args: unknown[]): Promise<HostResult<MethodValue<M>>> => {
    if (!isTrustedSender(event, isAppWindow)) {
      log.warn('ipc', `refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return failure('untrusted-sender', 'This request did not come from the app window.');
    }
    const parsed = ARGUMENT_SCHEMAS[method].safeParse(args);
    if (!parsed.success) {
      log.warn('ipc', `refused ${method}: ${describeIssues(parsed.error)}`);
      return failure('invalid-argument', `Invalid arguments for ${method}: ${describeIssues(parsed.error)}.`);
    }
    try {
      const call = handler as (...validated: unknown[]) => Promise<HostResult<MethodValue<M>>>;
      return await call(...(parsed.data as unknown[]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error('ipc', `${method} failed: ${message}`);
      return failure('internal', `${method} failed: ${message}`);
    }
  };
}

/** Registers one ipcMain.handle per contract channel. */
export function registerHostHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: HostHandlers,
  isAppWindow: (webContentsId: number) => boolean,
  log: Logger,
): void {
  for (const method of HOST_METHODS) {
    ipcMain.handle(HOST_CHANNELS[method], createInvokeHandler(method, handlers[method], isAppWindow, log));
  }
}
