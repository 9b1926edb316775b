import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConcord } from '../testing/cli';
import { useTempDirs } from '../testing/tmp';
import { createTestWorkspace } from '../testing/fixtures';
import { DB_FILE } from '../workspace/workspace';

// Fault test: the real CLI importing a real file, killed with SIGKILL at points in both passes.
// Whatever the moment, the workspace shows none of the file or all of it, and the next open of the
// workspace says what it did about the rest.

const root = fileURLToPath(new URL('../../', import.meta.url));
const tempDir = useTempDirs();
const ROWS = 60_000; // twelve transactions of 5,000

function writeFiles(dir: string) {
  const rows = Array.from({ length: ROWS }, (_, i) => ({ id: `s${i}`, input: `question ${i}`, output: `answer ${i} `.repeat(8), metadata: { n: i } }));
  const jsonl = path.join(dir, 'big.jsonl');
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const csv = path.join(dir, 'big.csv');
  writeFileSync(csv, 'id,input,output\n' + rows.map((r) => `${r.id},${r.input},${r.output}`).join('\n') + '\n');
  return { jsonl, csv };
}

/** When to kill: on the first validation progress line, once the workspace holds at least `rowsWritten` rows, or after a delay. */
type KillPoint = { file: 'jsonl' | 'csv'; whenValidating: true } | { file: 'jsonl' | 'csv'; rowsWritten: number } | { file: 'jsonl'; afterMs: number };

/** Runs `concord import` and SIGKILLs it at the point; resolves once it is dead. */
function importAndKill(ws: string, file: string, point: KillPoint): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'import', '--workspace', ws, '--file', file, '--progress'], {
    cwd: root,
    env: { ...process.env, CONCORD_USER: 'test-runner' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  if ('whenValidating' in point) {
    child.stderr.on('data', (d: Buffer) => /validating:/.test(d.toString()) && kill());
    return exited;
  }
  if ('afterMs' in point) {
    child.stderr.resume();
    setTimeout(kill, point.afterMs);
    return exited;
  }
  child.stderr.resume();
  const reader = new Database(path.join(ws, DB_FILE), { readonly: true });
  const written = reader.prepare('SELECT coalesce(max(ordinal), 0) FROM sample_rows').pluck();
  let alive = true;
  void exited.then(() => (alive = false));
  const poll = () => {
    if (!alive) return reader.close();
    if ((written.get() as number) >= point.rowsWritten) kill();
    setTimeout(poll, 1);
  };
  poll();
  return exited.then(() => {
    if (reader.open) reader.close();
  });
}

/** What the killed import left, read straight from the database without opening the workspace (which would recover it). */
function leftBehind(ws: string) {
  const db = new Database(path.join(ws, DB_FILE), { readonly: true });
  try {
    return {
      visible: db.prepare('SELECT count(*) FROM samples').pluck().get() as number,
      written: db.prepare('SELECT count(*) FROM sample_rows').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('an import killed with SIGKILL', () => {
  it('leaves nothing or everything visible at 14 points across both passes, and the next open discards the rest and says so', { timeout: 600_000 }, async () => {
    const dir = tempDir();
    const files = writeFiles(dir);
    const points: KillPoint[] = [
      { file: 'jsonl', whenValidating: true },
      { file: 'csv', whenValidating: true },
      ...[1, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000].map((rowsWritten) => ({ file: 'jsonl' as const, rowsWritten })),
      ...[1, 20_000].map((rowsWritten) => ({ file: 'csv' as const, rowsWritten })),
      // and at any moment at all: start-up, either pass, between them, after the end
      ...[0, 1].map(() => ({ file: 'jsonl' as const, afterMs: Math.round(500 + Math.random() * 3000) })),
    ];
    let midImport = 0;
    for (const [i, point] of points.entries()) {
      const ws = path.join(dir, `ws${i}`);
      createTestWorkspace(ws).close();
      await importAndKill(ws, files[point.file], point);

      const left = leftBehind(ws);
      expect([0, ROWS], `visible rows after the kill at ${JSON.stringify(point)}`).toContain(left.visible);
      const status = await runConcord(['status', '--workspace', ws, '--json']);
      expect(status.code, status.stderr).toBe(0);
      const after = JSON.parse(status.stdout).samples as number;
      expect(after).toBe(left.visible);
      if (left.visible === 0 && left.written > 0) {
        midImport++;
        expect(status.stderr).toMatch(new RegExp(`discarded an unfinished import of big\\.${point.file} \\([\\d,]+ row\\(s\\) written`));
      } else {
        expect(status.stderr).toBe('');
      }
      expect(leftBehind(ws)).toEqual({ visible: after, written: after }); // no hidden rows remain
      expect(readdirSync(ws).filter((f) => f.includes('import'))).toEqual([]); // nor the dead import's lease
    }
    // The kills at thresholds well before the end land while the import is writing.
    expect(midImport).toBeGreaterThan(0);

    // The next import of the file brings in all of it.
    const ws = path.join(dir, 'ws2');
    const again = await runConcord(['import', '--workspace', ws, '--file', files.jsonl, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(leftBehind(ws)).toEqual({ visible: ROWS, written: ROWS });
  });
});
