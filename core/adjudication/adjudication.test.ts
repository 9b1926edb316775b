import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchPool } from '../batches/batchPool';
import { createBatch } from '../batches/createBatch';
import { exportLabels } from '../export/exportLabels';
import { writeFileAtomic } from '../export/writeAtomic';
import { importLabels } from '../import/importLabels';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { nextTodo, queueCounts, queueItem } from '../workspace/queue';
import { adjudicate, flagGuidelineGap, sendBack } from './adjudicate';
import { findDisagreements } from './disagreements';

const tempDir = useTempDirs();

describe('batches in a workspace', () => {
  it('the same request gives the same batch; raters then see only their assignments, under the batch version', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const request = { name: 'b1', size: 20, seed: 42, overlap: { k: 2 }, raters: ['r1', 'r2', 'r3'], strategy: 'stratified' as const, stratifyBy: 'metadata.lang' };
    const a = await makeWorkspace(dirA, 100);
    const b = await makeWorkspace(dirB, 100);
    const batchA = createBatch(a, request, TEST_OWNER);
    createBatch(b, request, TEST_OWNER);
    const items = (ws: typeof a) => ws.db.prepare('SELECT sample_id, position, gold FROM batch_items ORDER BY position').all();
    const assigned = (ws: typeof a) => ws.db.prepare('SELECT rater_id, sample_id, queue_pos FROM assignments ORDER BY rater_id, queue_pos').all();
    expect(items(b)).toEqual(items(a));
    expect(assigned(b)).toEqual(assigned(a));
    expect(batchA.strata).toEqual({ en: 15, fr: 5 });
    expect(Object.values(batchA.load).sort()).toEqual([13, 13, 14]);

    const counts = queueCounts(a, 'r1');
    expect(counts.all).toBe(batchA.load.r1);
    const first = nextTodo(a, 'r1', 0)!;
    expect(queueItem(a, 'r1', first)).toMatchObject({ position: 0, state: 'todo', guideline: { version: '1.1.0' } });
    // A sample outside r1's assignments is not in r1's queue.
    const notMine = a.db.prepare(`SELECT id FROM samples WHERE id NOT IN (SELECT sample_id FROM assignments WHERE rater_id = 'r1') LIMIT 1`).pluck().get() as string;
    expect(queueItem(a, 'r1', notMine)).toBeUndefined();
  });
});

describe('batch filters', () => {
  it('draw only from the samples that match; the pool preview counts them and offers what to filter by', async () => {
    const ws = await makeWorkspace(tempDir(), 100);
    const filters = { metadata: { lang: 'fr' }, scoreAtLeast: { toxicity: 0.5 }, excludeBatched: true };
    // lang fr: i % 4 == 0; toxicity (i % 10) / 10 >= 0.5: i % 10 in 5..9, so i % 20 in {8, 16}: 10 samples.
    expect(batchPool(ws, filters)).toMatchObject({ available: 10, gold: 0, metadata: [{ key: 'lang', values: [{ value: 'en', count: 75 }, { value: 'fr', count: 25 }] }], scores: ['toxicity'] });
    const batch = createBatch(ws, { name: 'fr toxic', size: 10, seed: 1, overlap: { k: 1 }, raters: ['r1'], filters }, TEST_OWNER);
    expect(batch.items).toBe(10);
    const drawn = ws.db.prepare('SELECT sample_id FROM batch_items').pluck().all() as string[];
    expect(drawn.map((id) => Number(id.slice(1)) % 20).every((r) => r === 8 || r === 16)).toBe(true);
    // Those samples are in a batch now: the pool is empty under the same filters, and asking for more is refused.
    expect(batchPool(ws, filters).available).toBe(0);
    expect(() => createBatch(ws, { name: "again", size: 1, seed: 1, overlap: { k: 1 }, raters: ["r1"], filters }, TEST_OWNER)).toThrow(/only 0 match/);
    expect(batchPool(ws, { ...filters, excludeBatched: false }).available).toBe(10);
    expect(batchPool(ws, { scoreAtMost: { toxicity: 0.05 }, excludeBatched: true }).available).toBe(10);
    expect(batchPool(ws, { model: 'nobody', excludeBatched: true }).available).toBe(0);
  });
});

describe('disagreement rules', () => {
  async function labeled() {
    const ws = await makeWorkspace(tempDir(), 4);
    const put = (s: string, r: string, v: ReturnType<typeof harmLabel>) => saveLabel(ws, { sampleId: s, raterId: r, values: v, timeSpentMs: 1000 });
    // s0: full agreement. s1: severity 1 vs 2 (spread 1). s2: severity 0 vs 3 (spread 3, categories differ). s3: one rater.
    for (const r of ['r1', 'r2', 'r3']) put('s0', r, harmLabel(['hate'], 2));
    put('s1', 'r1', harmLabel(['hate'], 1));
    put('s1', 'r2', harmLabel(['hate'], 2));
    put('s1', 'r3', harmLabel(['hate'], 2));
    put('s2', 'r1', harmLabel(['none'], 0));
    put('s2', 'r2', harmLabel(['violence_weapons'], 3));
    put('s3', 'r1', harmLabel(['none'], 0));
    return ws;
  }

  it('any disagreement on a field, or on any field', async () => {
    const ws = await labeled();
    expect(findDisagreements(ws, { kind: 'any' }).map((d) => [d.sampleId, d.fields])).toEqual([
      ['s1', ['severity']],
      ['s2', ['categories', 'severity']],
    ]);
    expect(findDisagreements(ws, { kind: 'any', field: 'categories' }).map((d) => d.sampleId)).toEqual(['s2']);
  });

  it('a severity spread of at least N levels', async () => {
    const ws = await labeled();
    expect(findDisagreements(ws, { kind: 'spread', levels: 1 }).map((d) => d.sampleId)).toEqual(['s1', 's2']);
    expect(findDisagreements(ws, { kind: 'spread', levels: 2 }).map((d) => d.sampleId)).toEqual(['s2']);
  });

  it('an aggregated confidence below a threshold', async () => {
    const ws = await labeled();
    // Majority: s1 severity 2 with 2/3 of the votes; s2 is a 1-1 tie (no confidence).
    expect(findDisagreements(ws, { kind: 'low-confidence', threshold: 0.7, method: 'majority' }).map((d) => d.sampleId)).toEqual(['s1', 's2']);
    expect(findDisagreements(ws, { kind: 'low-confidence', threshold: 0.6, method: 'majority' }).map((d) => d.sampleId)).toEqual(['s2']);
  });

  it('adjudication is final in exports; sending back retracts the labels; gaps are noted', async () => {
    const ws = await labeled();
    adjudicate(ws, { sampleId: 's2', values: harmLabel(['violence_weapons'], 3), reason: 'weapon assembly steps are given' }, TEST_OWNER);
    expect(() => adjudicate(ws, { sampleId: 's1', values: harmLabel(['hate'], 2), reason: '  ' }, TEST_OWNER)).toThrow(/needs a reason/);
    const out = path.join(tempDir(), 'labels.jsonl');
    exportLabels(ws, { out });
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const s2 = rows.find((r) => r.id === 's2');
    expect(s2.concord).toMatchObject({ source: 'adjudicated', values: { severity: 3 }, confidence: 1, raters: 2 });
    expect(s2.extra).toEqual({ keep: 2 });
    expect(rows.find((r) => r.id === 's3').concord.source).toBe('single-rater');
    expect(rows.find((r) => r.id === 's0').concord).toMatchObject({ source: 'aggregated', agreement: 1 });

    sendBack(ws, { sampleId: 's1', reason: 'rubric changed' }, TEST_OWNER);
    expect(ws.db.prepare(`SELECT count(*) FROM labels WHERE sample_id = 's1' AND retracted = 0`).pluck().get()).toBe(0);
    flagGuidelineGap(ws, { sampleId: 's1', field: 'severity', note: 'no guidance for satire' }, TEST_OWNER);
    expect(ws.db.prepare('SELECT note FROM guideline_notes').pluck().all()).toEqual(['no guidance for satire']);
  });
});

describe('export', () => {
  it('is deterministic: the same workspace gives the same bytes, in JSONL and CSV', async () => {
    const ws = await makeWorkspace(tempDir(), 5);
    for (const r of ['r1', 'r2']) for (let i = 0; i < 5; i++) saveLabel(ws, { sampleId: `s${i}`, raterId: r, values: harmLabel(['hate'], (i + r.length) % 3), timeSpentMs: 10 });
    const dir = tempDir();
    for (const format of ['jsonl', 'csv'] as const) {
      exportLabels(ws, { out: path.join(dir, `a.${format}`), format });
      exportLabels(ws, { out: path.join(dir, `b.${format}`), format });
      expect(readFileSync(path.join(dir, `b.${format}`))).toEqual(readFileSync(path.join(dir, `a.${format}`)));
    }
    const csv = readFileSync(path.join(dir, 'a.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('id,input,output,metadata,scores,extra,concord.values,concord.source,concord.confidence,concord.method,concord.aggregatedBy,concord.guideline,concord.labelVersions,concord.mapping,concord.raters,concord.agreement,concord.raterIds,concord.adjudication,concord.unresolved');
    expect(csv).toHaveLength(5 + 2);
    // Rater ids are pseudonymous.
    expect(readFileSync(path.join(dir, 'a.jsonl'), 'utf8')).not.toMatch(/"r1"|"r2"/);
  });

  it('writes atomically: an interrupted write leaves the previous file whole and no temp file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.jsonl');
    writeFileSync(file, 'previous export\n');
    expect(() =>
      writeFileAtomic(file, (put) => {
        for (let i = 0; i < 100_000; i++) put(`row ${i} ${'x'.repeat(50)}\n`);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('previous export\n');
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
  });
});

describe('import-labels', () => {
  it('brings labels in as events, idempotently, and reports conflicts and bad lines', async () => {
    const ws = await makeWorkspace(tempDir(), 3);
    const file = path.join(tempDir(), 'vendor.jsonl');
    const lines = [
      { sample: 's0', rater: 'vendor-7', values: harmLabel(['hate'], 2), timeSpentMs: 5000 },
      { sample: 's1', rater: 'vendor-7', values: harmLabel(['none'], 0), guideline: 'harm-taxonomy@1.0.0' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(await importLabels(ws, { file }, TEST_OWNER)).toEqual({ imported: 2, unchanged: 0, conflicts: [], invalid: [] });
    const events = ws.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(await importLabels(ws, { file }, TEST_OWNER)).toEqual({ imported: 0, unchanged: 2, conflicts: [], invalid: [] });
    expect(ws.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events);
    expect(ws.db.prepare(`SELECT name FROM raters WHERE id = 'vendor-7'`).pluck().get()).toBe('vendor-7');

    writeFileSync(file, [JSON.stringify({ ...lines[0], values: harmLabel(['hate'], 3) }), '{oops', JSON.stringify({ sample: 'nope', rater: 'v', values: {} })].join('\n'));
    const bad = await importLabels(ws, { file }, TEST_OWNER);
    expect(bad.imported).toBe(0);
    expect(bad.invalid.map((i) => i.line)).toEqual([2, 3]);
    expect(bad.invalid[1].error).toMatch(/no sample "nope"/);
    const skipped = await importLabels(ws, { file, skipInvalid: true }, TEST_OWNER);
    expect(skipped.conflicts).toEqual([{ line: 1, sample: 's0', rater: 'vendor-7' }]);
  });
});
