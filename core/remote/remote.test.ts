// pull and push against a real HTTP server on 127.0.0.1 that pages, answers some requests with 500,
// drops some connections and records what it applied. Faults are chosen by request count, never by time.
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConcord, type CliResult } from '../testing/cli';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';

const tempDir = useTempDirs();
const SECRET = 'sk-live-7d1e4b0f9c2a';
const AUTH = `Authorization: Bearer ${SECRET}`;
const env = { CONCORD_HTTP_BACKOFF_MS: '5' };

interface Store {
  url: string;
  /** Requests seen per path (with query). */
  hits: Map<string, number>;
  /** Row ids applied by POST, in order, and the idempotency keys applied. */
  applied: string[];
  keys: Set<string>;
  posts: number;
  close(): Promise<void>;
}

const servers: Store[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const PAGE_ROWS = 40;
const PAGES = 3;
const pageRows = (page: number) =>
  Array.from({ length: PAGE_ROWS }, (_, i) => {
    const n = (page - 1) * PAGE_ROWS + i;
    return JSON.stringify({ id: `r${n}`, input: `question ${n}`, output: `answer ${n}`, scores: { toxicity: (n % 10) / 10 } });
  }).join('\n');

async function startStore(): Promise<Store> {
  const hits = new Map<string, number>();
  const applied: string[] = [];
  const keys = new Set<string>();
  const store = { hits, applied, keys, posts: 0 } as Store;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const n = (hits.get(url) ?? 0) + 1;
    hits.set(url, n);
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('who are you?');
      return;
    }
    const { pathname, searchParams } = new URL(url, 'http://x');
    if (req.method === 'GET' && pathname === '/samples') {
      const page = Number(searchParams.get('page') ?? 1);
      if (page === 2 && n === 1) return void res.writeHead(500).end('busy');
      const body = pageRows(page);
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/x-ndjson' };
      if (page < PAGES) headers.link = `</samples?page=${page + 1}>; rel="next", </samples?page=1>; rel="first"`;
      if (page === 3 && n === 1) {
        // half the page, then the connection drops
        res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
        res.write(body.slice(0, body.length / 2));
        setImmediate(() => req.socket.destroy());
        return;
      }
      return void res.writeHead(200, headers).end(body);
    }
    if (req.method === 'GET' && pathname === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>login</p>');
    if (req.method === 'GET' && pathname === '/text') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('id,input,output\n1,a,b\n');
    if (req.method === 'POST' && (pathname === '/labels' || pathname === '/flaky')) {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        store.posts++;
        const key = String(req.headers['idempotency-key'] ?? '');
        if (pathname === '/flaky') return void res.writeHead(503).end();
        // The second chunk's first attempt fails before anything is applied; the third chunk is
        // applied and then its answer is lost with the connection.
        const chunkNo = keys.size + (keys.has(key) ? 0 : 1);
        const attempt = (hits.get(`chunk:${key}`) ?? 0) + 1;
        hits.set(`chunk:${key}`, attempt);
        if (chunkNo === 2 && attempt === 1) return void res.writeHead(500).end();
        if (!keys.has(key)) {
          keys.add(key);
          for (const line of Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean)) applied.push(JSON.parse(line).id);
        }
        if (chunkNo === 3 && attempt === 1) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  store.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.close = () => new Promise((r) => (server.closeAllConnections(), server.close(() => r())));
  servers.push(store);
  return store;
}

function expectNoSecret(dir: string, ...results: CliResult[]) {
  for (const r of results) expect(r.stdout + r.stderr).not.toContain(SECRET);
  // Nor in the workspace: database, WAL, anything left behind.
  for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f)).includes(Buffer.from(SECRET)), f).toBe(false);
}

describe('concord pull', () => {
  it('pages through a store that fails and drops requests, and imports every row exactly once', async () => {
    const store = await startStore();
    const ws = await makeWorkspace(tempDir(), 0);
    ws.close();
    const r = await runConcord(['pull', '--workspace', ws.dir, '--from', `${store.url}/samples?page=1`, '--header', AUTH, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: PAGES * PAGE_ROWS, invalid: [], conflicts: [], pages: 3, retried: 2 });
    expect(store.hits.get('/samples?page=2')).toBe(2);
    expect(store.hits.get('/samples?page=3')).toBe(2);
    const { samples, total } = JSON.parse((await runConcord(['samples', '--workspace', ws.dir, '--limit', '1000', '--json'])).stdout);
    expect(total).toBe(PAGES * PAGE_ROWS);
    expect(samples.map((s: { id: string }) => s.id)).toEqual(Array.from({ length: PAGES * PAGE_ROWS }, (_, i) => `r${i}`));
    // The event names the URL it came from, and nothing of the headers.
    const w = openWorkspace(ws.dir);
    const sources = w.db.prepare(`SELECT DISTINCT json_extract(payload, '$.source.file') FROM events WHERE type = 'samples.imported'`).pluck().all();
    // ... and is authored by the owner who pulled (the CLI's local owner), as an import is.
    const authors = w.db.prepare(`SELECT DISTINCT author FROM events WHERE type = 'samples.imported' AND json_extract(payload, '$.source.file') LIKE 'http%'`).pluck().all();
    w.close();
    expect(sources).toContain(`${store.url}/samples?page=1`);
    expect(authors).toEqual([TEST_OWNER]);
    // Pulling again: everything unchanged.
    const again = await runConcord(['pull', '--workspace', ws.dir, '--from', `${store.url}/samples?page=1`, '--header', AUTH, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: PAGES * PAGE_ROWS });
    expectNoSecret(ws.dir, r, again);
  });

  it('refuses a 404, a 401, an HTML page and a body that is not JSONL: exit 2, one line, nothing imported; an unreachable store is exit 1', async () => {
    const store = await startStore();
    const ws = await makeWorkspace(tempDir(), 0);
    ws.close();
    const results: CliResult[] = [];
    for (const [pathAndHeader, code, message] of [
      [['/missing', AUTH], 2, /GET http:\/\/127\.0\.0\.1:\d+\/missing: HTTP 404 Not Found$/],
      [['/samples', 'Authorization: Bearer wrong'], 2, /GET http:\/\/127\.0\.0\.1:\d+\/samples: HTTP 401 Unauthorized$/],
      [['/html', AUTH], 2, /the answer is text\/html, not JSONL$/],
      [['/text', AUTH], 2, /the body is not JSONL \(it starts with "id,input,output\\n1,a,"\)$/],
    ] as const) {
      const r = await runConcord(['pull', '--workspace', ws.dir, '--from', `${store.url}${pathAndHeader[0]}`, '--header', pathAndHeader[1], '--debug'], env);
      results.push(r);
      expect(r.code, pathAndHeader[0]).toBe(code);
      expect(r.stderr.split('\n')[0], pathAndHeader[0]).toMatch(message);
    }
    await store.close();
    servers.splice(0);
    const down = await runConcord(['pull', '--workspace', ws.dir, '--from', `${store.url}/samples`, '--header', AUTH], env);
    expect(down.code).toBe(1);
    expect(down.stderr.trim()).toMatch(/^concord pull: GET http:\/\/127\.0\.0\.1:\d+\/samples: ECONNREFUSED \(gave up after 5 attempts\)$/);
    const badHeader = await runConcord(['pull', '--workspace', ws.dir, '--from', `${store.url}/samples`, '--header', `Bearer ${SECRET}`], env);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/--header number 1 is not of the form "Name: value"/);
    const inUrl = await runConcord(['pull', '--workspace', ws.dir, '--from', `http://user:${SECRET}@127.0.0.1:1/x`], env);
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toMatch(/put credentials in --header/);
    expect(JSON.parse((await runConcord(['status', '--workspace', ws.dir, '--json'])).stdout).samples).toBe(0);
    expectNoSecret(ws.dir, ...results, down, badHeader, inUrl);
  });
});

describe('concord push', () => {
  async function labelledWorkspace(n: number) {
    const ws = await makeWorkspace(tempDir(), n);
    for (let i = 0; i < n; i++) saveLabel(ws, { sampleId: `s${i}`, raterId: 'r1', values: harmLabel(['none'], 0), timeSpentMs: 100 });
    ws.close();
    return ws;
  }

  it('sends every labelled row exactly once through 500s and a lost answer, each chunk under its own idempotency key', async () => {
    const store = await startStore();
    const ws = await labelledWorkspace(1300); // three chunks of at most 500 rows
    const r = await runConcord(['push', '--workspace', ws.dir, '--to', `${store.url}/labels`, '--header', AUTH, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 1300, chunks: 3, sent: 1300, chunksRetried: 2 });
    expect(store.posts).toBe(5); // chunk 2 and chunk 3 each twice
    expect(store.applied).toHaveLength(1300);
    expect(new Set(store.applied).size).toBe(1300);
    expect(store.applied).toEqual(Array.from({ length: 1300 }, (_, i) => `s${i}`));
    // What is sent is the export's JSONL, row for row.
    const out = path.join(tempDir(), 'labels.jsonl');
    await runConcord(['export', '--workspace', ws.dir, '--out', out]);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(store.applied);
    // Pushing again re-sends the same chunks under the same keys: the store applies nothing twice.
    const again = await runConcord(['push', '--workspace', ws.dir, '--to', `${store.url}/labels`, '--header', AUTH], env);
    expect(again.code).toBe(0);
    expect(store.applied).toHaveLength(1300);
    expectNoSecret(ws.dir, r, again);
  });

  it('gives up on a store that keeps failing: exit 1, saying what was and was not sent', async () => {
    const store = await startStore();
    const ws = await labelledWorkspace(20);
    const r = await runConcord(['push', '--workspace', ws.dir, '--to', `${store.url}/flaky`, '--header', AUTH, '--json', '--debug'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 20, chunks: 1, sent: 0, chunksRetried: 1, failedChunk: 1, notSent: 20 });
    expect(r.stderr.trim()).toMatch(/^concord push: sent 0 of 20 rows \(0 of 1 chunks\) to http:\/\/127\.0\.0\.1:\d+\/flaky; chunk 1 failed, so it and the 0 rows after it were not sent: POST .*: HTTP 503 Service Unavailable \(gave up after 5 attempts\)$/);
    expect(store.posts).toBe(5);
    const missing = await runConcord(['push', '--workspace', ws.dir, '--to', `${store.url}/nowhere`, '--header', AUTH], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/chunk 1 failed.*HTTP 404 Not Found$/m);
    expectNoSecret(ws.dir, r, missing);
  });
});
