import { spawnSync } from 'node:child_process';
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { iterateSamples } from '../workspace/samples';
import { importSamples, type ImportReport } from './importSamples';
import { GrowingFile } from './lines';
import { validateInWorker } from './validateInWorker';
import { TEST_OWNER, createTestWorkspace } from '../testing/fixtures';

const tempDir = useTempDirs();
const row = (id: string, i: number) => JSON.stringify({ id, input: `question ${i}`, output: `answer ${i}` });

/**
 * 400 lines with every kind of trouble in both halves of the file, and duplicates within the
 * first half, within the second, and across the two (one id three times).
 */
function troubledFile(): { text: string; expected: ImportReport['invalid'] } {
  const lines: string[] = [];
  for (let i = 1; i <= 400; i++) lines.push(row(`s${i}`, i));
  const set = (line: number, text: string) => (lines[line - 1] = text);
  set(10, '{"id": "broken"');
  set(20, '');
  set(30, row('s5', 30)); // duplicate within the first half
  set(40, '   ');
  set(50, row('s60', 50)); // s60 is also on line 60, in the first half
  set(250, row('s60', 250)); // and again in the second
  set(260, '{"input": "no id", "output": "x"}');
  set(270, '');
  set(300, row('s290', 300)); // duplicate within the second half
  set(310, row('s7', 310)); // the second half repeats an id from the first
  set(390, '[1, 2]');
  const expected = [
    { line: 10, error: expect.stringMatching(/^invalid JSON/) },
    { line: 30, error: 'duplicate id "s5" (first on line 5)' },
    { line: 60, error: 'duplicate id "s60" (first on line 50)' },
    { line: 250, error: 'duplicate id "s60" (first on line 50)' },
    { line: 260, error: expect.stringContaining('id') },
    { line: 300, error: 'duplicate id "s290" (first on line 290)' },
    { line: 310, error: 'duplicate id "s7" (first on line 7)' },
    { line: 390, error: 'expected a JSON object, got an array' },
  ];
  // A byte-order mark, CRLF endings and no newline after the last line.
  return { text: '\uFEFF' + lines.join('\r\n'), expected };
}

async function importWith(text: string, largeFromBytes: number) {
  const dir = tempDir();
  const file = path.join(dir, 'in.jsonl');
  writeFileSync(file, text);
  const ws = createTestWorkspace(path.join(dir, 'ws'));
  const phases: number[] = [];
  const report = await importSamples(ws, { file, largeFromBytes, onProgress: (p) => p.phase === 'validate' && phases.push(p.rows) }, TEST_OWNER);
  return { ws, file, report, validated: phases.at(-1) };
}

describe('validating a large file on two threads', () => {
  it('reports exactly what one thread reports: lines, duplicates across the halves, in line order', async () => {
    const { text, expected } = troubledFile();
    const split = await importWith(text, 0);
    const single = await importWith(text, Infinity);
    expect(split.report.invalid).toEqual(expected);
    expect(split.report).toEqual(single.report);
    expect(split.report.imported).toBe(0);
    expect(split.validated).toBe(single.validated);
    expect(split.ws.db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(0);
  });

  it('imports a valid file in file order, and gives automatic checkpoints back afterwards', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`id-${(i * 7919) % 3000}`, i));
    const { ws, report } = await importWith(rows.join('\n') + '\n', 0);
    expect(report).toEqual({ imported: 3000, unchanged: 0, conflicts: [], invalid: [] });
    expect(Array.from(iterateSamples(ws, 700), (s) => s.sample.id)).toEqual(rows.map((r) => JSON.parse(r).id));
    expect(ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(2048);
  });

  it('runs the worker on its byte range and numbers lines from the range start', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'in.jsonl');
    const first = `${row('a', 1)}\n${row('b', 2)}\n`;
    writeFileSync(file, `${first}\n{oops}\n${row('c', 5)}\n${row('a', 6)}`);
    const progress: number[] = [];
    const result = await validateInWorker(file, {}, { start: Buffer.byteLength(first), end: statSync(file).size }, (n) => progress.push(n)).result;
    expect(result.invalid).toEqual([{ line: 2, error: expect.stringMatching(/^invalid JSON/) }]);
    // Every valid id with its line, duplicates too: only the whole file can tell which came first.
    expect(result.ids.count).toBe(2);
    expect(Array.from(result.ids.lines)).toEqual([3, 4]);
    expect(Buffer.from(result.ids.bytes).toString()).toBe('ca');
    expect(progress.at(-1)).toBe(3);
  });

  it('rejects cleanly when the import fails on this thread during the split: nothing escapes from the worker', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(`s${i}`, i));
    const dir = tempDir();
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, rows.join('\n'));
    const ws = createTestWorkspace(path.join(dir, 'ws'));
    let calls = 0;
    const cancel = () => {
      // The first call holds this thread for a second, so the worker has started and posted
      // progress by the time the callback throws (on this thread's fifth call).
      if (++calls === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      if (calls >= 5) throw new Error('cancelled by the user');
    };
    await expect(importSamples(ws, { file, largeFromBytes: 0, onProgress: cancel }, TEST_OWNER)).rejects.toThrow('cancelled by the user');
    // Vitest fails the run on an error thrown outside the test: give a stray worker time to throw one.
    await new Promise((r) => setTimeout(r, 500));
    // Only this thread's loop called back: the worker's progress reached the callback through it.
    expect(calls).toBe(5);
    expect(ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(2048);
  });

  it('starts the worker from source whatever the working directory', () => {
    const dir = tempDir();
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, `${row('a', 1)}\n${row('b', 2)}\n`);
    const script = path.join(dir, 'run.mts');
    const worker = pathToFileURL(path.join(import.meta.dirname, 'validateInWorker.ts')).href;
    writeFileSync(
      script,
      `import { validateInWorker } from ${JSON.stringify(worker)};
       const r = await validateInWorker(${JSON.stringify(file)}, {}, { start: 0, end: ${statSync(file).size} }).result;
       console.log(r.ids.count);`,
    );
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const run = spawnSync(process.execPath, ['--import', tsx, script], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('2');
  });
});

/**
 * Writes `text` to `file` in pieces cut mid-line (mid-character too), a few milliseconds apart, as
 * a decoder on another thread writes its output: the first `slowly` bytes piece by piece, the rest
 * at once; then fails with `failure` if given.
 */
async function writeInPieces(file: string, text: string, slowly: number, failure?: Error): Promise<void> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < slowly; at += 997) {
    appendFileSync(file, bytes.subarray(at, Math.min(at + 997, slowly)));
    await new Promise((r) => setTimeout(r, 1));
  }
  if (failure) throw failure;
  appendFileSync(file, bytes.subarray(slowly));
}

describe('validating a file while it is written', () => {
  async function importGrowing(text: string, slowly: number, failure?: Error) {
    const dir = tempDir();
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, '');
    const ws = createTestWorkspace(path.join(dir, 'ws'));
    const growing = new GrowingFile(writeInPieces(file, text, slowly, failure));
    const phases: number[] = [];
    const report = importSamples(ws, { file, largeFromBytes: 0, growing, onProgress: (p) => p.phase === 'validate' && phases.push(p.rows) }, TEST_OWNER);
    return { ws, report, phases, growing };
  }

  it('reports what a written file reports, when what remains once it is written is split between two threads', async () => {
    const { text, expected } = troubledFile();
    const single = await importWith(text, Infinity);
    // A third of the file is written slowly, so this thread is reading it when the rest arrives.
    const growing = await importGrowing(text, Math.floor(Buffer.byteLength(text) / 3));
    expect((await growing.report).invalid).toEqual(expected);
    expect(await growing.report).toEqual(single.report);
    expect(growing.phases.at(-1)).toBe(single.validated);
    expect(growing.growing.end).toBeLessThan(Buffer.byteLength(text)); // the rest was split off for the worker
  });

  it('imports a valid file written in pieces, in file order', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`id-${(i * 7919) % 3000}`, i));
    const text = rows.join('\n') + '\n';
    const { ws, report } = await importGrowing(text, Buffer.byteLength(text)); // all of it slowly: nothing left to split
    expect(await report).toEqual({ imported: 3000, unchanged: 0, conflicts: [], invalid: [] });
    expect(Array.from(iterateSamples(ws, 700), (s) => s.sample.id)).toEqual(rows.map((r) => JSON.parse(r).id));
  });

  it("ends with the writer's error when it fails part way, importing nothing", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`s${i}`, i));
    const { ws, report } = await importGrowing(rows.join('\n'), 20_000, new Error('page 3 is damaged'));
    await expect(report).rejects.toThrow('page 3 is damaged');
    await new Promise((r) => setTimeout(r, 300)); // a stray worker would throw outside the test by now
    expect(ws.db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(0);
  });
});
