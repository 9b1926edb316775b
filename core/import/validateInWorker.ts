import type { FieldMap } from '../../shared/samples/fieldMap';
import type { ByteRange } from './lines';
import type { RangeResult } from './validate';
import { startWorker } from '../threads/startWorker';

/** What validateWorker receives. */
export interface ValidateJob {
  file: string;
  map: FieldMap;
  range: ByteRange;
}

/** What validateWorker posts: progress (rows validated so far), then its result or why it failed. */
export type ValidateMessage = { rows: number } | { result: RangeResult } | { error: string };

/** A byte range being validated on a worker thread. */
export interface RangeValidation {
  /** The worker's findings, or why it failed (it never answers after stop). */
  result: Promise<RangeResult>;
  /** Ends the worker, whether or not it is done. */
  stop(): void;
}

/** Validates a byte range of a JSONL file on a worker thread. */
export function validateInWorker(file: string, map: FieldMap, range: ByteRange, onRows?: (rows: number) => void): RangeValidation {
  const worker = startWorker(new URL('./validateWorker.ts', import.meta.url), { file, map, range } satisfies ValidateJob);
  const result = new Promise<RangeResult>((resolve, reject) => {
    worker.on('message', (m: ValidateMessage) => {
      if ('rows' in m) onRows?.(m.rows);
      else if ('result' in m) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the validation worker exited (${code}) before it answered`)));
  });
  return { result, stop: () => void worker.terminate() };
}
