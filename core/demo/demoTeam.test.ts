import path from 'node:path';
import { expect, it } from 'vitest';
import { caller } from '../testing/api';
import { useTempDirs } from '../testing/tmp';
import { openWorkspace } from '../workspace/workspace';
import { DEMO_OWNER, ensureDemoWorkspace } from './demoWorkspace';

const tempDir = useTempDirs();

it('the demo opens with a team at work: people, a batch part-way through, disagreements, agreement, a flag, skips and a send-back', async () => {
  const dir = path.join(tempDir(), 'demo');
  expect(await ensureDemoWorkspace(dir, { team: true })).toBe(true);
  const ws = openWorkspace(dir);
  try {
    const owner = caller(ws, DEMO_OWNER);
    const people = await owner.call('listProfiles');
    expect(people.map((p: { id: string; roles: string[] }) => [p.id, p.roles])).toEqual([
      ['ada', ['adjudicator']],
      ['ana', ['rater']],
      ['ben', ['rater']],
      ['cho', ['rater']],
      [DEMO_OWNER, ['owner', 'adjudicator']],
    ]);
    const [batch] = await owner.call('listBatches');
    expect(batch).toMatchObject({ items: 60, assignments: 180 });
    expect(batch.labeled).toBeGreaterThan(90);
    expect(batch.labeled).toBeLessThan(180);
    expect((await owner.call('batchPool', {})).gold).toBeGreaterThan(0);

    const agreement = await owner.call('agreement', { bootstrap: 0 });
    expect(agreement.report.counts.pairableItems).toBeGreaterThan(20);
    expect(agreement.report.fields.find((f: { key: string }) => f.key === 'severity').summary.krippendorffAlpha.value).toBeGreaterThan(0.5);
    const ada = caller(ws, 'ada');
    expect((await ada.call('disagreements', { rule: { kind: 'any' } })).filter((d: { adjudicated: boolean }) => !d.adjudicated).length).toBeGreaterThan(3);

    const flags = await ada.call('flags', {});
    expect(flags.flags.map((f: { raterId: string; comment: string }) => [f.raterId, f.comment.split(' ')[0]])).toEqual(expect.arrayContaining([['cho', 'The'], ['ana', 'The']]));
    expect(flags.flags).toHaveLength(2);
    // Ana's first tries in the open pool stay hers after the batch: the last samples, outside it or not.
    const ana = caller(ws, 'ana');
    const last = ws.db.prepare('SELECT id FROM samples ORDER BY ordinal DESC LIMIT 5').pluck().all().reverse() as string[];
    const done = (await ana.call('queue', { filter: 'done', limit: 500 })).items.map((i: { sampleId: string }) => i.sampleId);
    expect(done).toEqual(expect.arrayContaining(last.slice(0, 3)));
    expect((await ana.call('queue', { filter: 'flagged' })).items.map((i: { sampleId: string }) => i.sampleId)).toContain(last[3]);
    expect((await ana.call('queue', { filter: 'skipped' })).items.map((i: { sampleId: string }) => i.sampleId)).toContain(last[4]);
    const inBatch = new Set(ws.db.prepare(`SELECT sample_id FROM assignments WHERE rater_id = 'ana'`).pluck().all() as string[]);
    expect(last.filter((id) => !inBatch.has(id)).length).toBeGreaterThan(0); // the case that vanished before
    expect(flags.raters.find((r: { raterId: string }) => r.raterId === 'ben').skipped).toBe(2);

    // Someone has an item sent back, with the note, in their queue.
    const sentBack = [];
    for (const r of ['ana', 'ben', 'cho']) sentBack.push(...(await caller(ws, r).call('queue', { limit: 500 })).items.filter((i: { sentBack: string | null }) => i.sentBack));
    expect(sentBack.length).toBeGreaterThan(1);
    expect(sentBack[0].sentBack).toContain('Severity');
    // Each rater has work left.
    for (const r of ['ana', 'ben', 'cho']) expect((await caller(ws, r).call('queue', {})).counts.todo).toBeGreaterThan(0);
  } finally {
    ws.close();
  }
  expect(await ensureDemoWorkspace(dir, { team: true })).toBe(false);
});
