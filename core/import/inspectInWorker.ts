import { InputError } from '../errors';
import { startWorker } from '../threads/startWorker';
import type { InvalidRow } from './validate';

/** What inspectWorker receives. */
export interface InspectJob {
  file: string;
  out: string;
}

/** What inspectWorker posts: progress (samples written so far), then the unreadable samples or why it failed. */
export type InspectMessage = { rows: number } | { invalid: InvalidRow[] } | { error: string; input: boolean };

/**
 * Decodes an Inspect log into the JSONL file `out` on a worker thread (inspectJsonl.ts). Parsing a
 * log's samples leaves garbage the collector is slow to give back: on this thread it stayed in the
 * heap through the import that follows (a 100,000-sample log peaked at ~275 MB); a worker's heap
 * goes when the worker ends.
 */
export function inspectToJsonlInWorker(file: string, out: string, onRows?: (rows: number) => void): Promise<InvalidRow[]> {
  const worker = startWorker(new URL('./inspectWorker.ts', import.meta.url), { file, out } satisfies InspectJob);
  return new Promise<InvalidRow[]>((resolve, reject) => {
    worker.on('message', (m: InspectMessage) => {
      if ('rows' in m) {
        // A progress callback that throws ends the import, not the process.
        try {
          onRows?.(m.rows);
        } catch (e) {
          reject(e);
        }
      } else if ('invalid' in m) resolve(m.invalid);
      else reject(m.input ? new InputError(m.error) : new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the Inspect decoding worker exited (${code}) before it answered`)));
  }).finally(() => void worker.terminate());
}
