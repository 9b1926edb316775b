// npm run bench:contention -- [--rows N] [--import-rows N] [--gold N] [--batch N]
// Label submissions through the real HTTP bridge (the browser build's server, a real process) while
// `concord import`, `gold`, `batch` and `export` run as real CLI processes on the same workspace, one
// after another and then all at once. Reports submit latency (p50, p99, max) and failures per phase.
// Goal: p99 < 100 ms and no failed submission. Data lives in .bench/contention/ (gitignored).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBatch } from '../core/batches/createBatch';
import { DEMO_OWNER, ensureDemoWorkspace } from '../core/demo/demoWorkspace';
import { importSamples } from '../core/import/importSamples';
import { floodLabels, latencyStats, startServerProcess, type Submission } from '../core/testing/labelFlood';
import { createRater } from '../core/workspace/raters';
import { openWorkspace } from '../core/workspace/workspace';
import { generateSamples } from './data';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = path.join(root, '.bench', 'contention');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    'import-rows': { type: 'string', default: '300000' },
    gold: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '5000' },
  },
});
const [rows, importRows, goldRows, batchSize] = [values.rows, values['import-rows'], values.gold, values.batch].map(Number);
const benign = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };

interface CliRun {
  args: string[];
  code: number;
  seconds: number;
  stderr: string;
}

function cli(args: string[]): Promise<CliRun> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ args, code: code ?? -1, seconds: (performance.now() - start) / 1000, stderr }));
  });
}

async function setup() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ws = path.join(dir, 'ws');
  console.log(`setting up: demo workspace + ${rows.toLocaleString('en-US')} samples ...`);
  await ensureDemoWorkspace(ws);
  const bulk = path.join(dir, 'bulk.jsonl');
  generateSamples(rows, bulk, undefined, 'b');
  for (const [prefix, n] of [['m', importRows], ['n', importRows]] as const) generateSamples(n, path.join(dir, `import-${prefix}.jsonl`), undefined, prefix);
  writeFileSync(path.join(dir, 'gold.jsonl'), Array.from({ length: goldRows }, (_, i) => JSON.stringify({ sample: `b${rows - 1 - i}`, values: benign })).join('\n') + '\n');
  const w = openWorkspace(ws);
  try {
    await importSamples(w, { file: bulk }, DEMO_OWNER);
    for (const id of ['sub-1', 'sub-2', 'cli-1', 'cli-2']) createRater(w, { id, name: id, roles: ['rater'] }, DEMO_OWNER);
    createBatch(w, { name: 'submitters', size: 6000, seed: 1, overlap: { k: 2 }, raters: ['sub-1', 'sub-2'] }, DEMO_OWNER);
    const queue = (r: string) => w.db.prepare('SELECT sample_id FROM assignments WHERE rater_id = ? ORDER BY queue_pos').pluck().all(r) as string[];
    return { ws, raters: ['sub-1', 'sub-2'].map((id) => ({ id, samples: queue(id) })) };
  } finally {
    w.close();
  }
}

async function main() {
  const { ws, raters } = await setup();
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const server = await startServerProcess(ws, staticDir);
  const flood = floodLabels(server, raters, 10);
  const pause = (ms: number) => new Promise<CliRun[]>((r) => setTimeout(() => r([]), ms));
  const phases: { name: string; from: number; to: number; runs: CliRun[] }[] = [];
  const phase = async (name: string, run: () => Promise<CliRun[]>) => {
    const from = flood.now();
    const runs = await run();
    phases.push({ name, from, to: flood.now(), runs });
    process.stdout.write(`  ${name}: done\n`);
  };
  const importRun = (p: string) => cli(['import', '--workspace', ws, '--file', path.join(dir, `import-${p}.jsonl`)]);
  const goldRun = () => cli(['gold', '--workspace', ws, '--file', path.join(dir, 'gold.jsonl')]);
  const batchRun = (name: string) => cli(['batch', '--workspace', ws, '--name', name, '--size', String(batchSize), '--seed', '7', '--raters', 'cli-1,cli-2', '--overlap', '2']);
  const exportRun = () => cli(['export', '--workspace', ws, '--out', path.join(dir, 'export.jsonl')]);

  await pause(2000); // warm-up: the server's first requests compile its statements
  console.log('measuring:');
  await phase('idle (no CLI)', () => pause(3000));
  await phase(`import ${importRows.toLocaleString('en-US')} rows`, async () => [await importRun('m')]);
  await phase(`gold ${goldRows.toLocaleString('en-US')} lines`, async () => [await goldRun()]);
  await phase(`batch of ${batchSize.toLocaleString('en-US')} x 2 raters`, async () => [await batchRun('cli batch 1')]);
  await phase('export', async () => [await exportRun()]);
  await phase('all four at once', () => Promise.all([importRun('n'), goldRun(), batchRun('cli batch 2'), exportRun()]));
  const subs = (await flood.stop()).filter((s) => s.at >= phases[0].from);
  await server.stop();

  const within = (from: number, to: number) => subs.filter((s: Submission) => s.at >= from && s.at < to);
  const fmt = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
  console.log(`\n${'phase'.padEnd(28)} ${'CLI s'.padStart(6)} ${'submits'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'failed'.padStart(7)}`);
  for (const p of phases) {
    const s = latencyStats(within(p.from, p.to));
    const cliSeconds = p.runs.length ? Math.max(...p.runs.map((r) => r.seconds)).toFixed(1) : '';
    console.log(`${p.name.padEnd(28)} ${cliSeconds.padStart(6)} ${String(s.submits).padStart(8)} ${fmt(s.p50).padStart(8)} ${fmt(s.p99).padStart(8)} ${fmt(s.max).padStart(8)} ${String(s.failed).padStart(7)}`);
  }
  const busy = phases.filter((p) => p.runs.length);
  const underLoad = latencyStats(busy.flatMap((p) => within(p.from, p.to)));
  console.log(`\nwhile CLI writers ran: ${underLoad.submits} submits, p50 ${fmt(underLoad.p50)} ms, p99 ${fmt(underLoad.p99)} ms, max ${fmt(underLoad.max)} ms, ${underLoad.failed} failed`);
  console.log(`goal p99 < 100 ms: ${underLoad.p99 < 100 ? 'met' : 'NOT met'}; 0 failures: ${underLoad.failed === 0 ? 'met' : 'NOT met'}`);
  for (const s of subs.filter((x) => !x.ok).slice(0, 5)) console.log(`  failed submit at ${(s.at / 1000).toFixed(1)} s: ${s.error}`);
  for (const r of busy.flatMap((p) => p.runs)) {
    if (r.code !== 0 || /locked|busy/i.test(r.stderr)) console.log(`  concord ${r.args[0]} exited ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
  }
  if (/locked/i.test(server.stderr())) console.log(`  server stderr: ${server.stderr().trim().split('\n')[0]}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
