// Worker thread entry: validates one byte range of a JSONL file (see validateInWorker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { validateRange } from './validate';
import type { ValidateJob, ValidateMessage } from './validateInWorker';

const port = parentPort!;
const post = (m: ValidateMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const { file, map, range } = workerData as ValidateJob;

validateRange(file, map, range, (rows) => post({ rows })).then(
  (result) => post({ result }, [result.ids.bytes.buffer, result.ids.starts.buffer, result.ids.lines.buffer] as ArrayBuffer[]),
  (e: unknown) => post({ error: e instanceof Error ? e.message : String(e) }),
);
