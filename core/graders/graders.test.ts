import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../adjudication/adjudicate';
import { createBatch } from '../batches/createBatch';
import { importSamples } from '../import/importSamples';
import { mulberry32 } from '../../shared/stats/random';
import { runConcord } from '../testing/cli';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';

const tempDir = useTempDirs();

async function gradedWorkspace(rows: { id: string; scores: Record<string, number> }[]) {
  const dir = tempDir();
  const ws = await makeWorkspace(dir, 0);
  const file = path.join(dir, 'graded.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify({ id: r.id, input: `q ${r.id}`, output: `a ${r.id}`, scores: r.scores })).join('\n'));
  await importSamples(ws, { file }, TEST_OWNER);
  return ws;
}

const graders = async (dir: string, ...args: string[]) => {
  const r = await runConcord(['graders', '--workspace', dir, '--json', ...args]);
  return { ...r, view: r.code === 0 ? JSON.parse(r.stdout) : undefined };
};

describe('concord graders', () => {
  // The hand-checked case of shared/stats/graders.test.ts, through the workspace: ten items, one per
  // score bin, humans positive (severity >= 1) on items 3, 5, 7, 8 and 9; an eleventh unlabelled.
  const humans = [false, false, false, true, false, true, false, true, true, true];

  it('gives the exact figures of a small hand-checked case, with the unlabelled item left out and counted', async () => {
    const ws = await gradedWorkspace([...humans.map((_, i) => ({ id: `g${i}`, scores: { judge: 0.05 + i / 10, scale: i } })), { id: 'g10', scores: { judge: 0.5 } }]);
    humans.forEach((h, i) => {
      for (const rater of ['r1', 'r2']) saveLabel(ws, { sampleId: `g${i}`, raterId: rater, values: h ? harmLabel(['hate'], 2) : harmLabel(['none'], 0), timeSpentMs: 100 });
    });
    // An adjudication overrides the raters: g4 becomes positive, then back to negative.
    adjudicate(ws, { sampleId: 'g4', values: harmLabel(['hate'], 2), reason: 'missed' }, TEST_OWNER);
    adjudicate(ws, { sampleId: 'g4', values: harmLabel(['none'], 0), reason: 'on reflection, no' }, TEST_OWNER);
    ws.close();
    const { view, stderr } = await graders(ws.dir, '--recall', '0.8', '--bootstrap', '300', '--seed', '5');
    expect(stderr).toBe('');
    expect(view.human).toEqual({ kind: 'severity', field: 'severity', atLeast: 1, description: 'Severity at least 1' });
    expect(view.labelled).toBe(10);
    expect(view.skipped).toEqual([{ key: 'scale', reason: 'scores from 0 to 9: calibration needs scores in [0, 1]' }]);
    const [g] = view.graders;
    expect(g).toMatchObject({ key: 'judge', n: 10, positives: 5, leftOut: { unlabelled: 1, unresolved: 0, noHumanValue: 0 }, truePositives: 4, falsePositives: 1, falseNegatives: 1, trueNegatives: 4 });
    expect(g.kappa.value).toBeCloseTo(0.6, 12);
    expect(g.precision.value).toBeCloseTo(0.8, 12);
    expect(g.recall.value).toBeCloseTo(0.8, 12);
    expect(g.f1.value).toBeCloseTo(0.8, 12);
    expect(g.auc.value).toBeCloseTo(0.88, 12);
    expect(g.expectedCalibrationError).toBeCloseTo(0.31, 12);
    expect(g.bestF1.threshold).toBeCloseTo(0.35, 12);
    expect(g.bestF1.f1).toBeCloseTo(10 / 12, 12);
    expect(g.forRecall).toMatchObject({ target: 0.8, recall: 0.8, precision: 0.8 });
    expect(g.forRecall.threshold).toBeCloseTo(0.55, 12);
    expect(g.bins[3]).toMatchObject({ n: 1, positives: 1 });
    expect(g.curve).toHaveLength(10);
    for (const k of ['kappa', 'precision', 'recall', 'f1', 'auc']) expect(g.intervals[k].interval, k).toHaveLength(2);
    expect(g.intervals).toMatchObject({ resamples: 300, seed: 5 });
    // Same seed, same intervals; and the text form says what the figures are computed on.
    expect((await graders(ws.dir, '--recall', '0.8', '--bootstrap', '300', '--seed', '5')).view).toEqual(view);
    const text = await runConcord(['graders', '--workspace', ws.dir, '--score', 'judge']);
    expect(text.stdout).toMatch(/Human positive: Severity at least 1; final labels: adjudicated, else dawid-skene, else the only rater's \(10 items with a final label\)/);
    expect(text.stdout).toMatch(/judge: n 10 \(5 human positive\); left out: 1 unlabelled, 0 unresolved, 0 without severity/);
    expect(text.stdout).toMatch(/kappa 0\.600 \[[\d.-]+, [\d.]+\]  precision 0\.800/);
    expect(text.stdout).toMatch(/ROC AUC 0\.880/);
  });

  it('leaves an unresolved item out of every figure, and counts it', async () => {
    // Four items two raters labelled alike, and one they split evenly: a majority tie has no final label.
    const ws = await gradedWorkspace([0.1, 0.3, 0.7, 0.9, 0.8].map((s, i) => ({ id: `u${i}`, scores: { judge: s } })));
    [0, 0, 1, 1].forEach((positive, i) => {
      for (const rater of ['r1', 'r2']) saveLabel(ws, { sampleId: `u${i}`, raterId: rater, values: positive ? harmLabel(['hate'], 2) : harmLabel(['none'], 0), timeSpentMs: 1 });
    });
    saveLabel(ws, { sampleId: 'u4', raterId: 'r1', values: harmLabel(['hate'], 2), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 'u4', raterId: 'r2', values: harmLabel(['none'], 0), timeSpentMs: 1 });
    ws.close();
    const { view } = await graders(ws.dir, '--method', 'adjudicated-then-majority', '--bootstrap', '0');
    expect(view).toMatchObject({ labelled: 4, unresolved: 1 });
    expect(view.graders[0]).toMatchObject({ n: 4, positives: 2, leftOut: { unlabelled: 0, unresolved: 1, noHumanValue: 0 }, truePositives: 2, falsePositives: 0 });
    const text = await runConcord(['graders', '--workspace', ws.dir, '--method', 'adjudicated-then-majority', '--bootstrap', '0']);
    expect(text.stdout).toMatch(/4 items with a final label; 1 unresolved, awaiting adjudication, left out/);
    // Adjudicated, it counts.
    const reopened = openWorkspace(ws.dir);
    adjudicate(reopened, { sampleId: 'u4', values: harmLabel(['hate'], 2), reason: 'the reply is hateful' }, TEST_OWNER);
    reopened.close();
    const after = (await graders(ws.dir, '--method', 'adjudicated-then-majority', '--bootstrap', '0')).view;
    expect(after).toMatchObject({ labelled: 5, unresolved: 0 });
    expect(after.graders[0]).toMatchObject({ n: 5, positives: 3, truePositives: 3 });
  });

  it('recovers the known calibration of simulated graders: one calibrated, one over-confident', async () => {
    const rand = mulberry32(21);
    const rows = Array.from({ length: 1500 }, (_, i) => {
      const s = rand();
      return { id: `x${i}`, s, calibrated: rand() < s, overconfident: rand() < s * s };
    });
    const ws = await gradedWorkspace(rows.map((r) => ({ id: r.id, scores: { calibrated: r.s } })));
    const file = path.join(ws.dir, '..', 'over.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify({ id: `o${r.id}`, input: 'q', output: 'a', scores: { overconfident: r.s } })).join('\n'));
    await importSamples(ws, { file }, TEST_OWNER);
    for (const r of rows) {
      saveLabel(ws, { sampleId: r.id, raterId: 'r1', values: r.calibrated ? harmLabel(['hate'], 2) : harmLabel(['none'], 0), timeSpentMs: 1 });
      saveLabel(ws, { sampleId: `o${r.id}`, raterId: 'r1', values: r.overconfident ? harmLabel(['hate'], 2) : harmLabel(['none'], 0), timeSpentMs: 1 });
    }
    ws.close();
    const { view } = await graders(ws.dir, '--bootstrap', '100');
    const byKey = Object.fromEntries(view.graders.map((g: { key: string }) => [g.key, g]));
    expect(byKey.calibrated.n).toBe(1500);
    expect(byKey.calibrated.expectedCalibrationError).toBeLessThan(0.05);
    expect(byKey.calibrated.auc.value).toBeGreaterThan(5 / 6 - 0.04);
    expect(byKey.calibrated.auc.value).toBeLessThan(5 / 6 + 0.04);
    // P(positive | s) = s^2: ECE -> E|s - s^2| = 1/6.
    expect(Math.abs(byKey.overconfident.expectedCalibrationError - 1 / 6)).toBeLessThan(0.04);
    for (const b of byKey.calibrated.bins) expect(Math.abs(b.humanPositiveRate - b.meanScore)).toBeLessThan(0.12);
  });

  it('takes the human side from a field value, restricts to a batch, and refuses what it cannot compute', async () => {
    const ws = await gradedWorkspace(Array.from({ length: 12 }, (_, i) => ({ id: `b${i}`, scores: { judge: i / 11 } })));
    for (let i = 0; i < 12; i++) saveLabel(ws, { sampleId: `b${i}`, raterId: 'r1', values: harmLabel(i >= 6 ? ['hate', 'privacy'] : ['privacy'], 1), timeSpentMs: 1 });
    const batch = createBatch(ws, { name: 'half', size: 6, seed: 1, raters: ['r1'], overlap: { k: 1 }, filters: { excludeBatched: true } } as Parameters<typeof createBatch>[1], TEST_OWNER);
    ws.close();
    const hate = (await graders(ws.dir, '--field', 'categories', '--positive', 'hate')).view;
    expect(hate.human.description).toBe('Harm categories includes "hate"');
    expect(hate.graders[0]).toMatchObject({ n: 12, positives: 6, truePositives: 6, falsePositives: 0 });
    expect(hate.graders[0].auc.value).toBe(1);
    const inBatch = (await graders(ws.dir, '--batch', batch.batchId, '--severity-at-least', '1')).view;
    expect(inBatch.graders[0].n).toBe(6);
    expect(inBatch.batch).toBe('half'); // by name, as the dashboard and the report say it
    expect((await graders(ws.dir, '--batch', 'half')).view).toEqual(inBatch);
    for (const [args, message] of [
      [['--score', 'nope'], /no sample has a score "nope"/],
      [['--field', 'colour', '--positive', 'red'], /has no field "colour"/],
      [['--field', 'categories', '--positive', 'hats'], /"hats" is not a value of categories/],
      [['--field', 'categories'], /needs --positive VALUE/],
      [['--field', 'categories', '--positive', 'hate', '--severity-at-least', '2'], /not both/],
      [['--threshold', '1.5'], /--threshold got "1.5"/],
      [['--batch', 'missing'], /no batch "missing"/],
    ] as const) {
      const r = await runConcord(['graders', '--workspace', ws.dir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
