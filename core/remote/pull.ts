// `concord pull`: JSONL from an HTTP eval store into an import. The pages (followed through
// `Link: <...>; rel="next"`) are streamed to a temporary file, a page that fails is fetched again
// from its start, and the file then goes through the same import as a local JSONL file: the same
// validation, all-or-nothing rule and report.
import { closeSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors';
import { importSamples, type ImportOptions, type ImportReport } from '../import/importSamples';
import type { Workspace } from '../workspace/workspace';
import { checkStatus, checkUrl, idleSignal, networkError, nextLink, retryPolicy, shownUrl, withRetries, RetryableError } from './http';

export interface PullReport extends ImportReport {
  pages: number;
  /** Requests that failed and were made again. */
  retried: number;
}

const JSONL_TYPES = /^(application\/(x-)?ndjson|application\/jsonl|application\/x-jsonlines|application\/json|text\/plain|application\/octet-stream)\b/i;

/** Streams one page's body into the file at its end; checks its first bytes look like JSONL. */
async function fetchPage(url: string, headers: Record<string, string>, fd: number, at: number, idleMs: number): Promise<{ next?: string; bytes: number }> {
  const idle = idleSignal(idleMs);
  try {
    let res: Response;
    try {
      res = await fetch(url, { headers: { Accept: 'application/x-ndjson, application/jsonl;q=0.9, */*;q=0.1', ...headers }, signal: idle.signal, redirect: 'follow' });
    } catch (e) {
      throw networkError('GET', url, e);
    }
    checkStatus('GET', url, res);
    const type = res.headers.get('content-type') ?? '';
    if (type && !JSONL_TYPES.test(type)) throw new InputError(`GET ${shownUrl(url)}: the answer is ${type.split(';')[0]}, not JSONL`);
    let bytes = 0;
    let checked = false;
    try {
      for await (const chunk of res.body ?? []) {
        idle.touch();
        const buf = Buffer.from(chunk as Uint8Array);
        if (!checked) {
          const first = buf.toString('utf8').replace(/^\uFEFF/, '').trimStart();
          if (first !== '') {
            checked = true;
            if (!first.startsWith('{')) throw new InputError(`GET ${shownUrl(url)}: the body is not JSONL (it starts with ${JSON.stringify(first.slice(0, 20))})`);
          }
        }
        writeSync(fd, buf, 0, buf.length, at + bytes);
        bytes += buf.length;
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw networkError('GET', url, e);
    }
    // Pages are joined into one JSONL stream: a page without a final newline gets one.
    if (bytes > 0) writeSync(fd, '\n', at + bytes), bytes++;
    return { next: nextLink(res.headers.get('link'), url), bytes };
  } finally {
    idle.done();
  }
}

/** An owner (`by`) pulls every page from `from` and imports the rows (see importSamples for the options). */
export async function pullSamples(ws: Workspace, opts: { from: string; headers: Record<string, string> } & Omit<ImportOptions, 'file' | 'format'>, by: string): Promise<PullReport> {
  const first = checkUrl('from', opts.from).toString();
  const policy = retryPolicy();
  const tmp = path.join(ws.dir, `.pull-${process.pid}-${Date.now()}.jsonl`);
  const fd = openSync(tmp, 'w');
  let pages = 0;
  let retried = 0;
  try {
    let size = 0;
    const seen = new Set<string>();
    for (let url: string | undefined = first; url; ) {
      if (seen.has(url)) throw new InputError(`GET ${shownUrl(url)}: the pages link back to a page already read`);
      seen.add(url);
      const page: string = url;
      const got: { next?: string; bytes: number } = await withRetries(
        policy,
        () => {
          ftruncateSync(fd, size); // a page that failed half way starts over
          return fetchPage(page, opts.headers, fd, size, policy.idleTimeoutMs);
        },
        () => retried++,
      );
      size += got.bytes;
      pages++;
      url = got.next;
    }
    closeSync(fd);
    const report = await importSamples(ws, { ...opts, file: tmp, format: 'jsonl', sourceName: shownUrl(first) }, by);
    return { ...report, pages, retried };
  } catch (e) {
    if (e instanceof RetryableError) throw new Error(e.message);
    throw e;
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* closed before the import */
    }
    rmSync(tmp, { force: true });
  }
}
