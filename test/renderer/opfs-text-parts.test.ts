// A large side file is decoded a part at a time, each in a task of its own (#15: the mirror's 11 MB
// import file was decoded in one task of 0.76 s, and a reload waited behind it), to the same text.
import { describe, expect, it } from 'vitest';
import { DECODE_IN_PARTS_FROM_BYTES, textOf, type OpfsFile } from '../../src-renderer/platform/opfs-side-files';

/** A file whose stream gives its bytes in parts of `part` bytes (cutting characters in two), each at once. */
function fileOf(bytes: Uint8Array, part: number, onPart: () => void = () => undefined): OpfsFile {
  return {
    size: bytes.byteLength,
    text: async () => new TextDecoder().decode(bytes),
    arrayBuffer: async () => bytes.slice().buffer,
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.byteLength) {
            controller.close();
            return;
          }
          onPart();
          controller.enqueue(bytes.slice(at, at + part));
          at += part;
        },
      });
    },
  };
}

describe('a side file read as text', () => {
  it('is decoded in parts to the same text as a whole, the window given a turn between them', async () => {
    const text = `\ufeff${'{"审计":"发票 № 24442000000123456789","金额":"12,720.00"}\n'.repeat(60_000)}`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.byteLength).toBeGreaterThan(3 * DECODE_IN_PARTS_FROM_BYTES);
    let turned = false;
    const turnsSeen: boolean[] = [];
    setTimeout(() => { turned = true; }, 0);
    const read = await textOf(fileOf(bytes, 65_537, () => {
      turnsSeen.push(turned);
    }));
    expect(read).toBe(await fileOf(bytes, 1).text());
    expect(read.startsWith('{"审计"')).toBe(true);
    // Parts read after the first megabyte come after a turn of the window.
    expect(turnsSeen.at(-1)).toBe(true);
  });

  it('is read whole when small', async () => {
    const bytes = new TextEncoder().encode('{"a":"审"}');
    expect(await textOf({ ...fileOf(bytes, 3), stream: undefined })).toBe('{"a":"审"}');
    expect(await textOf(fileOf(bytes, 3))).toBe('{"a":"审"}');
  });
});
