// npm run bench:hotpath -- [--workspace DIR] [--unfinished]
// The engine's side of the rater's hot path on a large workspace (by default the 1,000,000-sample one
// `npm run bench:import` leaves in .bench/ws-import): reading a sample, where it stands in the queue,
// a queue page, the sample count, and submitting a label. --unfinished first appends the event of an
// import that has not finished, so the samples view takes its slower branch. Microseconds per call.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appendEvents, newEvent } from '../core/store/eventLog';
import { submitLabel } from '../core/workspace/labels';
import { nextTodo, queueItem, queuePage } from '../core/workspace/queue';
import { createRater, getRater } from '../core/workspace/raters';
import { getStoredSample, sampleCount } from '../core/workspace/samples';
import { openWorkspace } from '../core/workspace/workspace';

/** Who the bench's own writes are by: any id will do for the engine's functions, which trust their caller. */
const BY = 'bench';
const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { workspace: { type: 'string', default: path.join(root, '.bench', 'ws-import') }, unfinished: { type: 'boolean' } } });
if (!existsSync(values.workspace!)) throw new Error(`no workspace at ${values.workspace}: run npm run bench:import first`);
const ws = openWorkspace(values.workspace!, () => {});
const total = sampleCount(ws);
const rater = `hotpath-${Date.now()}`; // a new rater per run: its labels never collide with an earlier run's
if (!getRater(ws, rater)) createRater(ws, { id: rater, name: rater, roles: ['rater'] }, BY);
if (values.unfinished) {
  const ids = [`unfinished-${Date.now()}`];
  appendEvents(ws.db, [newEvent('samples.imported', BY, { source: { file: 'x.jsonl', format: 'jsonl' }, map: {}, ids, rows: [{ id: ids[0], input: 'q', output: 'a' }], importId: ids[0] })]);
}
const ids = ws.db.prepare('SELECT id FROM samples WHERE ordinal % ? = 0 LIMIT 2000').pluck().all(Math.max(1, Math.floor(total / 2000))) as string[];
const time = (name: string, n: number, f: (i: number) => void) => {
  for (let i = 0; i < Math.min(20, n); i++) f(n + i); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) f(i);
  console.log(`${name.padEnd(32)} ${(((performance.now() - t) / n) * 1000).toFixed(0).padStart(7)} µs`);
};
const benign = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };
console.log(`${total.toLocaleString('en-US')} samples${values.unfinished ? ', an unfinished import present' : ''}`);
time('read a sample', 1000, (i) => getStoredSample(ws, ids[i % ids.length]));
time('queue item + next to do', 500, (i) => {
  queueItem(ws, rater, ids[i % ids.length]);
  nextTodo(ws, rater, i * 97);
});
time('queue page (50 items)', 300, (i) => queuePage(ws, { raterId: rater, filter: 'all', search: '', offset: (i * 1000) % total, limit: 50 }));
time('sample count', 50, () => sampleCount(ws));
time('submit a label', 300, (i) => submitLabel(ws, { raterId: rater, sampleId: ids[i % ids.length], values: benign, timeSpentMs: 1 }));
ws.close();
