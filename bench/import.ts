// npm run bench:import -- [--rows N]
// Generates N (default 1,000,000) synthetic JSONL rows, imports them with the real CLI (validation
// on, the default all-or-nothing mode), and compares with the sqlite3 tool's `.import` of the same
// rows as CSV. Reports rows/s, peak RSS and the ratio. Generated data lives in .bench/ (gitignored).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const benchDir = path.join(root, '.bench');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

function generate(jsonlFile: string, csvFile: string) {
  const rand = mulberry32(42);
  const words = 'the model said that it would not help with this request but offered safer alternatives instead of details'.split(' ');
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const jsonl = openSync(jsonlFile, 'w');
  const csv = openSync(csvFile, 'w');
  writeSync(csv, 'id,input,output,model,metadata,scores\n');
  let j: string[] = [];
  let c: string[] = [];
  const flush = () => {
    writeSync(jsonl, j.join(''));
    writeSync(csv, c.join(''));
    j = [];
    c = [];
  };
  for (let i = 0; i < rows; i++) {
    const row = {
      id: `s${i}`,
      input: [{ role: 'user', content: text(12) }],
      output: text(30),
      model: `model-${i % 4}`,
      metadata: { lang: i % 3 ? 'en' : 'fr', source: 'bench' },
      scores: { toxicity: Math.round(rand() * 1000) / 1000 },
    };
    j.push(JSON.stringify(row) + '\n');
    c.push([row.id, JSON.stringify(row.input), row.output, row.model, JSON.stringify(row.metadata), JSON.stringify(row.scores)].map(csvCell).join(',') + '\n');
    if (j.length === 10_000) flush();
  }
  flush();
  closeSync(jsonl);
  closeSync(csv);
}

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
    generate(jsonlFile, csvFile);
  }

  const ws = path.join(benchDir, 'ws-import');
  rmSync(ws, { recursive: true, force: true });
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'init', '--workspace', ws], { cwd: root, stdio: 'inherit' });
  const ours = await timed(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'import', '--workspace', ws, '--file', jsonlFile, '--json']);
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
