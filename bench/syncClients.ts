// A worker process of `npm run bench:sync`: simulated raters, each labelling an item and syncing
// every INTERVAL ms for SECONDS, measuring each submit-and-sync round trip. Prints one JSON line:
// {"latencies": [ms, ...], "errors": n, "messages": [...]}.
import { harmLabel } from '../core/testing/fixtures';
import { hubClient } from '../core/sync/hubClient';
import { readHubConnection } from '../core/sync/hubConnection';
import { syncWorkspace } from '../core/sync/sync';
import { nextTodo, queueItem } from '../core/workspace/queue';
import { saveLabel } from '../core/workspace/labels';
import { openWorkspace } from '../core/workspace/workspace';

const { raters, seconds, intervalMs } = JSON.parse(process.argv[2]) as { raters: { id: string; dir: string }[]; seconds: number; intervalMs: number };

const latencies: number[] = [];
const messages: string[] = [];
let errors = 0;
const end = Date.now() + seconds * 1000;

async function rater(r: { id: string; dir: string }) {
  const ws = openWorkspace(r.dir);
  const c = readHubConnection(r.dir)!;
  const hub = hubClient(c.url, c.token);
  let from = 0;
  while (Date.now() < end) {
    const started = performance.now();
    try {
      const sample = nextTodo(ws, r.id, from);
      if (sample) {
        const item = queueItem(ws, r.id, sample)!;
        from = item.position + 1;
        saveLabel(ws, { raterId: r.id, sampleId: sample, values: harmLabel(['none'], 0), timeSpentMs: 1000, guideline: item.guideline });
      }
      await syncWorkspace(ws, hub);
      latencies.push(performance.now() - started);
    } catch (e) {
      errors++;
      if (messages.length < 5) messages.push((e as Error).message);
    }
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  ws.close();
}

await Promise.all(raters.map(rater));
process.stdout.write(JSON.stringify({ latencies, errors, messages }) + '\n');
