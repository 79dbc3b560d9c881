import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- plain JavaScript script, no type declarations
import { serveStatic } from '../../scripts/serve.mjs';

vi.mock('electron', () => ({}));

const root = mkdtempSync(join(tmpdir(), 'dd-serve-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(root, { recursive: true, force: true });
});

describe('web mode server', () => {
  it('names a busy port and how to choose another instead of throwing a raw EADDRINUSE', async () => {
    const first = (await serveStatic(root, 0)) as { server: Server; url: string };
    servers.push(first.server);
    const port = Number(new URL(first.url).port);
    const second = serveStatic(root, port) as Promise<unknown>;
    await expect(second).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: expect.stringMatching(new RegExp(`^port ${port} on 127\\.0\\.0\\.1 is already in use .*set PORT`)),
    });
  });
});
