import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../testing/fixtures';
import { startServerProcess, type ServerProcess } from '../testing/labelFlood';
import { useTempDirs } from '../testing/tmp';
import { MAX_BODY } from './httpBridge';

// Any web page the user opens can make their browser send this server requests, and any local
// process can send it anything at all. A corpus of malformed paths, headers and bodies goes to a
// real server process over raw sockets; each gets a 4xx (or a closed connection), never a crash,
// and the server still answers a proper call after each one.

const tempDir = useTempDirs();
let server: ServerProcess;
let port: number;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  (await makeWorkspace(dir, 5)).close();
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServerProcess(path.join(dir, 'ws'), staticDir);
  port = Number(new URL(server.url).port);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** Sends raw bytes and reads until the server closes or goes quiet: the status code, 'closed' (no response) or 'reset'. */
function raw(request: string | Buffer, options: { halfClose?: boolean } = {}): Promise<number | 'closed' | 'reset'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
      resolve(m ? Number(m[1]) : 'closed');
    };
    const timer = setTimeout(done, 3000);
    socket.on('data', (d) => {
      response += d.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3}/.test(response) && response.includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('error', () => (response ? done() : (clearTimeout(timer), resolve('reset'))));
    socket.write(request, () => options.halfClose && socket.end());
  });
}

const host = () => `Host: 127.0.0.1:${port}`;
const auth = () => `Authorization: Bearer ${server.token}`;
const post = (pathname: string, headers: string[], body = '{}') =>
  [`POST ${pathname} HTTP/1.1`, host(), ...headers, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body].join('\r\n');
const get = (target: string, headers: string[] = [host()]) => [`GET ${target} HTTP/1.1`, ...headers, 'Connection: close', '', ''].join('\r\n');

async function stillAnswers() {
  const res = await fetch(`${server.url}api/appInfo`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '{}' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  expect(server.child.exitCode).toBeNull();
}

const json = 'Content-Type: application/json';
type Case = [name: string, request: () => string | Buffer, expected: number | 'any', options?: { halfClose?: boolean }];

const corpus: Case[] = [
  // paths
  ['a malformed escape in a page path', () => get('/%E0%A4%A'), 400],
  ['a lone percent sign', () => get('/%'), 400],
  ['a non-hex escape', () => get('/%zz'), 400],
  ['an encoded NUL', () => get('/index.html%00.png'), 400],
  ['encoded dot segments out of the static folder', () => get('/..%2f..%2f..%2fetc%2fpasswd'), 404],
  ['dot segments', () => get('/../../../etc/passwd'), 404],
  ['a doubled slash', () => get('//etc/passwd'), 404],
  ['backslashes', () => get('/..\\..\\etc\\passwd'), 404],
  ['raw bytes that are not UTF-8 in the path', () => Buffer.concat([Buffer.from('GET /\xff\xfe'.split('').map((c) => c.charCodeAt(0))), Buffer.from(` HTTP/1.1\r\n${host()}\r\nConnection: close\r\n\r\n`)]), 'any'],
  ['an absolute-form target', () => get(`http://127.0.0.1:${port}/`), 400],
  ['an asterisk target', () => [`OPTIONS * HTTP/1.1`, host(), 'Connection: close', '', ''].join('\r\n'), 400],
  ['a 100 KB path', () => get('/' + 'a'.repeat(100_000)), 431],
  ['a malformed escape in a call name', () => post('/api/%E0%A4%A', [auth(), json]), 400],
  // headers
  ['no Host header', () => ['GET / HTTP/1.1', 'Connection: close', '', ''].join('\r\n'), 'any'],
  ['a foreign Host', () => get('/', ['Host: evil.example']), 421],
  ['a header line without a colon', () => ['GET / HTTP/1.1', host(), 'this is not a header', '', ''].join('\r\n'), 400],
  ['a NUL in a header value', () => ['GET / HTTP/1.1', host(), 'X-A: a\0b', '', ''].join('\r\n'), 400],
  ['2,000 headers', () => ['GET / HTTP/1.1', host(), ...Array.from({ length: 2000 }, (_, i) => `X-${i}: ${i}`), 'Connection: close', '', ''].join('\r\n'), 'any'],
  ['a garbage method', () => ['FROB / HTTP/1.1', host(), 'Connection: close', '', ''].join('\r\n'), 'any'],
  ['not HTTP at all', () => '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 TLS hello\r\n\r\n', 400],
  ['a negative Content-Length', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Content-Length: -5', '', '{}'].join('\r\n'), 400],
  ['a Content-Length that is not a number', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Content-Length: lots', '', '{}'].join('\r\n'), 400],
  ['Content-Length and Transfer-Encoding both', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Content-Length: 2', 'Transfer-Encoding: chunked', '', '0', '', ''].join('\r\n'), 400],
  ['bad chunked framing', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Transfer-Encoding: chunked', 'Connection: close', '', 'zz', 'xx', '0', '', ''].join('\r\n'), 'any'],
  // who may call
  ['no token', () => post('/api/appInfo', [json]), 401],
  ['another scheme', () => post('/api/appInfo', [`Authorization: Basic ${server.token}`, json]), 401],
  ['a lower-case scheme', () => post('/api/appInfo', [`Authorization: bearer ${server.token}`, json]), 401],
  ['two spaces after Bearer', () => post('/api/appInfo', [`Authorization: Bearer  ${server.token}`, json]), 401],
  ['text after the token', () => post('/api/appInfo', [`Authorization: Bearer ${server.token} extra`, json]), 401],
  ['the token twice', () => post('/api/appInfo', [`Authorization: Bearer ${server.token}${server.token}`, json]), 401],
  ['the token with its last character cut', () => post('/api/appInfo', [`Authorization: Bearer ${server.token.slice(0, -1)}`, json]), 401],
  ['a foreign Origin with the right token', () => post('/api/appInfo', [auth(), json, 'Origin: https://evil.example']), 403],
  ['Origin: null', () => post('/api/appInfo', [auth(), json, 'Origin: null']), 403],
  ['an unknown call', () => post('/api/dropDatabase', [auth(), json]), 404],
  ['GET on a call', () => get('/api/appInfo', [host(), auth()]), 405],
  ['a call that is not JSON', () => post('/api/appInfo', [auth(), 'Content-Type: text/plain']), 415],
  // bodies
  ['a body that is not JSON', () => post('/api/appInfo', [auth(), json], '{"a":'), 400],
  ['a JSON array for input', () => post('/api/queue', [auth(), json], '[1,2]'), 200],
  ['JSON nested 100,000 deep', () => post('/api/queue', [auth(), json], '['.repeat(100_000) + ']'.repeat(100_000)), 'any'],
  ['invalid UTF-8 in a body', () => Buffer.concat([Buffer.from(post('/api/queue', [auth(), json], 'xx').slice(0, -2)), Buffer.from([0x22, 0xff])]), 'any'],
  ['a declared body over the limit', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, `Content-Length: ${MAX_BODY + 1}`, '', ''].join('\r\n'), 413],
  ['a body over the limit, sent whole', () => post('/api/appInfo', [auth(), json], 'x'.repeat(MAX_BODY + 1024)), 413],
  ['a chunked body over the limit', () => [['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Transfer-Encoding: chunked', '', ''].join('\r\n'), `${(MAX_BODY + 10).toString(16)}\r\n${'x'.repeat(MAX_BODY + 10)}\r\n0\r\n\r\n`].join(''), 413],
  ['a body cut short', () => ['POST /api/appInfo HTTP/1.1', host(), auth(), json, 'Content-Length: 100', '', '{"a":'].join('\r\n'), 'any', { halfClose: true }],
];

describe('the local server, sent malformed and hostile requests', () => {
  it.each(corpus)('%s', async (_name, request, expected, options) => {
    const status = await raw(request(), options);
    if (expected === 'any') expect(status === 'closed' || status === 'reset' || (status >= 400 && status < 500) || status === 200).toBe(true);
    else expect(status).toBe(expected);
    await stillAnswers();
  });

  it('answers an HTTP client that sends a body over the limit with a 413 it can read', async () => {
    const res = await fetch(`${server.url}api/saveLabel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY) }),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/over \d+ bytes/);
  });

  it('has not crashed after the whole corpus', async () => {
    await stillAnswers();
    expect(server.stderr()).not.toMatch(/Error|at .*\.ts:\d+/);
  });
});
