import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/testing/tmp';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '..');

// Electron cannot start on machines without its binary, so the desktop tests skip there; this
// checks what can be checked without it: the bundle builds, parses, and its worker entry runs.
describe('the Electron bundle', () => {
  it('builds, parses as a module, and carries a validation worker that runs beside it', async () => {
    const out = tempDir();
    const build = spawnSync(process.execPath, ['scripts/build-electron.mjs', out], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const file of ['main.mjs', 'validateWorker.mjs', 'inspectWorker.mjs', 'preload.cjs']) {
      const check = spawnSync(process.execPath, ['--check', path.join(out, file)], { encoding: 'utf8' });
      expect(check.stderr, file).toBe('');
    }

    const rows = path.join(tempDir(), 'rows.jsonl');
    writeFileSync(rows, '{"id":"a","input":"q","output":"r"}\n{oops}\n{"id":"b","input":"q","output":"r"}\n');
    const worker = new Worker(pathToFileURL(path.join(out, 'validateWorker.mjs')), {
      workerData: { file: rows, map: {}, range: { start: 0, end: statSync(rows).size } },
    });
    const result = await new Promise<{ ids: { count: number }; invalid: { line: number }[] }>((resolve, reject) => {
      worker.on('message', (m) => 'result' in m && resolve(m.result));
      worker.on('error', reject);
    });
    expect(result.ids.count).toBe(2);
    expect(result.invalid.map((r) => r.line)).toEqual([2]);
  });
});
