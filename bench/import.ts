// npm run bench:import -- [--rows N] [--inspect-samples M]
// Generates N (default 1,000,000) synthetic JSONL rows, imports them with the compiled CLI (validation
// on, the default all-or-nothing mode), and compares with the sqlite3 tool's `.import` of the same
// rows as CSV. Then imports the same rows as a Parquet file (written by DuckDB: zstd, nested columns,
// its default row groups) and an Inspect `.eval` log of M (default 100,000) samples. Reports rows/s,
// peak RSS, the ratios and the machine's load. Generated data lives in .bench/ (gitignored).
import { samplePeakRss } from './peakRss';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateInspectLog, generateParquet, generateSamples } from './data';
import { buildCli } from '../core/testing/buildCli';
import { concordBin } from '../core/testing/cli';

const root = fileURLToPath(new URL('../', import.meta.url));
const benchDir = path.join(root, '.bench');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'inspect-samples': { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const inspectSamples = Number(values['inspect-samples']);

/** Runs a command, sampling its peak resident memory (VmHWM) from /proc while it runs. */
async function timed(cmd: string, args: string[]): Promise<{ seconds: number; peakMb: number; stdout: string }> {
  const start = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const rss = samplePeakRss(child.pid!, 50);
  const [code] = await once(child, 'close');
  rss.stop();
  if (code !== 0) throw new Error(`${cmd} exited ${code}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: rss.peakMb(), stdout };
}

async function main() {
  mkdirSync(benchDir, { recursive: true });
  const jsonlFile = path.join(benchDir, `samples-${rows}.jsonl`);
  const csvFile = path.join(benchDir, `samples-${rows}.csv`);
  if (!existsSync(jsonlFile) || !existsSync(csvFile)) {
    console.log(`generating ${rows.toLocaleString()} rows in ${benchDir} ...`);
    generateSamples(rows, jsonlFile, csvFile);
  }

  const parquetFile = path.join(benchDir, `samples-${rows}.parquet`);
  if (!existsSync(parquetFile)) {
    console.log(`writing the same rows as Parquet with DuckDB ...`);
    await generateParquet(jsonlFile, parquetFile);
  }
  const inspectFile = path.join(benchDir, `inspect-${inspectSamples}.eval`);
  if (!existsSync(inspectFile)) {
    console.log(`generating an Inspect log of ${inspectSamples.toLocaleString()} samples ...`);
    generateInspectLog(inspectSamples, inspectFile);
  }

  // What `npx concord` runs, built from this source (runs before this change went through tsx: ~0.5 s more start-up).
  buildCli();
  /** A fresh workspace, then the compiled CLI's import of one file, timed. */
  const importInto = async (name: string, file: string, expected: number) => {
    const ws = path.join(benchDir, name);
    rmSync(ws, { recursive: true, force: true });
    spawnSync(process.execPath, [concordBin, 'init', '--workspace', ws], { cwd: root, stdio: 'inherit' });
    const run = await timed(process.execPath, [concordBin, 'import', '--workspace', ws, '--file', file, '--json']);
    const report = JSON.parse(run.stdout);
    if (report.imported !== expected) throw new Error(`${file}: expected ${expected} imported, got ${report.imported}`);
    rmSync(ws, { recursive: true, force: true });
    return run;
  };
  // The machine's load while it ran: a shared machine's figures are only indicative.
  const load = () => loadavg()[0].toFixed(2);
  const loadBefore = load();
  const ours = await importInto('ws-import', jsonlFile, rows);
  const parquet = await importInto('ws-import-parquet', parquetFile, rows);
  const inspect = await importInto('ws-import-inspect', inspectFile, inspectSamples);

  let sqlite: { seconds: number; peakMb: number } | undefined;
  const which = spawnSync('sqlite3', ['--version']);
  if (which.status === 0) {
    const db = path.join(benchDir, 'sqlite3-import.db');
    rmSync(db, { force: true });
    sqlite = await timed('sqlite3', [db, '.import --csv ' + csvFile + ' samples']);
  } else {
    console.log('sqlite3 is not installed (apt-get install sqlite3): skipping the comparison');
  }

  const rate = (s: number) => Math.round(rows / s).toLocaleString('en-US');
  console.log(`\nrows: ${rows.toLocaleString('en-US')}; load average (1 min) ${loadBefore} before, ${load()} after`);
  console.log(`concord import (JSONL, validation on): ${ours.seconds.toFixed(2)} s, ${rate(ours.seconds)} rows/s, peak RSS ${ours.peakMb.toFixed(0)} MB`);
  if (sqlite) {
    console.log(`sqlite3 .import (same rows as CSV):    ${sqlite.seconds.toFixed(2)} s, ${rate(sqlite.seconds)} rows/s, peak RSS ${sqlite.peakMb.toFixed(0)} MB`);
    console.log(`ratio (concord rate / sqlite3 rate): ${(sqlite.seconds / ours.seconds).toFixed(2)} (goal >= 0.5)`);
  }
  console.log(`peak RSS goal < 300 MB: ${ours.peakMb < 300 ? 'met' : 'NOT met'}`);
  const mb = (f: string) => (statSync(f).size / 2 ** 20).toFixed(0);
  console.log(`\nconcord import (Parquet, zstd, ${mb(parquetFile)} MB, same rows): ${parquet.seconds.toFixed(2)} s, ${rate(parquet.seconds)} rows/s, peak RSS ${parquet.peakMb.toFixed(0)} MB`);
  console.log(`ratio (Parquet rate / JSONL rate): ${(ours.seconds / parquet.seconds).toFixed(2)} (goal >= 1); peak RSS goal < 300 MB: ${parquet.peakMb < 300 ? 'met' : 'NOT met'}`);
  const sampleRate = Math.round(inspectSamples / inspect.seconds).toLocaleString('en-US');
  console.log(`concord import (Inspect .eval, ${inspectSamples.toLocaleString('en-US')} samples, ${mb(inspectFile)} MB): ${inspect.seconds.toFixed(2)} s, ${sampleRate} samples/s, peak RSS ${inspect.peakMb.toFixed(0)} MB (goal < 300 MB: ${inspect.peakMb < 300 ? 'met' : 'NOT met'})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
