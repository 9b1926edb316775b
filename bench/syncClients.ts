// The client process of `npm run bench:sync`'s live test: every simulated rater at the HTTP level
// (bench/raters.ts hubRater), all in this one process, so the hub has the machine's cores and not
// fifty engines. Each first joins (pulls its share), then all label and sync every INTERVAL ms for
// SECONDS. Prints one JSON line: LoopResult, all raters together.
import { hubClient } from '../core/sync/hubClient';
import { hubRater, raterLoop, type LoopResult } from './raters';

const { url, raters, guideline, seconds, intervalMs } = JSON.parse(process.argv[2]) as {
  url: string;
  raters: { id: string; token: string; samples: string[] }[];
  guideline: { id: string; version: string };
  seconds: number;
  intervalMs: number;
};

const steps = await Promise.all(raters.map((r) => hubRater(hubClient(url, r.token), r.id, r.samples, guideline)));
const end = Date.now() + seconds * 1000;
const results = await Promise.all(steps.map((step) => raterLoop(step, intervalMs, () => Date.now() < end)));
const all: LoopResult = {
  latencies: results.flatMap((r) => r.latencies),
  labels: results.reduce((a, r) => a + r.labels, 0),
  errors: results.reduce((a, r) => a + r.errors, 0),
  messages: results.flatMap((r) => r.messages).slice(0, 10),
};
process.stdout.write(JSON.stringify(all) + '\n');
