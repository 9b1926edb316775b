// The client process of `npm run bench:sync`'s live test: every simulated rater at the HTTP level
// (bench/raters.ts hubRater), all in this one process, so the hub has the machine's cores and not
// fifty engines. Each first joins (pulls its share), then all label and sync every INTERVAL ms for
// SECONDS. Its input is a JSON file (argv[2]). Prints one JSON line: LoopResult, all raters together.
import { readFileSync } from 'node:fs';
import { hubClient } from '../core/sync/hubClient';
import { hubRater, mergeResults, raterLoop } from './raters';

const { url, raters, guideline, seconds, intervalMs } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  url: string;
  raters: { id: string; token: string; samples: string[] }[];
  guideline: { id: string; version: string };
  seconds: number;
  intervalMs: number;
};

const steps = await Promise.all(raters.map((r) => hubRater(hubClient(url, r.token), r.id, r.samples, guideline)));
const end = Date.now() + seconds * 1000;
const results = await Promise.all(steps.map((step) => raterLoop(step, intervalMs, () => Date.now() < end)));
process.stdout.write(JSON.stringify(mergeResults(results)) + '\n');
