import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caller } from '../testing/api';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { setGold } from '../workspace/gold';
import { getGuideline } from '../workspace/guidelines';

const tempDir = useTempDirs();

describe('owner and adjudicator calls, through the same dispatcher both bridges use', () => {
  it('batch with overlap and gold, labels, disagreements, adjudication, agreement, export, new guideline version', async () => {
    const ws = await makeWorkspace(tempDir(), 60, []);
    for (let i = 0; i < 10; i++) setGold(ws, { sampleId: `s${i}`, values: harmLabel(['hate'], 2) }, TEST_OWNER);
    const api = caller(ws, TEST_OWNER);
    const call = api.call;
    for (const id of ['ana', 'ben', 'cho']) await call('createProfile', { id, name: id.toUpperCase(), roles: ['rater'] });
    await call('createProfile', { id: 'adj', name: 'Adjudicator', roles: ['adjudicator'] });
    const batch = await call('createBatch', { name: 'pilot', size: 30, seed: 3, overlap: { k: 3 }, goldShare: 0.1, raters: ['ana', 'ben', 'cho'] });
    expect(batch).toMatchObject({ items: 30, gold: 3, assignments: 90, load: { ana: 30, ben: 30, cho: 30 } });
    expect(ws.db.prepare('SELECT count(*) FROM batch_items WHERE gold = 1').pluck().get()).toBe(3);

    // Everyone labels everything; cho disagrees on severity every fifth item.
    for (const [k, rater] of ['ana', 'ben', 'cho'].entries()) {
      api.as(rater);
      let next = (await call('queue', { filter: 'todo', limit: 1 })).items[0]?.sampleId;
      let n = 0;
      while (next) {
        const sev = k === 2 && n % 5 === 0 ? 3 : 2;
        next = (await call('saveLabel', { sampleId: next, values: harmLabel(['hate'], sev), timeSpentMs: 1500 })).nextSampleId;
        n++;
      }
      expect(n).toBe(30);
    }
    api.as(TEST_OWNER);
    const view = await call('agreement', { bootstrap: 50, seed: 1 });
    expect(view.threshold).toBe(0.667);
    expect(view.report.counts).toMatchObject({ labels: 90, items: 30, raters: 3, gold: 3 }); // the batch's 3 gold items, not the workspace's 10
    api.as('adj');
    const disagreements = await call('disagreements', { rule: { kind: 'spread', levels: 1 } });
    expect(disagreements).toHaveLength(6);

    for (const d of disagreements) {
      const item = await call('adjudicationItem', { sampleId: d.sampleId, anonymize: true });
      expect(item.labels.map((l: { rater: string }) => l.rater)).toEqual(['Rater A', 'Rater B', 'Rater C']);
      expect(item.fieldsInDispute).toEqual(['severity']);
      await call('adjudicate', { sampleId: d.sampleId, values: harmLabel(['hate'], 2), reason: 'two raters and the rubric agree on 2' });
    }
    expect((await call('disagreements', { rule: { kind: 'spread', levels: 1 } })).every((d: { adjudicated: boolean }) => d.adjudicated)).toBe(true);
    expect((await call('adjudicationItem', { sampleId: disagreements[0].sampleId })).adjudication.adjudicator).toBe('adj');
    const refused = await api.raw('adjudicate', { sampleId: 's1', values: harmLabel(['hate'], 2), reason: '' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'input' } });
    // The event names the signed-in adjudicator as its author: the input could not say otherwise.
    expect(ws.db.prepare(`SELECT DISTINCT author FROM events WHERE type = 'adjudication.recorded'`).pluck().all()).toEqual(['adj']);
    api.as(TEST_OWNER);

    const exported = await call('exportLabels', { format: 'jsonl' });
    expect(exported.rows).toBe(30);
    expect(exported.bySource.adjudicated).toBe(6);
    const rows = readFileSync(exported.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.concord.source === 'adjudicated').every((r) => r.concord.values.severity === 2)).toBe(true);

    // A new guideline version, drafted from the active one, checked, diffed and published mid-batch.
    const current = getGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' })!;
    const draft = { ...current, version: '1.2.0', changelog: [...current.changelog, { version: '1.2.0', changes: ['Clarify satire under hate.'] }], mapping: { from: '1.1.0', fields: {} } };
    const bad = await call('checkGuidelineDraft', { pack: { ...current, rubric: current.rubric + '\nChanged.' } });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i: { path: string }) => i.path)).toContain('version');
    // The rubric copied forward still says "Version 1.1.0.": publishing asks to confirm, it does not refuse.
    expect(await call('checkGuidelineDraft', { pack: draft })).toEqual({
      ok: true,
      issues: [],
      warnings: [{ path: 'line 3', message: expect.stringMatching(/^the rubric still names 1\.1\.0 while this is 1\.2\.0: "Version 1\.1\.0\. These guidelines/) }],
    });
    expect((await call('checkGuidelineDraft', { pack: { ...draft, rubric: draft.rubric.replace('Version 1.1.0.', 'Version 1.2.0.') } })).warnings).toEqual([]);
    const published = await call('publishGuideline', { pack: draft, activate: true });
    expect(published).toMatchObject({ version: '1.2.0', active: true });
    const diff = await call('diffGuidelines', { id: 'harm-taxonomy', from: '1.1.0', to: '1.2.0' });
    expect(diff.schema).toEqual([]);
    const [summary] = await call('listBatches', {});
    expect(summary).toMatchObject({ newerVersion: '1.2.0', labeled: 90 });
    const moved = await call('setBatchVersion', { batchId: batch.batchId, action: 'requeue' });
    expect(moved).toMatchObject({ guideline: { version: '1.2.0' }, labeled: 0, newerVersion: null });
    api.as('ana');
    expect((await call('queue', { filter: 'todo', limit: 1 })).counts.todo).toBe(30);
  });
});
