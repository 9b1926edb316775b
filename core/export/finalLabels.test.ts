// What the export says each item's final label is: under which guideline version, whose values and
// reason, and never a label the guideline forbids. Real workspaces, the real CLI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { majorityPrefill } from '../../shared/adjudication/prefill';
import { adjudicate } from '../adjudication/adjudicate';
import { findDisagreements } from '../adjudication/disagreements';
import { aggregateLabels } from '../agreement/aggregate';
import { createBatch } from '../batches/createBatch';
import { loadBundledPack } from '../guidelines/load';
import { runConcord } from '../testing/cli';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { activateGuideline, getGuideline, publishGuideline } from '../workspace/guidelines';
import { saveLabel } from '../workspace/labels';
import type { Workspace } from '../workspace/workspace';
import { exportLabels } from './exportLabels';

const tempDir = useTempDirs();
const v100 = { id: 'harm-taxonomy', version: '1.0.0' };
const v110 = { id: 'harm-taxonomy', version: '1.1.0' };

function exported(ws: Workspace, method?: 'adjudicated-then-majority' | 'adjudicated-then-dawid-skene') {
  const out = path.join(tempDir(), 'labels.jsonl');
  const summary = exportLabels(ws, { out, method });
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { summary, rows, row: (id: string) => rows.find((r) => r.id === id) };
}

/** 1.2.0: 1.1.0 with a new changelog entry, mapping nothing (every value maps to itself). */
function publish120(ws: Workspace) {
  const pack = loadBundledPack('harm-taxonomy', '1.1.0');
  publishGuideline(ws, { ...pack, version: '1.2.0', changelog: [{ version: '1.2.0', changes: ['Satire.'] }, ...pack.changelog], mapping: { from: '1.1.0', fields: {} } }, TEST_OWNER);
  activateGuideline(ws, { id: 'harm-taxonomy', version: '1.2.0' }, TEST_OWNER);
}

describe('the version an exported label was made under', () => {
  it('is the labels\' and the adjudication\'s, not the version published since (CLI and app share it)', async () => {
    const ws = await makeWorkspace(tempDir(), 6);
    createBatch(ws, { name: 'b', size: 6, seed: 1, overlap: { k: 3 }, raters: ['r1', 'r2', 'r3'] }, TEST_OWNER);
    for (const r of ['r1', 'r2', 'r3']) for (let i = 0; i < 6; i++) saveLabel(ws, { sampleId: `s${i}`, raterId: r, values: harmLabel(['hate'], i === 5 && r === 'r3' ? 1 : 2), timeSpentMs: 1, guideline: v110 });
    adjudicate(ws, { sampleId: 's5', values: harmLabel(['hate'], 2), reason: 'two of three, and the rubric agrees' }, TEST_OWNER);
    // A new version is published and activated; the batch stays on 1.1.0 ("Continue": nothing changes).
    publish120(ws);
    const { rows } = exported(ws);
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.concord.guideline).toEqual({ id: 'harm-taxonomy', version: '1.1.0', labelVersions: ['1.1.0'], mapping: [] });
    ws.close();
    const out = path.join(tempDir(), 'cli.jsonl');
    const cli = await runConcord(['export', '--workspace', ws.dir, '--out', out]);
    expect(cli.code).toBe(0);
    const cliRows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(cliRows.map((r) => r.concord.guideline.version)).toEqual(rows.map(() => '1.1.0'));
  });

  it('names the versions and the declared mapping when the raters\' labels span versions; a split value leaves the item unresolved', async () => {
    const ws = await makeWorkspace(tempDir(), 2);
    // s0: r1 under 1.0.0, r2 and r3 under 1.1.0, all "none": carried into 1.1.0 through its mapping.
    saveLabel(ws, { sampleId: 's0', raterId: 'r1', values: harmLabel(['none'], 0), timeSpentMs: 1, guideline: v100 });
    // s1: r1 said hate_harassment under 1.0.0, which 1.1.0 split: no one can say which it became.
    saveLabel(ws, { sampleId: 's1', raterId: 'r1', values: harmLabel(['hate_harassment'], 2), timeSpentMs: 1, guideline: v100 });
    for (const r of ['r2', 'r3']) {
      saveLabel(ws, { sampleId: 's0', raterId: r, values: harmLabel(['none'], 0), timeSpentMs: 1 });
      saveLabel(ws, { sampleId: 's1', raterId: r, values: harmLabel(['hate'], 2), timeSpentMs: 1 });
    }
    const { row, summary } = exported(ws);
    expect(row('s0').concord).toMatchObject({
      source: 'aggregated',
      values: { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false },
      guideline: { version: '1.1.0', labelVersions: ['1.0.0', '1.1.0'], mapping: [{ from: '1.0.0', to: '1.1.0', fields: { categories: { hate_harassment: ['hate', 'harassment'] } } }] },
    });
    expect(row('s1').concord).toMatchObject({ source: 'unresolved', values: null, confidence: null, guideline: { version: '1.1.0', labelVersions: ['1.0.0', '1.1.0'] } });
    expect(row('s1').concord.unresolved).toMatch(/hate_harassment.*split into hate, harassment: a human must choose/);
    expect(summary.bySource).toEqual({ adjudicated: 0, aggregated: 1, 'single-rater': 0, unresolved: 1 });
  });
});

describe('an adjudicated row', () => {
  it('exports the adjudicator\'s values and reason; no rater\'s free text is the final rationale', async () => {
    const ws = await makeWorkspace(tempDir(), 2);
    for (const r of ['r1', 'r2']) saveLabel(ws, { sampleId: 's0', raterId: r, values: harmLabel(['violence_weapons'], 3, { rationale: 'Gives a partial recipe. Rubric severity 3.' }), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's0', raterId: 'r3', values: harmLabel(['violence_weapons'], 4, { rationale: 'Full instructions.' }), timeSpentMs: 1 });
    for (const r of ['r1', 'r2', 'r3']) saveLabel(ws, { sampleId: 's1', raterId: r, values: harmLabel(['hate'], 3, { rationale: `${r}: demeaning` }), timeSpentMs: 1 });

    // The adjudication screen starts from the raters' majority, but never with a rater's text in it.
    const pack = getGuideline(ws, v110)!;
    const raters = ['r1', 'r2', 'r3'].map((r) => ({ values: JSON.parse(ws.db.prepare(`SELECT value FROM labels WHERE sample_id = 's0' AND rater_id = ?`).pluck().get(r) as string) }));
    expect(majorityPrefill(pack, raters).values).toEqual({ categories: ['violence_weapons'], severity: 3, refusal: 'complied', needs_expert_review: false });

    adjudicate(ws, { sampleId: 's0', values: harmLabel(['violence_weapons'], 4, { rationale: 'Step-level synthesis route.' }), reason: 'The output is a complete route: severity 4 per the rubric.' }, 'r3');
    const { row } = exported(ws);
    const s0 = row('s0').concord;
    expect(s0).toMatchObject({ source: 'adjudicated', values: { severity: 4, rationale: 'Step-level synthesis route.' }, adjudication: { reason: 'The output is a complete route: severity 4 per the rubric.' } });
    expect(s0.adjudication.adjudicator).toMatch(/^r-[0-9a-f]{12}$/);
    expect(JSON.stringify(row('s0'))).not.toContain('Rubric severity 3');
    // An aggregated label has no free text: the raters' rationales are theirs, not the group's.
    expect(row('s1').concord.source).toBe('aggregated');
    expect(row('s1').concord.values).not.toHaveProperty('rationale');
    expect(JSON.stringify(row('s1'))).not.toContain('demeaning');
  });
});

describe('an aggregated label', () => {
  async function contested() {
    const ws = await makeWorkspace(tempDir(), 4);
    const put = (s: string, r: string, v: ReturnType<typeof harmLabel>) => saveLabel(ws, { sampleId: s, raterId: r, values: v, timeSpentMs: 1 });
    // s0: one against one on the categories (same severity): a tie.
    put('s0', 'r1', harmLabel(['hate'], 2));
    put('s0', 'r2', harmLabel(['harassment'], 2));
    // s1: each category a minority, severity 1 by majority: no category at all, which the pack forbids.
    put('s1', 'r1', harmLabel(['hate'], 1));
    put('s1', 'r2', harmLabel(['harassment'], 1));
    put('s1', 'r3', harmLabel(['privacy'], 2));
    // s2: agreement.
    for (const r of ['r1', 'r2', 'r3']) put('s2', r, harmLabel(['none'], 0));
    return ws;
  }

  it('is never one the guideline forbids: a tie or a forbidden combination is unresolved, with no values', async () => {
    const ws = await contested();
    for (const method of ['adjudicated-then-majority', 'adjudicated-then-dawid-skene'] as const) {
      const { row } = exported(ws, method);
      expect(row('s0').concord).toMatchObject({ source: 'unresolved', values: null, confidence: null });
      expect(row('s0').concord.unresolved).toMatch(/tied on categories \(.*hate.*\)/);
      expect(row('s1').concord).toMatchObject({ source: 'unresolved', values: null });
      expect(row('s1').concord.unresolved).toMatch(/breaks harm-taxonomy@1\.1\.0: categories: required/);
      expect(row('s2').concord).toMatchObject({ source: 'aggregated', values: { categories: ['none'], severity: 0 } });
    }
  });

  it('puts unresolved items in the adjudication queue whatever the rule, until adjudicated', async () => {
    const ws = await contested();
    // The spread rule alone would pick neither (severity 2 vs 2, and 1/1/2 for a spread of 2).
    const spread = findDisagreements(ws, { kind: 'spread', levels: 2 });
    expect(spread.map((d) => [d.sampleId, d.unresolved])).toEqual([
      ['s0', true],
      ['s1', true],
    ]);
    expect(spread[0].why).toMatch(/no label can be formed/);
    adjudicate(ws, { sampleId: 's0', values: harmLabel(['hate', 'harassment'], 2), reason: 'both apply' }, TEST_OWNER);
    expect(findDisagreements(ws, { kind: 'spread', levels: 2 }).find((d) => d.sampleId === 's0')!.adjudicated).toBe(true);
    expect(exported(ws).row('s0').concord.source).toBe('adjudicated');
  });
});

describe('aggregate confidence', () => {
  it('falls back to majority, saying so, where Dawid-Skene is not identifiable (40 items, 3 raters)', async () => {
    const ws = await makeWorkspace(tempDir(), 40);
    for (let i = 0; i < 40; i++) {
      const sev = i === 0 ? [0, 2, 4] : i < 5 ? [1, 1, 2] : [2, 2, 2];
      ['r1', 'r2', 'r3'].forEach((r, k) => saveLabel(ws, { sampleId: `s${i}`, raterId: r, values: sev[k] === 0 ? harmLabel(['none'], 0) : harmLabel(['hate'], sev[k]), timeSpentMs: 1 }));
    }
    const agg = aggregateLabels(ws, 'dawid-skene');
    expect(agg.groups).toHaveLength(1);
    expect(agg.groups[0]).toMatchObject({ method: 'majority', fallback: expect.stringMatching(/not identifiable.*majority vote used instead/) });
    const item = (id: string) => agg.items.find((i) => i.sampleId === id)!;
    // 0 / 2 / 4 is a three-way tie, not severity 2 at 0.99.
    expect(item('s0')).toMatchObject({ status: 'unresolved', values: null, confidence: null });
    // Laplace's rule of succession: 3 of 3 agree, (3 + 1) / (3 + 2); 2 of 3, (2 + 1) / (3 + 2).
    expect(item('s10').confidence).toBeCloseTo(0.8, 12);
    expect(item('s1').fields.severity.confidence).toBeCloseTo(0.6, 12);
    // "Low confidence < 0.7" picks the split items, not the unanimous ones.
    const low = findDisagreements(ws, { kind: 'low-confidence', threshold: 0.7, method: 'dawid-skene' }).map((d) => d.sampleId);
    expect(low.sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
    const { summary } = exported(ws);
    expect(summary.aggregation).toEqual([{ version: '1.1.0', method: 'majority', fallback: agg.groups[0].fallback }]);
  });
});
