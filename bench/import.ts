// npm run bench:import -- [--rows N]
// Generates N (default 1,000,000) synthetic JSONL rows, imports them with the compiled CLI (validation
// on, the default all-or-nothing mode), and compares with the sqlite3 tool's `.import` of the same
// rows as CSV. Reports rows/s, peak RSS and the ratio. Generated data lives in .bench/ (gitignored).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSamples } from './data';
import { buildCli } from '../core/testing/buildCli';
import { concordBin } from '../core/testing/cli';

const root = fileURLToPath(new URL('../', import.meta.url));
const benchDir = path.join(root, '.bench');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);

/** Runs a command, sampling its peak resident memory (VmHWM) from /proc while it runs. */
async function timed(cmd: string, args: string[]): Promise<{ seconds: number; peakMb: number; stdout: string }> {
  const start = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* exited */
    }
  }, 50);
  const [code] = await once(child, 'close');
  clearInterval(poll);
  if (code !== 0) throw new Error(`${cmd} exited ${code}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: peakKb / 1024, stdout };
}

async function main() {
  mkdirSync(benchDir, { recursive: true });
  const jsonlFile = path.join(benchDir, `samples-${rows}.jsonl`);
  const csvFile = path.join(benchDir, `samples-${rows}.csv`);
  if (!existsSync(jsonlFile) || !existsSync(csvFile)) {
    console.log(`generating ${rows.toLocaleString()} rows in ${benchDir} ...`);
    generateSamples(rows, jsonlFile, csvFile);
  }

  const ws = path.join(benchDir, 'ws-import');
  rmSync(ws, { recursive: true, force: true });
  // What `npx concord` runs, built from this source (runs before this change went through tsx: ~0.5 s more start-up).
  buildCli();
  spawnSync(process.execPath, [concordBin, 'init', '--workspace', ws], { cwd: root, stdio: 'inherit' });
  const ours = await timed(process.execPath, [concordBin, 'import', '--workspace', ws, '--file', jsonlFile, '--json']);
  const report = JSON.parse(ours.stdout);
  if (report.imported !== rows) throw new Error(`expected ${rows} imported, got ${report.imported}`);

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
  console.log(`\nrows: ${rows.toLocaleString('en-US')}`);
  console.log(`concord import (JSONL, validation on): ${ours.seconds.toFixed(2)} s, ${rate(ours.seconds)} rows/s, peak RSS ${ours.peakMb.toFixed(0)} MB`);
  if (sqlite) {
    console.log(`sqlite3 .import (same rows as CSV):    ${sqlite.seconds.toFixed(2)} s, ${rate(sqlite.seconds)} rows/s, peak RSS ${sqlite.peakMb.toFixed(0)} MB`);
    console.log(`ratio (concord rate / sqlite3 rate): ${(sqlite.seconds / ours.seconds).toFixed(2)} (goal >= 0.5)`);
  }
  console.log(`peak RSS goal < 300 MB: ${ours.peakMb < 300 ? 'met' : 'NOT met'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
