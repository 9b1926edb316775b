import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../../shared/stats/random';

// A proxy between sync clients and a real hub that loses, duplicates, reorders, delays and
// truncates messages, seeded so a failing run can be replayed. Used by the fault tests. The first
// pushes (POSTs) meet every fault once each, in a seeded order, so every run covers each fault on a
// push (a dropped answer after the hub committed, a duplicate, ...); then faults come at random.

export type Fault = 'pass' | 'drop-request' | 'drop-response' | 'duplicate' | 'delay' | 'truncate' | 'reorder';

export interface FaultyProxy {
  url: string;
  /** How many requests met each fault. */
  counts: Record<Fault, number>;
  /** How many pushes (POST) met each fault. */
  pushCounts: Record<Fault, number>;
  /** Stop injecting faults (for the final, clean sync). */
  heal(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFaultyProxy(target: string, opts: { seed: number; faultRate: number; faults?: Fault[] }): Promise<FaultyProxy> {
  const random = mulberry32(opts.seed);
  const kinds: Fault[] = opts.faults ?? ['drop-request', 'drop-response', 'duplicate', 'delay', 'truncate', 'reorder'];
  const zero = () => Object.fromEntries(['pass', ...kinds].map((k) => [k, 0])) as Record<Fault, number>;
  const [counts, pushCounts] = [zero(), zero()];
  // Every fault once, for the first pushes: a seeded shuffle (Fisher-Yates).
  const firstPushFaults = [...kinds];
  for (let i = firstPushFaults.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [firstPushFaults[i], firstPushFaults[j]] = [firstPushFaults[j], firstPushFaults[i]];
  }
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
      const push = req.method === 'POST';
      const fault: Fault = healed ? 'pass' : push && firstPushFaults.length ? firstPushFaults.shift()! : random() >= opts.faultRate ? 'pass' : kinds[Math.floor(random() * kinds.length)];
      counts[fault]++;
      if (push) pushCounts[fault]++;
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
    pushCounts,
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
