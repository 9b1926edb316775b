import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBatch } from '../batches/createBatch';
import { runConcord, type CliResult } from '../testing/cli';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { floodLabels, startServerProcess } from '../testing/labelFlood';
import { useTempDirs } from '../testing/tmp';
import { createRater } from '../workspace/raters';

// Fault test: raters submit labels through the real HTTP bridge (a real server process) while the
// CLI's writers run on the same workspace as real processes, all at once, twice over. No submission
// may fail and no command may meet "database is locked". (Latency is measured by bench:contention.)

const tempDir = useTempDirs();

describe('concurrent CLI writers and label submissions', () => {
  it('lose no submission and meet no "database is locked"', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const w = await makeWorkspace(dir, 2000, ['sub-1', 'sub-2']);
    for (const id of ['cli-1', 'cli-2']) createRater(w, { id, name: id, roles: ['rater'] }, TEST_OWNER);
    createBatch(w, { name: 'submitters', size: 1000, seed: 1, overlap: { k: 2 }, raters: ['sub-1', 'sub-2'] }, TEST_OWNER);
    const queue = (r: string) => w.db.prepare('SELECT sample_id FROM assignments WHERE rater_id = ? ORDER BY queue_pos').pluck().all(r) as string[];
    const raters = ['sub-1', 'sub-2'].map((id) => ({ id, samples: queue(id) }));
    const ws = w.dir;
    w.close();

    // An import of several transactions, a gold file, batches and exports.
    const importFile = (n: number) => {
      const file = path.join(dir, `more-${n}.jsonl`);
      writeFileSync(file, Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ id: `m${n}-${i}`, input: `q ${i}`, output: 'a'.repeat(300) })).join('\n') + '\n');
      return file;
    };
    const gold = path.join(dir, 'gold.jsonl');
    writeFileSync(gold, Array.from({ length: 300 }, (_, i) => JSON.stringify({ sample: `s${1999 - i}`, values: harmLabel(['none'], 0) })).join('\n') + '\n');
    const staticDir = path.join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');

    const server = await startServerProcess(ws, staticDir);
    const flood = floodLabels(server, raters, 2);
    const runs: CliResult[] = [];
    try {
      for (const round of [1, 2]) {
        runs.push(
          ...(await Promise.all([
            runConcord(['import', '--workspace', ws, '--file', importFile(round)]),
            runConcord(['gold', '--workspace', ws, '--file', gold]),
            runConcord(['batch', '--workspace', ws, '--name', `b${round}`, '--size', '400', '--seed', String(round), '--raters', 'cli-1,cli-2', '--overlap', '2']),
            runConcord(['export', '--workspace', ws, '--out', path.join(dir, `out-${round}.jsonl`)]),
          ])),
        );
      }
    } finally {
      await flood.stop();
      await server.stop();
    }
    const failed = flood.submissions.filter((s) => !s.ok);
    expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
    expect(flood.submissions.length).toBeGreaterThan(20);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/locked|busy|another writer/i);
    }
    expect(server.stderr()).not.toMatch(/locked/i);
  });
});
