import { chmodSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { serveWorkspace } from './main';

const tempDir = useTempDirs();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function setup() {
  const dir = tempDir();
  (await makeWorkspace(dir, 2)).close();
  const staticDir = path.join(dir, 'static');
  return { ws: path.join(dir, 'ws'), staticDir };
}

/** What a tab left open does: calls the engine at the URL and with the token it was given. */
async function tabStillWorks(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}api/appInfo`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
  return res.status;
}

describe('the browser build across restarts', () => {
  it('keeps its port and token per workspace, so an open tab keeps working; the token file is private', async () => {
    const { ws, staticDir } = await setup();
    const first = await serveWorkspace(ws, { staticDir });
    const { url, token, port } = first;
    await first.close();
    const file = path.join(ws, '.concord-server.json');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await serveWorkspace(ws, { staticDir });
    open.push(second);
    expect([second.port, second.token]).toEqual([port, token]);
    expect(await tabStillWorks(url, token)).toBe(200);
  });

  it('moves to another port (same token) when its port is taken, and trusts no token file others can read', async () => {
    const { ws, staticDir } = await setup();
    const first = await serveWorkspace(ws, { staticDir });
    const { port, token } = first;
    await first.close();
    const squatter = net.createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    try {
      const moved = await serveWorkspace(ws, { staticDir });
      expect(moved.port).not.toBe(port);
      expect(moved.token).toBe(token);
      await moved.close();
    } finally {
      squatter.close();
    }
    if (process.platform === 'win32') return;
    chmodSync(path.join(ws, '.concord-server.json'), 0o644);
    const fresh = await serveWorkspace(ws, { staticDir });
    open.push(fresh);
    expect(fresh.token).not.toBe(token);
    expect(statSync(path.join(ws, '.concord-server.json')).mode & 0o777).toBe(0o600);
  });
});
