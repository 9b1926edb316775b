// Worker thread entry: decodes an Inspect log into JSONL (see inspectInWorker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors';
import { inspectToJsonl } from './inspectJsonl';
import type { InspectJob, InspectMessage } from './inspectInWorker';

const port = parentPort!;
const post = (m: InspectMessage) => port.postMessage(m);
const { file, out } = workerData as InspectJob;

inspectToJsonl(file, out, (rows) => post({ rows })).then(
  (invalid) => post({ invalid }),
  (e: unknown) => post({ error: e instanceof Error ? e.message : String(e), input: e instanceof InputError }),
);
