// `concord push`: the JSONL export POSTed to an HTTP eval store in chunks. Each chunk carries an
// Idempotency-Key derived from its bytes, so a chunk sent again after a lost answer is applied once
// by a store that honours the key (IETF draft-ietf-httpapi-idempotency-key-header). 5xx answers and
// network errors are retried with backoff; when a chunk cannot be delivered the push stops there.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { exportLabels, type ExportMethod } from '../export/exportLabels';
import type { Workspace } from '../workspace/workspace';
import { checkStatus, checkUrl, idleSignal, networkError, retryPolicy, shownUrl, withRetries } from './http';

export interface PushReport {
  rows: number;
  chunks: number;
  /** Rows the store acknowledged. */
  sent: number;
  /** Chunks that needed more than one attempt. */
  chunksRetried: number;
}

/** A push that gave up: what was and was not sent. */
export class PushFailed extends Error {
  constructor(
    message: string,
    readonly report: PushReport & { failedChunk: number; notSent: number },
  ) {
    super(message);
  }
}

const ROWS_PER_CHUNK = 500;
const BYTES_PER_CHUNK = 1 << 20;

/** The export's lines in chunks of at most 500 rows and about 1 MB. */
function chunksOf(lines: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    if (cur.length && (cur.length >= ROWS_PER_CHUNK || bytes + line.length > BYTES_PER_CHUNK)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(line);
    bytes += line.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

export const idempotencyKey = (body: string) => `concord-${createHash('sha256').update(body).digest('hex')}`;

/** Exports the labels as JSONL (the same rows as `concord export`) and POSTs them to `to`. */
export async function pushLabels(ws: Workspace, opts: { to: string; headers: Record<string, string>; method?: ExportMethod }): Promise<PushReport> {
  const url = checkUrl('to', opts.to).toString();
  const tmp = path.join(ws.dir, `.push-${process.pid}-${Date.now()}.jsonl`);
  let lines: string[];
  try {
    exportLabels(ws, { out: tmp, format: 'jsonl', method: opts.method });
    lines = readFileSync(tmp, 'utf8').split('\n').filter((l) => l !== '');
  } finally {
    rmSync(tmp, { force: true });
  }
  const chunks = chunksOf(lines);
  const policy = retryPolicy();
  const report: PushReport = { rows: lines.length, chunks: chunks.length, sent: 0, chunksRetried: 0 };
  for (const [i, chunk] of chunks.entries()) {
    const body = chunk.join('\n') + '\n';
    const key = idempotencyKey(body);
    let retried = false;
    try {
      await withRetries(
        policy,
        async () => {
          const idle = idleSignal(policy.idleTimeoutMs);
          try {
            let res: Response;
            try {
              res = await fetch(url, { method: 'POST', headers: { ...opts.headers, 'Content-Type': 'application/x-ndjson', 'Idempotency-Key': key }, body, signal: idle.signal });
              await res.arrayBuffer(); // the answer is only acknowledged once it arrived whole
            } catch (e) {
              throw networkError('POST', url, e);
            }
            checkStatus('POST', url, res);
          } finally {
            idle.done();
          }
        },
        () => (retried = true),
      );
    } catch (e) {
      if (retried) report.chunksRetried++;
      const notSent = report.rows - report.sent;
      throw new PushFailed(
        `sent ${report.sent} of ${report.rows} rows (${i} of ${chunks.length} chunks) to ${shownUrl(url)}; chunk ${i + 1} failed, so it and the ${notSent - chunk.length} rows after it were not sent: ${(e as Error).message}`,
        { ...report, failedChunk: i + 1, notSent },
      );
    }
    if (retried) report.chunksRetried++;
    report.sent += chunk.length;
  }
  return report;
}
