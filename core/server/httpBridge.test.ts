import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { ensureDemoWorkspace } from '../demo/demoWorkspace';
import { serveWorkspace } from './main';

const tempDir = useTempDirs();
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start() {
  const dir = path.join(tempDir(), 'ws');
  await ensureDemoWorkspace(dir);
  const staticDir = tempDir();
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const server = await serveWorkspace(dir, { staticDir });
  servers.push(server);
  const call = async (name: string, input: unknown, token = server.token) => {
    const res = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (res.status === 200 ? await res.json() : await res.text()) as any };
  };
  const ok = async (name: string, input: unknown) => {
    const r = await call(name, input);
    expect(r.status).toBe(200);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error.message}`);
    return r.body.value;
  };
  return { server, call, ok };
}

/** A raw request with a chosen Host header (fetch will not let us forge one). */
function rawGet(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

const benign = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };

describe('the local HTTP bridge', () => {
  it('listens on 127.0.0.1 only, checks the Host header and the token, and sends a strict CSP', async () => {
    const { server, call } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await rawGet(server.port, `127.0.0.1:${server.port}`)).toBe(200);
    expect(await rawGet(server.port, `evil.example:${server.port}`)).toBe(421);
    expect((await call('appInfo', {}, 'wrong-token')).status).toBe(401);
    const page = await fetch(server.url);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self' data:/);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('validates every input against the contract and refuses unknown calls', async () => {
    const { call } = await start();
    const bad = await call('saveLabel', { raterId: 'demo-rater', sampleId: 'demo-0001', values: {}, timeSpentMs: -5 });
    expect(bad.body).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(bad.body.error.message).toMatch(/timeSpentMs/);
    const unknown = await call('dropDatabase', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { kind: 'input', message: 'unknown call "dropDatabase"' } });
  });

  it('runs a rater through label, next, skip, flag, undo and revision, blind to other raters', async () => {
    const { ok } = await start();
    const info = await ok('appInfo', {});
    expect(info.guideline).toEqual({ id: 'harm-taxonomy', version: '1.1.0' });
    expect(info.samples).toBeGreaterThan(200);
    await ok('createProfile', { id: 'ana', name: 'Ana' });

    const page = await ok('queue', { raterId: 'ana', filter: 'todo', limit: 5 });
    expect(page.items).toHaveLength(5);
    const [first, second, third] = page.items.map((i: { sampleId: string }) => i.sampleId);
    const saved = await ok('saveLabel', { raterId: 'ana', sampleId: first, values: benign, timeSpentMs: 1200 });
    expect(saved).toMatchObject({ revision: 1, nextSampleId: second });
    expect((await ok('getItem', { raterId: 'ana', sampleId: first })).label.values).toEqual(benign);

    expect(await ok('skipItem', { raterId: 'ana', sampleId: second })).toEqual({ nextSampleId: third });
    await ok('flagItem', { raterId: 'ana', sampleId: third, comment: 'prompt is cut off' });
    const counts = (await ok('queue', { raterId: 'ana', filter: 'all', limit: 1 })).counts;
    expect(counts).toMatchObject({ done: 1, skipped: 1, flagged: 1 });
    expect(counts.todo).toBe(counts.all - 3);

    const revised = await ok('saveLabel', { raterId: 'ana', sampleId: first, values: { ...benign, refusal: 'refused' }, timeSpentMs: 300 });
    expect(revised.revision).toBe(2);
    expect(await ok('undoLastSubmission', { raterId: 'ana' })).toEqual({ sampleId: first });
    expect((await ok('getItem', { raterId: 'ana', sampleId: first })).label.values).toEqual(benign);

    // Another rater sees the same item as untouched: labeling is blind.
    await ok('createProfile', { id: 'ben', name: 'Ben' });
    const benView = await ok('getItem', { raterId: 'ben', sampleId: first });
    expect(benView).toMatchObject({ state: 'todo', label: null });
    expect((await ok('queue', { raterId: 'ben', filter: 'done', limit: 5 })).matching).toBe(0);
  });
});
