// An Inspect log as JSONL: each sample of each epoch as the JSON of its canonical row
// (shared/samples/inspect.ts), line N for sample N. Runs on a worker thread (inspectWorker.ts).
import { closeSync, openSync, writeSync } from 'node:fs';
import { inspectSampleRow } from '../../shared/samples/inspect';
import { openInspectLog } from '../inspect/readLog';
import type { InvalidRow } from './validate';

/** Lines written through one reused buffer, each copied in as soon as it is made (no chunk of strings held). */
function lineWriter(fd: number) {
  const buf = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const flush = () => {
    if (used) writeSync(fd, buf, 0, used);
    used = 0;
  };
  const put = (text: string) => {
    if (used + 3 * text.length + 1 > buf.length) flush(); // at most 3 UTF-8 bytes per UTF-16 unit
    if (3 * text.length + 1 > buf.length) writeSync(fd, text + '\n');
    else {
      used += buf.write(text, used, 'utf8');
      buf[used++] = 0x0a;
    }
  };
  return { put, flush };
}

/**
 * Writes each sample of each epoch of an Inspect log to `out` as the JSON of its canonical row
 * (shared/samples/inspect.ts), line N for sample N; a sample that cannot be read leaves a blank
 * line and is reported.
 */
export async function inspectToJsonl(file: string, out: string, onRows?: (rows: number) => void): Promise<InvalidRow[]> {
  const invalid: InvalidRow[] = [];
  const log = await openInspectLog(file);
  const fd = openSync(out, 'w');
  try {
    const { put, flush } = lineWriter(fd);
    let line = 0;
    for await (const s of log.samples()) {
      for (line++; line < s.index; line++) put(''); // keep line = sample number
      let error = s.error;
      if (error === undefined) {
        try {
          put(JSON.stringify(inspectSampleRow(log.eval, s.sample)));
        } catch (e) {
          error = `${s.name}: ${(e as Error).message}`;
        }
      }
      if (error !== undefined) {
        invalid.push({ line: s.index, error });
        put('');
      }
      if (line % 1000 === 0) onRows?.(line);
    }
    flush();
    onRows?.(line);
  } finally {
    closeSync(fd);
    log.close();
  }
  return invalid;
}
