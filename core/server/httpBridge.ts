import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SESSION_HEADER } from '../../shared/api/http';
import { dispatch, isApiName, type Engine } from '../api/dispatch';
import { contentSecurityPolicy } from './csp';
import { createSessionTable, type SessionTable } from './sessions';

// The same API the Electron app gets over IPC, over HTTP on 127.0.0.1 for the browser build and the
// end-to-end tests. Defences: loopback only, a secret token on every API call (exactly
// `Authorization: Bearer <token>`), a Host-header check against DNS rebinding, no request from another
// origin, strict CSP on every page, and no CORS headers. Any page in the user's browser can send this
// server requests of any shape (an <img> is enough), so every part of a request is parsed by a small
// function that answers a 4xx for what it cannot read, and nothing a request carries can throw.
// Who is calling comes from the session secret (the SESSION_HEADER) that `signIn` answered with:
// one per tab, so several tabs can be different people.

export interface HttpBridge {
  url: string;
  /** The URL to open: carries the token in the fragment, which the renderer moves to memory. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY = 5 * 1024 * 1024;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const security = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A request this server will not serve: the status and a short reason. */
class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly json = false,
  ) {}
}

const apiError = (status: number, message: string) => new Refusal(status, JSON.stringify({ ok: false, error: { kind: 'input', message } }), true);

/** This server's own origins: the Host header must be one, and so must an Origin header if sent. */
function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function checkHost(req: http.IncomingMessage, port: number): Refusal | undefined {
  if (!ownHosts(port).includes(req.headers.host ?? '')) return new Refusal(421, 'wrong host');
}

/** Browsers send Origin on every cross-origin request and every POST: a page elsewhere is refused. */
function checkOrigin(req: http.IncomingMessage, port: number): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  if (!ownHosts(port).some((h) => origin === `http://${h}`)) return new Refusal(403, 'requests from other origins are refused');
}

/** The decoded path of the request target, or a refusal for one that is not a path or not valid percent-encoding. */
function requestPath(req: http.IncomingMessage): string | Refusal {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return new Refusal(400, 'bad request target');
  const raw = target.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return new Refusal(400, 'bad percent-encoding in the path');
  }
  if (decoded.includes('\0')) return new Refusal(400, 'bad path');
  return decoded;
}

/** The token must come as exactly `Bearer <token>`: no other scheme, spacing or extra text. */
function checkToken(req: http.IncomingMessage, token: Buffer): Refusal | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
  const given = m ? Buffer.from(m[1]) : Buffer.alloc(0);
  if (given.length !== token.length || !timingSafeEqual(given, token)) return new Refusal(401, 'bad token');
}

/** How much of a refused body is read and dropped so that its sender can read the 413 (then the connection is cut). */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * The request body, up to MAX_BODY bytes; a longer one (declared or streamed) is a 413 as soon as
 * it is known, and the rest is read and dropped (see refuseTooLarge).
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | Refusal> {
  const tooLarge = new Refusal(413, `the request body is over ${MAX_BODY} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      chunks.length = 0;
      req.off('data', onData);
      resolve(tooLarge);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > MAX_BODY ? tooLarge : Buffer.concat(chunks)));
    req.on('error', () => resolve(new Refusal(400, 'the request body was cut off')));
  });
}

/**
 * Answers a 413 at once but ends the response only once the sender has stopped sending: a server
 * that closes a connection with unread bytes in it makes the sender's system reset it, and the
 * sender never reads the answer. Past DRAIN_LIMIT the connection is cut.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, r: Refusal) {
  res.writeHead(413, { ...security, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(r.message), Connection: 'close' });
  res.write(r.message);
  if (req.complete) return void res.end();
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.on('end', () => res.end());
  req.on('close', () => res.end());
  req.resume();
}

function parseJsonBody(body: Buffer): unknown | Refusal {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return apiError(400, 'body is not JSON');
  }
}

/** The file under staticDir that a path names, or undefined (never a file outside it). */
function staticFile(staticDir: string, pathname: string): string | undefined {
  const root = path.resolve(staticDir);
  const file = path.resolve(root, pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
  if (!file.startsWith(root + path.sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The session a request's header names (Node lower-cases header names). */
function sessionSecret(req: http.IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER.toLowerCase()];
  return typeof value === 'string' && value ? value : undefined;
}

/** Runs one API call for the session the request carries. */
function runCall(engine: Engine, sessions: SessionTable, req: http.IncomingMessage, name: string, input: unknown) {
  return dispatch(engine, name, input, sessions.sessionFor(sessionSecret(req)));
}

export async function startHttpBridge(options: { engine: Engine; staticDir?: string; port?: number; token?: string }): Promise<HttpBridge> {
  const sessions = createSessionTable();
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = 0;

  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    if (res.headersSent) return void res.end();
    res.writeHead(status, { ...security, 'Content-Type': type });
    res.end(body);
  };
  const refuse = (res: http.ServerResponse, r: Refusal) => send(res, r.status, r.message, r.json ? 'application/json' : undefined);

  async function api(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'POST') return refuse(res, new Refusal(405, 'POST only'));
    const denied = checkToken(req, tokenBuf);
    if (denied) return refuse(res, denied);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, new Refusal(415, 'JSON only'));
    const name = pathname.slice('/api/'.length);
    if (!isApiName(name)) return refuse(res, apiError(404, `unknown call "${name}"`));
    const body = await readBody(req);
    if (body instanceof Refusal) return body.status === 413 ? refuseTooLarge(req, res, body) : refuse(res, body);
    const input = parseJsonBody(body);
    if (input instanceof Refusal) return refuse(res, input);
    const result = await runCall(options.engine, sessions, req, name, input);
    send(res, 200, JSON.stringify(result), 'application/json');
  }

  function page(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, new Refusal(405, 'GET only'));
    if (!options.staticDir) return refuse(res, new Refusal(404, 'no UI build'));
    const file = staticFile(options.staticDir, pathname);
    if (!file) return refuse(res, new Refusal(404, 'not found'));
    res.writeHead(200, { ...security, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const refused = checkHost(req, port) ?? checkOrigin(req, port);
    if (refused) return refuse(res, refused);
    const pathname = requestPath(req);
    if (pathname instanceof Refusal) return refuse(res, pathname);
    if (pathname.startsWith('/api/')) return api(req, res, pathname);
    return page(req, res, pathname);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'internal error'));
  });
  // Requests Node cannot parse as HTTP at all (bad headers, bad framing) get a 400 and a closed socket.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
