import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SESSION_HEADER } from '../../shared/api/http';
import { dispatch, type Engine } from '../api/dispatch';
import { contentSecurityPolicy } from './csp';
import { createSessionTable, type SessionTable } from './sessions';

// The same API the Electron app gets over IPC, over HTTP on 127.0.0.1 for the browser build and the
// end-to-end tests. Defences: loopback only, a random port, a per-launch secret token on every API
// call, a Host-header check against DNS rebinding, strict CSP on every page, and no CORS headers.
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

const MAX_BODY = 5 * 1024 * 1024;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The session a request's header names (Node lower-cases header names). */
function sessionSecret(req: http.IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER.toLowerCase()];
  return typeof value === 'string' && value ? value : undefined;
}

/** Runs one API call for the session the request carries. */
function runCall(engine: Engine, sessions: SessionTable, req: http.IncomingMessage, name: string, input: unknown) {
  return dispatch(engine, name, input, sessions.sessionFor(sessionSecret(req)));
}

export async function startHttpBridge(options: { engine: Engine; staticDir?: string; port?: number }): Promise<HttpBridge> {
  const sessions = createSessionTable();
  const token = randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = 0;

  const server = http.createServer((req, res) => {
    const security = {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...security, 'Content-Type': type });
      res.end(body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(421, 'wrong host');

    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(405, 'POST only');
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (auth.length !== tokenBuf.length || !timingSafeEqual(auth, tokenBuf)) return send(401, 'bad token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(415, 'JSON only');
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', async () => {
        let input: unknown;
        try {
          input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { kind: 'input', message: 'body is not JSON' } }), 'application/json');
        }
        const result = await runCall(options.engine, sessions, req, url.pathname.slice('/api/'.length), input);
        send(200, JSON.stringify(result), 'application/json');
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'GET only');
    if (!options.staticDir) return send(404, 'no UI build');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(options.staticDir, rel);
    if (!file.startsWith(path.resolve(options.staticDir) + path.sep) || !existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    res.writeHead(200, { ...security, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
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
