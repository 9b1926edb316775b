import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../../shared/stats/random';

// A proxy between sync clients and a real hub that loses, duplicates, reorders, delays and
// truncates messages, seeded so a failing run can be replayed. Used by the fault tests.

export type Fault = 'pass' | 'drop-request' | 'drop-response' | 'duplicate' | 'delay' | 'truncate' | 'reorder';

export interface FaultyProxy {
  url: string;
  /** How many requests met each fault. */
  counts: Record<Fault, number>;
  /** Stop injecting faults (for the final, clean sync). */
  heal(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFaultyProxy(target: string, opts: { seed: number; faultRate: number; faults?: Fault[] }): Promise<FaultyProxy> {
  const random = mulberry32(opts.seed);
  const kinds: Fault[] = opts.faults ?? ['drop-request', 'drop-response', 'duplicate', 'delay', 'truncate', 'reorder'];
  const counts = Object.fromEntries(['pass', ...kinds].map((k) => [k, 0])) as Record<Fault, number>;
  let healed = false;
  let held: (() => void) | undefined;
  const upstream = new URL(target);

  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const r = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const fault: Fault = healed || random() >= opts.faultRate ? 'pass' : kinds[Math.floor(random() * kinds.length)];
      counts[fault]++;
      // A request held for reordering goes after this one.
      const release = held;
      held = undefined;
      try {
        if (fault === 'drop-request') return void req.socket.destroy();
        if (fault === 'delay') await sleep(20 + random() * 200);
        if (fault === 'reorder') {
          await new Promise<void>((resume) => {
            held = resume;
            setTimeout(resume, 60);
          });
        }
        const answer = await forward(req, body);
        if (fault === 'duplicate') await forward(req, body).catch(() => undefined);
        if (fault === 'drop-response') return void req.socket.destroy();
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        if (fault === 'truncate') {
          res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
          res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
          return void setTimeout(() => req.socket.destroy(), 5);
        }
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      } catch {
        req.socket.destroy();
      } finally {
        release?.();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    heal: () => {
      healed = true;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
