import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { ensureDemoWorkspace } from '../demo/demoWorkspace';
import { SESSION_HEADER } from '../../shared/api/http';
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
  return { server, ...client(server) };
}

/** A browser tab's view of the bridge: the launch token, and the session secret once signed in. */
function client(server: { url: string; token: string }) {
  let session: string | null = null;
  const call = async (name: string, input: unknown, token = server.token) => {
    const res = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(session ? { [SESSION_HEADER]: session } : {}) },
      body: JSON.stringify(input),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (res.status === 200 ? await res.json() : await res.text()) as any;
    if (name === 'signIn' && body.ok) session = body.value.session;
    return { status: res.status, body };
  };
  const ok = async (name: string, input: unknown) => {
    const r = await call(name, input);
    expect(r.status).toBe(200);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error.message}`);
    return r.body.value;
  };
  return {
    call,
    ok,
    signIn: (profileId: string) => ok('signIn', { profileId }),
    /** Sends this secret from now on (a stale or forged one). */
    useSecret: (secret: string | null) => (session = secret),
    secret: () => session,
  };
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
    const { call, signIn } = await start();
    await signIn('demo-rater');
    const bad = await call('saveLabel', { sampleId: 'demo-0001', values: {}, timeSpentMs: -5 });
    expect(bad.body).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(bad.body.error.message).toMatch(/timeSpentMs/);
    const unknown = await call('dropDatabase', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { kind: 'input', message: 'unknown call "dropDatabase"' } });
  });

  it('runs a rater through label, next, skip, flag, undo and revision, blind to other raters', async () => {
    const { server, ok, signIn } = await start();
    const info = await ok('appInfo', {});
    expect(info.guideline).toEqual({ id: 'harm-taxonomy', version: '1.1.0' });
    expect(info.samples).toBeGreaterThan(200);
    await signIn('demo-owner');
    await ok('createProfile', { id: 'ana', name: 'Ana' });
    await ok('createProfile', { id: 'ben', name: 'Ben' });
    await signIn('ana');

    const page = await ok('queue', { filter: 'todo', limit: 5 });
    expect(page.items).toHaveLength(5);
    const [first, second, third] = page.items.map((i: { sampleId: string }) => i.sampleId);
    const saved = await ok('saveLabel', { sampleId: first, values: benign, timeSpentMs: 1200 });
    expect(saved).toMatchObject({ revision: 1, nextSampleId: second });
    expect((await ok('getItem', { sampleId: first })).label.values).toEqual(benign);

    expect(await ok('skipItem', { sampleId: second })).toEqual({ nextSampleId: third });
    await ok('flagItem', { sampleId: third, comment: 'prompt is cut off' });
    const counts = (await ok('queue', { filter: 'all', limit: 1 })).counts;
    expect(counts).toMatchObject({ done: 1, skipped: 1, flagged: 1 });
    expect(counts.todo).toBe(counts.all - 3);

    const revised = await ok('saveLabel', { sampleId: first, values: { ...benign, refusal: 'refused' }, timeSpentMs: 300 });
    expect(revised.revision).toBe(2);
    expect(await ok('undoLastSubmission', {})).toEqual({ sampleId: first });
    expect((await ok('getItem', { sampleId: first })).label.values).toEqual(benign);

    // Another rater, in another tab, sees the same item as untouched: labeling is blind.
    const ben = client(server);
    await ben.signIn('ben');
    const benView = await ben.ok('getItem', { sampleId: first });
    expect(benView).toMatchObject({ state: 'todo', label: null });
    expect((await ben.ok('queue', { filter: 'done', limit: 5 })).matching).toBe(0);
    // Ana's tab is still Ana: each tab is its own session.
    expect((await ok('currentProfile', {})).id).toBe('ana');
  });

  it('binds each session to the profile it signed in as; a refused call names the missing role and changes nothing', async () => {
    const { server, call, ok, signIn, useSecret, secret } = await start();
    const events = async () => (await ok('appInfo', {})).unsyncedChanges;
    expect(await ok('currentProfile', {})).toBeNull();
    const anonymous = await call('createBatch', { name: 'b', size: 1, seed: 1, overlap: { k: 1 }, raters: ['demo-rater'] });
    expect(anonymous.body).toEqual({ ok: false, error: { kind: 'input', message: 'createBatch needs a signed-in profile with the owner role; no one is signed in' } });

    const before = await events();
    const signedIn = await signIn('demo-rater');
    expect(signedIn.profile).toMatchObject({ id: 'demo-rater', roles: ['rater'] });
    expect(signedIn.session).toMatch(/^[\w-]{40,}$/);
    const refused = await call('createBatch', { name: 'b', size: 1, seed: 1, overlap: { k: 1 }, raters: ['demo-rater'] });
    expect(refused.body).toEqual({ ok: false, error: { kind: 'input', message: 'createBatch needs the owner role; demo-rater has rater' } });
    // A rater cannot make themselves an owner, nor make a profile that is one.
    expect((await call('setProfileRoles', { profileId: 'demo-rater', roles: ['owner'] })).body.error.message).toBe('setProfileRoles needs the owner role; demo-rater has rater');
    expect((await call('createProfile', { id: 'mallory', name: 'M', roles: ['owner'] })).body.error.message).toBe('createProfile needs the owner role; demo-rater has rater');
    expect(await events()).toBe(before);

    // A stale or forged secret is no session at all; signing out ends the real one.
    const real = secret();
    useSecret('forged-secret');
    expect(await ok('currentProfile', {})).toBeNull();
    useSecret(real);
    expect((await ok('currentProfile', {})).id).toBe('demo-rater');
    await ok('signOut', {});
    expect(await ok('currentProfile', {})).toBeNull();
    expect((await call('queue', {})).body.error.message).toBe('queue needs a signed-in profile with the rater role; no one is signed in');

    // An owner's role change applies to the other session's very next call.
    const rater = client(server);
    await rater.signIn('demo-rater');
    await signIn('demo-owner');
    await ok('setProfileRoles', { profileId: 'demo-rater', roles: ['rater', 'adjudicator'] });
    expect((await rater.ok('disagreements', { rule: { kind: 'any' } }))).toEqual([]);
    await ok('setProfileRoles', { profileId: 'demo-rater', roles: ['rater'] });
    expect((await rater.call('disagreements', { rule: { kind: 'any' } })).body.error.message).toBe('disagreements needs the adjudicator or owner role; demo-rater has rater');
  });
});
