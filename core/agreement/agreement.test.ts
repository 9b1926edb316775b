import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRatings, krippendorffAlpha } from '../../shared/stats';
import { loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { runConcord } from '../testing/cli';
import { useTempDirs } from '../testing/tmp';
import { setGold } from '../workspace/gold';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { saveLabel } from '../workspace/labels';
import { createRater } from '../workspace/raters';
import type { Workspace } from '../workspace/workspace';
import { aggregateLabels } from './aggregate';
import { thresholdStatus } from '../../shared/agreement/threshold';
import { createBatch } from '../batches/createBatch';
import { agreementReport } from './report';
import { TEST_OWNER, createTestWorkspace } from '../testing/fixtures';

const tempDir = useTempDirs();
const label = (categories: string[], severity: number, extra: Record<string, unknown> = {}) => ({
  categories,
  severity,
  refusal: 'complied',
  needs_expert_review: false,
  ...(severity >= 3 ? { rationale: 'serious' } : {}),
  ...extra,
});

async function workspace(samples: number): Promise<Workspace> {
  const dir = tempDir();
  const ws = createTestWorkspace(path.join(dir, 'ws'));
  for (const version of ['1.0.0', '1.1.0']) publishGuideline(ws, loadBundledPack('harm-taxonomy', version), TEST_OWNER);
  activateGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' }, TEST_OWNER);
  const file = path.join(dir, 's.jsonl');
  writeFileSync(file, Array.from({ length: samples }, (_, i) => JSON.stringify({ id: `s${i}`, input: 'q', output: 'o' })).join('\n'));
  await importSamples(ws, { file }, TEST_OWNER);
  for (const r of ['r1', 'r2', 'r3']) createRater(ws, { id: r, name: r, roles: ['rater'] }, TEST_OWNER);
  return ws;
}

describe('agreement over a workspace', () => {
  it('measures severity with the same alpha the statistics engine gives for the same ratings', async () => {
    const ws = await workspace(6);
    const sev: Record<string, number[]> = { r1: [0, 1, 2, 3, 4, 2], r2: [0, 1, 2, 4, 4, 1], r3: [0, 2, 2, 3, 3, 2] };
    for (const [rater, values] of Object.entries(sev)) {
      values.forEach((s, i) => saveLabel(ws, { sampleId: `s${i}`, raterId: rater, values: s === 0 ? label(['none'], 0) : label(['hate'], s), timeSpentMs: 1000 * (i + 1) }));
    }
    const report = agreementReport(ws);
    const severity = report.fields.find((f) => f.key === 'severity')!;
    const expected = krippendorffAlpha(
      compileRatings(Object.entries(sev).flatMap(([rater, vs]) => vs.map((value, i) => ({ item: `s${i}`, rater, value })))),
      'ordinal',
    );
    expect(severity.summary!.krippendorffAlpha.value).toBeCloseTo(expected.value!, 12);
    expect(severity.summary!.n).toMatchObject({ items: 6, pairableItems: 6, ratings: 18, raters: 3 });
    expect(severity.pairwise).toHaveLength(3);
    expect(report.counts).toMatchObject({ labels: 18, items: 6, raters: 3 });
    const categories = report.fields.find((f) => f.key === 'categories')!;
    expect(categories.categories!.map((c) => c.value)).toContain('hate');
    expect(report.throughput.find((t) => t.rater === 'r1')!.medianSecondsPerItem).toBe(3.5);
  });

  it('compares labels made under 1.0.0 and 1.1.0 through the declared mapping', async () => {
    const ws = await workspace(4);
    // r1 labels under 1.0.0 (hate_harassment), r2 under 1.1.0 (hate or harassment): the same judgement.
    const v100 = { id: 'harm-taxonomy', version: '1.0.0' };
    for (let i = 0; i < 4; i++) {
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r1', values: i % 2 ? label(['hate_harassment'], 2) : label(['none'], 0), timeSpentMs: 1, guideline: v100 });
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r2', values: i % 2 ? label([i === 1 ? 'hate' : 'harassment'], 2) : label(['none'], 0), timeSpentMs: 1 });
    }
    const report = agreementReport(ws);
    expect(report.mapped).toBe(true);
    expect(report.versions).toEqual(['1.0.0', '1.1.0']);
    const categories = report.fields.find((f) => f.key === 'categories')!;
    expect(categories.categories!.map((c) => c.value)).toContain('hate_harassment');
    expect(categories.categories!.find((c) => c.value === 'hate_harassment')!.summary.percentAgreement.value).toBe(1);
    expect(categories.setAlpha!.value).toBe(1);
    // Measured one version at a time there is only one rater per version: not applicable, with a reason.
    const only = agreementReport(ws, { version: '1.1.0' });
    expect(only.fields.find((f) => f.key === 'severity')!.summary!.krippendorffAlpha).toMatchObject({ value: null });
  });

  it('reports each rater against gold labels', async () => {
    const ws = await workspace(6);
    // s4 and s5 are gold too, but nobody has labelled them: they measure nothing and are not counted.
    for (let i = 0; i < 6; i++) setGold(ws, { sampleId: `s${i}`, values: label(['hate'], 2) }, TEST_OWNER);
    for (let i = 0; i < 4; i++) {
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r1', values: label(i === 3 ? ['hate', 'harassment'] : ['hate'], 2), timeSpentMs: 1 });
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r2', values: label(['hate'], i === 0 ? 1 : 2), timeSpentMs: 1 });
    }
    expect(agreementReport(ws).counts).toMatchObject({ items: 4, gold: 4 });
    const severity = agreementReport(ws).fields.find((f) => f.key === 'severity')!;
    const byRater = Object.fromEntries(severity.vsGold.map((g) => [g.rater, g]));
    expect(byRater.r1).toMatchObject({ compared: 4, correct: 4 });
    expect(byRater.r2).toMatchObject({ compared: 4, correct: 3 });
    expect(byRater.r2.accuracy.value).toBe(0.75);
    // Multi-select fields compare the whole set of categories with the gold set.
    const categories = agreementReport(ws).fields.find((f) => f.key === 'categories')!;
    const setsByRater = Object.fromEntries(categories.vsGold.map((g) => [g.rater, g]));
    expect(setsByRater.r1).toMatchObject({ compared: 4, correct: 3 });
    expect(setsByRater.r2).toMatchObject({ compared: 4, correct: 4 });
  });

  it('aggregates by majority (ties left unresolved) and falls back from Dawid-Skene on two items, saying so', async () => {
    const ws = await workspace(2);
    saveLabel(ws, { sampleId: 's0', raterId: 'r1', values: label(['hate'], 2), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's0', raterId: 'r2', values: label(['hate'], 2), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's0', raterId: 'r3', values: label(['hate'], 3), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's1', raterId: 'r1', values: label(['none'], 0), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's1', raterId: 'r2', values: label(['hate'], 1), timeSpentMs: 1 });
    const majority = aggregateLabels(ws, 'majority');
    const [s0, s1] = majority.items;
    expect(s0.fields.severity).toMatchObject({ value: 2, tie: false });
    // Laplace-smoothed: 2 of 3 raters, (2 + 1) / (3 + 2).
    expect(s0.fields.severity.confidence).toBeCloseTo(3 / 5);
    expect(s0.values!.categories).toEqual(['hate']);
    expect(s1.fields.severity).toMatchObject({ value: null, tie: true });
    expect(s1).toMatchObject({ status: 'unresolved', values: null });
    const ds = aggregateLabels(ws, 'dawid-skene');
    expect(ds.groups[0]).toMatchObject({ method: 'majority', fallback: expect.stringMatching(/2 raters: the model needs at least 3|items with 3 or more ratings/) });
    expect(ds.items[0].fields.severity.value).toBe(2);
  });

  it('is available from the CLI as JSON', async () => {
    const ws = await workspace(3);
    for (let i = 0; i < 3; i++) {
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r1', values: label(['hate'], 1 + i), timeSpentMs: 1 });
      saveLabel(ws, { sampleId: `s${i}`, raterId: 'r2', values: label(['hate'], 1 + i), timeSpentMs: 1 });
    }
    ws.close();
    const r = await runConcord(['agreement', '--workspace', ws.dir, '--field', 'severity', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.fields).toHaveLength(1);
    expect(report.fields[0].summary.krippendorffAlpha.value).toBe(1);
    const agg = await runConcord(['aggregate', '--workspace', ws.dir, '--method', 'majority', '--json']);
    expect(JSON.parse(agg.stdout).items.map((i: { values: { severity: number } }) => i.values.severity)).toEqual([1, 2, 3]);
  });

  it('says what every figure is computed on, takes a batch scope, and judges the threshold by the interval (CLI)', async () => {
    const ws = await workspace(50);
    createBatch(ws, { name: 'pilot', size: 40, seed: 3, overlap: { k: 3 }, raters: ['r1', 'r2', 'r3'] }, TEST_OWNER);
    const inBatch = ws.db.prepare('SELECT sample_id FROM batch_items ORDER BY position').pluck().all() as string[];
    inBatch.forEach((id, i) =>
      ['r1', 'r2', 'r3'].forEach((r, k) => {
        const sev = (i % 5) + (i % 7 === 0 && k === 2 ? -1 : 0);
        saveLabel(ws, { sampleId: id, raterId: r, values: sev <= 0 ? label(['none'], 0) : label(['hate'], sev), timeSpentMs: 1 });
      }),
    );
    // Ten ad-hoc labels, outside any batch, one rater each.
    const outside = (ws.db.prepare('SELECT id FROM samples WHERE id NOT IN (SELECT sample_id FROM batch_items)').pluck().all() as string[]).slice(0, 10);
    for (const id of outside) saveLabel(ws, { sampleId: id, raterId: 'r1', values: label(['none'], 0), timeSpentMs: 1 });
    ws.close();

    const all = JSON.parse((await runConcord(['agreement', '--workspace', ws.dir, '--json'])).stdout);
    expect(all.counts).toMatchObject({ labels: 130, items: 50, pairableItems: 40 });
    expect(all.scope).toEqual({ batch: null, outsideBatches: 10 });
    const severity = all.fields.find((f: { key: string }) => f.key === 'severity');
    // The headline's pairable items are the alphas' n; intervals come by default, as in the app.
    expect(severity.summary.krippendorffAlpha.n.pairableItems).toBe(40);
    expect(severity.summary.ci.krippendorffAlpha).toMatchObject({ resamples: 200, seed: 1 });
    expect(severity.pairwise.every((p: { weights: string }) => p.weights === 'quadratic')).toBe(true);
    expect(all.fields.find((f: { key: string }) => f.key === 'refusal').pairwise[0].weights).toBe('identity');
    const ci = severity.summary.ci.krippendorffAlpha.interval as [number, number];
    expect(all.threshold.status.severity).toBe(thresholdStatus(severity.summary.krippendorffAlpha.value, ci, 0.667));
    expect(all.threshold.value).toBe(0.667);

    const batch = JSON.parse((await runConcord(['agreement', '--workspace', ws.dir, '--batch', 'pilot', '--json'])).stdout);
    expect(batch.counts).toMatchObject({ labels: 120, items: 40, pairableItems: 40 });
    expect(batch.scope.batch.name).toBe('pilot');
    const text = (await runConcord(['agreement', '--workspace', ws.dir])).stdout;
    expect(text).toMatch(/Computed on every label in the workspace under harm-taxonomy@1\.1\.0: 130 labels \(10 outside any batch\) on 50 items, 40 of them with 2 or more raters \(the n of the alphas\)/);
    expect(text).toMatch(/Pairwise Cohen's kappa \(quadratic weights\):/);
    expect(text).toMatch(/Kappa vs others \(quadratic weights\)/);
    expect(text).toMatch(/Threshold: (meets threshold|below threshold|uncertain) \(95% CI/);
    const missing = await runConcord(['agreement', '--workspace', ws.dir, '--batch', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no batch "nope" \(batches: "pilot"\)/);
  });
});