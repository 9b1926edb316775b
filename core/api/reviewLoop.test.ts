import { describe, expect, it } from 'vitest';
import { rebuildProjections } from '../store/eventLog';
import { caller } from '../testing/api';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { createRater } from '../workspace/raters';

// "The review loop, as found when tried" (issue 15), through the engine's dispatcher as each person:
// what an adjudicator or owner tells a rater reaches them, flags and skips reach someone, a rater's
// earlier work stays theirs once batches exist, gold is set in the app, and a batch opens its detail.

const tempDir = useTempDirs();

async function team() {
  const ws = await makeWorkspace(tempDir(), 12, ['ana', 'ben']);
  createRater(ws, { id: 'ada', name: 'Ada', roles: ['adjudicator'] }, TEST_OWNER);
  const as = (id: string) => caller(ws, id);
  return { ws, owner: as(TEST_OWNER), ana: as('ana'), ben: as('ben'), ada: as('ada') };
}

const none = harmLabel(['none'], 0);
const hate = harmLabel(['hate'], 2);
type Row = { sampleId: string; state: string; sentBack: string | null };
const ids = (page: { items: Row[] }) => page.items.map((r) => r.sampleId);

describe('the review loop reaches people', () => {
  it('a send-back note shows on the item and in the rater queue until they label it again', async () => {
    const { ws, owner, ana, ben, ada } = await team();
    await owner.call('createBatch', { name: 'pilot', size: 4, seed: 1, overlap: { k: 2 }, raters: ['ana', 'ben'] });
    const [first] = (await ana.call('queue', {})).items as Row[];
    await ana.call('saveLabel', { sampleId: first.sampleId, values: none, timeSpentMs: 1 });
    await ben.call('saveLabel', { sampleId: first.sampleId, values: hate, timeSpentMs: 1 });
    expect((await ana.call('getItem', { sampleId: first.sampleId })).sentBack).toBeNull();

    await ada.call('sendBack', { sampleId: first.sampleId, reason: 'Satire is covered by 2.3: look again' });
    const check = async () => {
      const item = await ana.call('getItem', { sampleId: first.sampleId });
      expect(item).toMatchObject({ state: 'todo', label: null, sentBack: { reason: 'Satire is covered by 2.3: look again' } });
      const row = ((await ana.call('queue', {})).items as Row[]).find((r) => r.sampleId === first.sampleId);
      expect(row).toMatchObject({ state: 'todo', sentBack: 'Satire is covered by 2.3: look again' });
      expect(ids(await ana.call('queue', { filter: 'todo' }))).toContain(first.sampleId);
    };
    await check();
    rebuildProjections(ws.db); // the note comes from the log, not from a table the UI wrote
    await check();

    await ana.call('saveLabel', { sampleId: first.sampleId, values: hate, timeSpentMs: 1 });
    const again = await ana.call('getItem', { sampleId: first.sampleId });
    expect(again.state).toBe('done');
    expect(again.sentBack).toBeNull();
    expect(((await ana.call('queue', {})).items as Row[]).find((r) => r.sampleId === first.sampleId)?.sentBack).toBeNull();
  });

  it('a flag reaches owners and adjudicators with its comment, who resolve it; the rater sees the answer; skips are counted per rater', async () => {
    const { ws, owner, ana, ben, ada } = await team();
    const [a, b, c] = ids(await ana.call('queue', {}));
    await ana.call('flagItem', { sampleId: a, comment: 'The prompt is cut off half-way' });
    await ana.call('skipItem', { sampleId: b });
    await ana.call('skipItem', { sampleId: c });
    await ben.call('skipItem', { sampleId: a });

    for (const reviewer of [owner, ada]) {
      const view = await reviewer.call('flags', {});
      expect(view.flags).toEqual([
        expect.objectContaining({ raterId: 'ana', raterName: 'ANA', sampleId: a, comment: 'The prompt is cut off half-way', preview: 'answer 0', resolution: null }),
      ]);
      expect(view).toMatchObject({ open: 1, resolved: 0 });
      expect(view.raters).toEqual([
        { raterId: 'ana', name: 'ANA', skipped: 2, flagged: 1 },
        { raterId: 'ben', name: 'BEN', skipped: 1, flagged: 0 },
      ]);
    }
    // Raters never read others' flags, nor resolve their own.
    expect((await ben.raw('flags', {})).ok).toBe(false);
    expect(await ana.raw('resolveFlag', { raterId: 'ana', sampleId: a, note: 'fine' })).toMatchObject({ ok: false, error: { message: 'resolveFlag needs the adjudicator or owner role; ana has rater' } });
    expect(await ada.raw('resolveFlag', { raterId: 'ana', sampleId: b, note: 'x' })).toMatchObject({ ok: false, error: { message: `ana has no flag on "${b}"` } });

    await ada.call('resolveFlag', { raterId: 'ana', sampleId: a, note: 'The full prompt is in the metadata: label what you see' });
    expect(await owner.raw('resolveFlag', { raterId: 'ana', sampleId: a, note: 'again' })).toMatchObject({ ok: false, error: { message: `ana's flag on "${a}" is already resolved` } });
    expect((await owner.call('flags', {})).flags).toEqual([]);
    const resolved = await owner.call('flags', { status: 'resolved' });
    expect(resolved.flags[0]).toMatchObject({ sampleId: a, resolution: { note: 'The full prompt is in the metadata: label what you see', by: 'ada', byName: 'Ada' } });
    expect(resolved).toMatchObject({ open: 0, resolved: 1 });

    // The rater: the item is to do again, with the answer next to their comment.
    const item = await ana.call('getItem', { sampleId: a });
    expect(item).toMatchObject({ state: 'todo', flagComment: 'The prompt is cut off half-way', flagAnswer: { note: 'The full prompt is in the metadata: label what you see', by: 'ada' } });
    expect((await ana.call('queue', {})).counts).toMatchObject({ flagged: 0, skipped: 2 });
    // The answer follows the log: a rebuild keeps it, and a new flag of the item is open again.
    rebuildProjections(ws.db);
    expect((await owner.call('flags', { status: 'all' })).flags).toHaveLength(1);
    await ana.call('flagItem', { sampleId: a, comment: 'No metadata shown to me' });
    expect((await ada.call('flags', {})).flags).toEqual([expect.objectContaining({ sampleId: a, comment: 'No metadata shown to me', resolution: null })]);
    expect((await ana.call('getItem', { sampleId: a })).flagAnswer).toBeNull();
  });

  it('a rater keeps their earlier labels, flags and skips under Done and in their counts after the owner creates a batch', async () => {
    const { owner, ana } = await team();
    const before = ids(await ana.call('queue', {}));
    expect(before).toHaveLength(12);
    // ana works the open pool: labels the last three items, flags and skips two more.
    const [l1, l2, l3, f, s] = before.slice(-5);
    for (const id of [l1, l2, l3]) await ana.call('saveLabel', { sampleId: id, values: none, timeSpentMs: 1 });
    await ana.call('flagItem', { sampleId: f, comment: 'unclear' });
    await ana.call('skipItem', { sampleId: s });
    const done = ids(await ana.call('queue', { filter: 'done' })).sort();

    // A batch of the first four samples, for ben only, then one for ana of two samples.
    await owner.call('createBatch', { name: 'b1', size: 4, seed: 3, overlap: { k: 1 }, raters: ['ben'] });
    const afterBen = await ana.call('queue', {});
    expect(ids(await ana.call('queue', { filter: 'done' })).sort()).toEqual(done);
    expect(afterBen.counts).toMatchObject({ done: 3, flagged: 1, skipped: 1 });
    await owner.call('createBatch', { name: 'b2', size: 2, seed: 4, overlap: { k: 1 }, raters: ['ana'] });
    const page = await ana.call('queue', {});
    expect(page.counts).toMatchObject({ done: 3, flagged: 1, skipped: 1 });
    expect(page.counts.all).toBe(page.counts.done + page.counts.flagged + page.counts.skipped + page.counts.todo);
    expect(page.counts.todo).toBeGreaterThan(0);
    expect(ids(await ana.call('queue', { filter: 'done' })).sort()).toEqual(done);
    expect(ids(await ana.call('queue', { filter: 'flagged' }))).toEqual([f]);
    expect(ids(await ana.call('queue', { filter: 'skipped' }))).toEqual([s]);
    // Their earlier label stays theirs to open and revise.
    const item = await ana.call('getItem', { sampleId: l1 });
    expect(item.state).toBe('done');
    expect(item.label.values).toEqual(none);
    expect((await ana.call('saveLabel', { sampleId: l1, values: hate, timeSpentMs: 1 })).revision).toBe(2);
  });

  it('an owner marks gold in the app; adjudicators see the reference label; the gold pool is counted for a batch; raters and adjudicators may not set gold', async () => {
    const { owner, ana, ben, ada } = await team();
    const [a] = ids(await ana.call('queue', {}));
    await ana.call('saveLabel', { sampleId: a, values: none, timeSpentMs: 1 });
    await ben.call('saveLabel', { sampleId: a, values: hate, timeSpentMs: 1 });
    expect((await ada.call('adjudicationItem', { sampleId: a })).gold).toBeNull();
    expect((await owner.call('batchPool', {})).gold).toBe(0);

    expect((await owner.raw('setGold', { sampleId: a, values: { categories: ['hate'] } })).ok).toBe(false); // not a valid label
    await owner.call('setGold', { sampleId: a, values: hate });
    expect(await ada.raw('setGold', { sampleId: a, values: none })).toMatchObject({ ok: false, error: { message: 'setGold needs the owner role; ada has adjudicator' } });
    expect((await ana.raw('setGold', { sampleId: a, values: none })).ok).toBe(false);

    const seen = await ada.call('adjudicationItem', { sampleId: a });
    expect(seen.gold).toEqual({ values: hate, guideline: { id: 'harm-taxonomy', version: '1.1.0' } });
    expect(seen.labels.map((l: { values: unknown }) => l.values)).toEqual([none, hate]);
    expect((await owner.call('batchPool', {})).gold).toBe(1);
    // The rater's view of a gold item says nothing of it.
    expect(JSON.stringify(await ana.call('getItem', { sampleId: a }))).not.toContain('gold');

    await owner.call('clearGold', { sampleId: a });
    expect((await ada.call('adjudicationItem', { sampleId: a })).gold).toBeNull();
    expect((await owner.call('batchPool', {})).gold).toBe(0);
  });

  it('a batch opens its detail: items with each rater state, raters with their progress', async () => {
    const { owner, ana, ben } = await team();
    const created = await owner.call('createBatch', { name: 'pilot', size: 3, seed: 9, overlap: { k: 2 }, raters: ['ana', 'ben'] });
    const [x, y, z] = ids(await ana.call('queue', {}));
    await ana.call('saveLabel', { sampleId: x, values: none, timeSpentMs: 1 });
    await ana.call('skipItem', { sampleId: y });
    await ana.call('flagItem', { sampleId: z, comment: 'cut off' });
    await ben.call('saveLabel', { sampleId: x, values: none, timeSpentMs: 1 });

    const detail = await owner.call('batchDetail', { batchId: created.batchId });
    expect(detail.batch).toMatchObject({ batchId: created.batchId, name: 'pilot', items: 3, assignments: 6, labeled: 2 });
    expect(detail.raters).toEqual([
      { raterId: 'ana', name: 'ANA', assigned: 3, labeled: 1, skipped: 1, flagged: 1 },
      { raterId: 'ben', name: 'BEN', assigned: 3, labeled: 1, skipped: 0, flagged: 0 },
    ]);
    expect(detail.items.map((i: { sampleId: string }) => i.sampleId).sort()).toEqual([x, y, z].sort());
    const item = (id: string) => detail.items.find((i: { sampleId: string }) => i.sampleId === id);
    expect(item(x).raters).toEqual([{ raterId: 'ana', state: 'done' }, { raterId: 'ben', state: 'done' }]);
    expect(item(y).raters).toEqual([{ raterId: 'ana', state: 'skipped' }, { raterId: 'ben', state: 'todo' }]);
    expect(item(z).raters[0]).toEqual({ raterId: 'ana', state: 'flagged' });
    expect(await owner.raw('batchDetail', { batchId: 'nope' })).toMatchObject({ ok: false, error: { message: 'no batch "nope"' } });
    expect((await ana.raw('batchDetail', { batchId: created.batchId })).ok).toBe(false);
  });

  it('asking for more raters per item than the pool has says why', async () => {
    const { owner } = await team();
    expect(await owner.raw('createBatch', { name: 'too many', size: 2, seed: 1, overlap: { k: 3 }, raters: ['ana', 'ben'] })).toMatchObject({
      ok: false,
      error: { kind: 'input', message: 'overlap 3 needs at least 3 raters; the pool has 2' },
    });
  });
});
