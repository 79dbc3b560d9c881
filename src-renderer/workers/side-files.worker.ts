// Web worker that writes the side files' text in the origin private file system for the window
// (platform/opfs-side-files.ts, textWriterOnWorker): the mirror's log appends and state writes after
// every edit, made here so that none of their calls waits for the window's busy thread. Requests are
// ordered by the window (one at a time per file); each is answered once its file is closed (committed).
import { OPFS_SIDE_FOLDER, putSideFile, type OpfsDirectoryHandle, type TextWriteAnswer, type TextWriteRequest } from '../platform/opfs-side-files';

let folder: Promise<OpfsDirectoryHandle> | null = null;

function sideFolder(): Promise<OpfsDirectoryHandle> {
  folder ??= (navigator.storage.getDirectory() as unknown as Promise<OpfsDirectoryHandle>).then((root) => root.getDirectoryHandle(OPFS_SIDE_FOLDER, { create: true }));
  folder.catch(() => { folder = null; });
  return folder;
}

self.addEventListener('message', (event: MessageEvent<TextWriteRequest>) => {
  const { id, name, text, append } = event.data;
  const answer = (message: TextWriteAnswer) => (self as unknown as Worker).postMessage(message);
  sideFolder().then((directory) => putSideFile(directory, name, text, append)).then(
    () => answer({ id, ok: true }),
    (error: unknown) => answer({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
