import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../../shared/clock/hlc';
import type { ConcordEvent, EventPayload, EventType } from '../../../shared/events';
import { adjudicate, adjudicationHistory, sendBack } from '../../adjudication/adjudicate';
import { findDisagreements } from '../../adjudication/disagreements';
import { collectLabelSets } from '../../agreement/labelSets';
import { createBatch } from '../../batches/createBatch';
import { exportLabels } from '../../export/exportLabels';
import { importLabels } from '../../import/importLabels';
import { importSamples } from '../../import/importSamples';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../../testing/fixtures';
import { eventsOf, replicaOf, ship } from '../../testing/replicas';
import { useTempDirs } from '../../testing/tmp';
import { listGold, setGold } from '../../workspace/gold';
import { publishGuideline } from '../../workspace/guidelines';
import { createRater, getRater, owners, setRoles } from '../../workspace/raters';
import { findLabel, getLabel, labelHistory, reviseLabel, saveLabel, undoLastSubmission } from '../../workspace/labels';
import { getMark, markItem } from '../../workspace/marks';
import { workspaceStatus } from '../../workspace/status';
import { createReplica, type Workspace } from '../../workspace/workspace';
import { canonicalDump } from '../dump';
import { receiveEvents } from '../eventLog';
import { listPending, listSetAside } from './waiting';
import { loadBundledPack } from '../../guidelines/load';

// What each merge rule decides, checked through the real engine on real workspaces: the convergence
// property test shows every order gives the same state; these show it is the right state.

const tempDir = useTempDirs();

// Writes on two replicas that have not seen each other are ordered by their clocks, which come from
// the wall clock: two made within the same millisecond tie on it and fall to the replicas' random
// node ids. This machine's wall clock is therefore held still, and moved on (aSecondLater) between
// such writes, so "later by clock" is what the test says, however fast the machine runs.
beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => void vi.useRealTimers());
const aSecondLater = () => vi.setSystemTime(Date.now() + 1000);
const ref = { id: 'harm-taxonomy', version: '1.1.0' };
const v = (n: number) => harmLabel(n ? ['hate'] : ['none'], n);

/** An event as another machine made it, with the clock and id given (ids chosen against clock order). */
function remote<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  at: { ms: number; id: string; author?: string; counter?: number; wallClockMs?: number },
): { event: ConcordEvent; payloadJson: string } {
  const event = {
    id: at.id,
    type,
    author: at.author ?? 'r1',
    ts: new Date(at.wallClockMs ?? at.ms).toISOString(),
    hlc: formatHlc({ ms: at.ms, counter: at.counter ?? 0, node: 'cccccccccccccccc' }),
    origin: '00000000-0000-7000-8000-cccccccccccc',
    payload,
  } as ConcordEvent;
  return { event, payloadJson: JSON.stringify(payload) };
}
const uuid = (hex: string) => `${hex.repeat(8).slice(0, 8)}-0000-7000-8000-${hex.repeat(12).slice(0, 12)}`;
const later = (n: number) => Date.now() + 60_000 + n * 1000;

describe('labels merge by clock', () => {
  it('revising imported labels (hash-derived ids) ten times keeps the newest revision, and undo takes back the newest', async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 10);
    const file = path.join(dir, 'labels.jsonl');
    writeFileSync(file, Array.from({ length: 10 }, (_, i) => JSON.stringify({ sample: `s${i}`, rater: 'r1', values: v(0) })).join('\n'));
    expect((await importLabels(ws, { file }, TEST_OWNER)).imported).toBe(10);
    for (let i = 0; i < 10; i++) {
      const label = findLabel(ws, `s${i}`, 'r1', ref)!;
      reviseLabel(ws, { labelId: label.id, values: v(1), timeSpentMs: 5 });
      expect(getLabel(ws, label.id)!.values).toEqual(v(1));
      reviseLabel(ws, { labelId: label.id, values: v(2), timeSpentMs: 5 });
      expect(getLabel(ws, label.id)!.values).toEqual(v(2));
    }
    undoLastSubmission(ws, 'r1');
    expect(findLabel(ws, 's9', 'r1', ref)!.values).toEqual(v(1));
    expect(labelHistory(ws, findLabel(ws, 's9', 'r1', ref)!.id).map((h) => h.undone)).toEqual([false, false, true]);
  });

  it('the newest revision by clock is the value whatever the event ids and the arrival order', async () => {
    const ws = await makeWorkspace(tempDir(), 3);
    const submit = remote('label.submitted', { labelId: 'L', sampleId: 's0', raterId: 'r1', guideline: ref, values: v(0), timeSpentMs: 1 }, { ms: later(0), id: uuid('f') });
    const second = remote('label.revised', { labelId: 'L', values: v(1), timeSpentMs: 1, raterId: 'r1' }, { ms: later(1), id: uuid('e') });
    const third = remote('label.revised', { labelId: 'L', values: v(2), timeSpentMs: 1, raterId: 'r1' }, { ms: later(2), id: uuid('1') });
    // Revisions before their submission wait, then apply.
    const report = receiveEvents(ws.db, [third, second]);
    expect(report.pending).toEqual([third.event.id, second.event.id]);
    expect(listPending(ws.db).map((p) => p.reason)).toEqual(['waits for label "L"', 'waits for label "L"']);
    expect(workspaceStatus(ws).pendingEvents).toBe(2);
    receiveEvents(ws.db, [submit]);
    expect(listPending(ws.db)).toEqual([]);
    expect(getLabel(ws, 'L')).toMatchObject({ values: v(2), revision: 3, timeSpentMs: 3, retracted: false });
  });

  it('the same rater labelling one item on two machines gives one label with both submissions in its history', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 3);
    const desk = replicaOf(owner, dir);
    const laptop = replicaOf(owner, dir);
    const a = saveLabel(desk, { sampleId: 's1', raterId: 'r1', values: v(0), timeSpentMs: 10 });
    aSecondLater();
    const b = saveLabel(laptop, { sampleId: 's1', raterId: 'r1', values: v(2), timeSpentMs: 20 });
    expect(a.id).not.toBe(b.id);
    // Each machine gets the other's labels: no UNIQUE violation, nothing set aside.
    for (const [from, to] of [
      [laptop, desk],
      [desk, laptop],
      [desk, owner],
      [laptop, owner],
    ]) {
      const r = ship(from, to);
      expect(r.setAside).toEqual([]);
    }
    for (const ws of [owner, desk, laptop]) {
      const label = findLabel(ws, 's1', 'r1', ref)!;
      expect(label).toMatchObject({ id: a.id, values: v(2), revision: 2, timeSpentMs: 30 });
      expect(labelHistory(ws, label.id).map((h) => h.values)).toEqual([v(0), v(2)]);
      // Either machine's id still names it.
      expect(getLabel(ws, b.id)!.id).toBe(a.id);
    }
    expect(canonicalDump(desk.db)).toBe(canonicalDump(owner.db));
    expect(canonicalDump(laptop.db)).toBe(canonicalDump(owner.db));
    // The laptop revises by the id it knows; the revision reaches the label everywhere.
    reviseLabel(laptop, { labelId: b.id, values: v(1), timeSpentMs: 1 });
    ship(laptop, owner);
    expect(findLabel(owner, 's1', 'r1', ref)!.values).toEqual(v(1));
  });

  it('a send-back retracts the labels made before it by clock, not those made after, in any arrival order', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 3);
    createRater(owner, { id: 'adj', name: 'Adj', roles: ['adjudicator'] }, TEST_OWNER);
    const rater = replicaOf(owner, dir);
    const adjudicator = replicaOf(owner, dir);
    saveLabel(rater, { sampleId: 's0', raterId: 'r1', values: v(0), timeSpentMs: 1 });
    saveLabel(owner, { sampleId: 's0', raterId: 'r2', values: v(1), timeSpentMs: 1 });
    ship(rater, adjudicator);
    ship(owner, adjudicator);
    sendBack(adjudicator, { sampleId: 's0', reason: 'read the rubric again' }, 'adj');
    ship(adjudicator, rater);
    saveLabel(rater, { sampleId: 's0', raterId: 'r1', values: v(2), timeSpentMs: 1 }); // after the send-back
    // The owner gets the rater's new revision before the send-back it followed.
    ship(rater, owner);
    ship(adjudicator, owner);
    for (const ws of [owner, rater]) {
      ship(owner, ws);
      expect(findLabel(ws, 's0', 'r1', ref)).toMatchObject({ values: v(2), retracted: false });
      expect(findLabel(ws, 's0', 'r2', ref)).toMatchObject({ values: v(1), retracted: true });
    }
  });
});

describe('adjudications', () => {
  it('two made concurrently are both kept, the later by clock is current, and the item is conflicting until adjudicated again', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 4);
    for (const id of ['adj', 'adj2']) createRater(owner, { id, name: id, roles: ['adjudicator'] }, TEST_OWNER);
    saveLabel(owner, { sampleId: 's0', raterId: 'r1', values: v(0), timeSpentMs: 1 });
    saveLabel(owner, { sampleId: 's0', raterId: 'r2', values: v(2), timeSpentMs: 1 });
    const one = replicaOf(owner, dir);
    const two = replicaOf(owner, dir);
    adjudicate(one, { sampleId: 's0', values: v(1), reason: 'one' }, 'adj');
    aSecondLater();
    adjudicate(two, { sampleId: 's0', values: v(2), reason: 'two' }, 'adj2');
    ship(two, owner);
    ship(one, owner);
    expect(adjudicationHistory(owner, 's0').map((a) => a.reason)).toEqual(['one', 'two']);
    expect(findDisagreements(owner, { kind: 'any' })[0]).toMatchObject({ sampleId: 's0', adjudicated: true, conflicting: true });
    // Sequential adjudications (each seeing the last) are not conflicts: one that replaces both settles it.
    adjudicate(owner, { sampleId: 's0', values: v(0), reason: 'settled' }, 'adj');
    expect(findDisagreements(owner, { kind: 'any' })[0]).toMatchObject({ conflicting: false });
    adjudicate(owner, { sampleId: 's0', values: v(2), reason: 'again' }, 'adj');
    expect(findDisagreements(owner, { kind: 'any' })[0]).toMatchObject({ conflicting: false });
    const out = path.join(dir, 'x.jsonl');
    exportLabels(owner, { out });
    expect(JSON.parse(readFileSync(out, 'utf8').split('\n')[0]).concord).toMatchObject({ source: 'adjudicated', values: v(2) });
  });
});

describe('the final label', () => {
  it('is the newest adjudication by clock in the export and the agreement alike, whatever the ids', async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 2);
    createRater(ws, { id: 'adj', name: 'Adj', roles: ['adjudicator'] }, TEST_OWNER);
    saveLabel(ws, { sampleId: 's0', raterId: 'r1', values: v(0), timeSpentMs: 1 });
    saveLabel(ws, { sampleId: 's0', raterId: 'r2', values: v(2), timeSpentMs: 1 });
    // The later adjudication by clock has the smaller id (ids from other tools need not follow time).
    const first = remote('adjudication.recorded', { sampleId: 's0', guideline: ref, values: v(1), reason: 'first' }, { ms: later(0), id: uuid('f'), author: 'adj' });
    const second = remote('adjudication.recorded', { sampleId: 's0', guideline: ref, values: v(2), reason: 'second', supersedes: [uuid('f')] }, { ms: later(1), id: uuid('1'), author: 'adj' });
    receiveEvents(ws.db, [second, first]);
    expect(adjudicationHistory(ws, 's0').map((a) => a.reason)).toEqual(['first', 'second']);
    const out = path.join(dir, 'final.jsonl');
    exportLabels(ws, { out });
    expect(JSON.parse(readFileSync(out, 'utf8').split('\n')[0]).concord).toMatchObject({ source: 'adjudicated', values: v(2), adjudication: { reason: 'second' } });
    expect(collectLabelSets(ws).adjudicated.get('s0')).toEqual(v(2));
  });
});

describe('profiles', () => {
  it('created on two machines: the first creation by clock is the profile, and its roles are the latest role change, in any order', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 2);
    const other = replicaOf(owner, dir);
    // Both machines import labels of a rater they do not know yet (each creates the profile); the
    // owner's machine then makes the rater an adjudicator too; the other machine's creation comes later.
    createRater(owner, { id: 'vendor', name: 'Vendor (first)', roles: ['rater'] }, TEST_OWNER);
    aSecondLater();
    setRoles(owner, 'vendor', ['rater', 'adjudicator'], TEST_OWNER);
    aSecondLater();
    createRater(other, { id: 'vendor', name: 'Vendor (again)', roles: ['rater'] }, TEST_OWNER);
    const fresh = replicaOf(other, dir);
    ship(other, owner);
    ship(owner, other);
    receiveEvents(fresh.db, eventsOf(owner).reverse());
    for (const ws of [owner, other, fresh]) {
      expect(getRater(ws, 'vendor')).toEqual({ id: 'vendor', name: 'Vendor (first)', roles: ['rater', 'adjudicator'] });
      expect(canonicalDump(ws.db)).toBe(canonicalDump(owner.db));
    }
  });

  it('the oldest owner is the first created by clock, not by the wall clock of the machine that created it', async () => {
    const ws = await makeWorkspace(tempDir(), 1);
    // Made after the workspace's owner by clock, on a machine whose wall clock said a day earlier.
    const dayBefore = Date.now() - 86_400_000;
    const creation = remote('rater.created', { raterId: 'aaron', name: 'Aaron', roles: ['owner'] }, { ms: later(0), id: uuid('a'), author: TEST_OWNER, wallClockMs: dayBefore });
    receiveEvents(ws.db, [creation]);
    expect(ws.db.prepare(`SELECT created_at FROM raters WHERE id = 'aaron'`).pluck().get()).toBe(new Date(dayBefore).toISOString());
    expect(owners(ws).map((o) => o.id)).toEqual([TEST_OWNER, 'aaron']);
  });
});

describe('registers and orders', () => {
  it('gold, marks: the latest by clock holds, whatever order they arrive in; a skip ends at a later label only', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 3);
    const other = replicaOf(owner, dir);
    setGold(other, { sampleId: 's0', values: v(1) }, TEST_OWNER);
    aSecondLater();
    setGold(owner, { sampleId: 's0', values: v(2) }, TEST_OWNER); // later by clock
    ship(other, owner);
    ship(owner, other);
    for (const ws of [owner, other]) expect(listGold(ws).find((g) => g.sampleId === 's0')!.values).toEqual(v(2));

    const rater = replicaOf(owner, dir);
    saveLabel(rater, { sampleId: 's1', raterId: 'r1', values: v(0), timeSpentMs: 1 });
    markItem(rater, { raterId: 'r1', sampleId: 's1', mark: 'skipped' }); // after the label: stays
    markItem(rater, { raterId: 'r1', sampleId: 's2', mark: 'skipped' });
    saveLabel(rater, { sampleId: 's2', raterId: 'r1', values: v(0), timeSpentMs: 1 }); // after the skip: ends it
    const events = eventsOf(rater).reverse();
    const fresh = replicaOf(owner, dir);
    receiveEvents(fresh.db, events);
    for (const ws of [rater, fresh]) {
      expect(getMark(ws, 'r1', 's1')?.mark).toBe('skipped');
      expect(getMark(ws, 'r1', 's2')).toBeUndefined();
    }
  });

  it('queues follow the batches’ clocks and samples the imports’ clocks, not the order they arrive in', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 12);
    createBatch(owner, { name: 'first', size: 3, seed: 1, overlap: { k: 1 }, raters: ['r1'] }, TEST_OWNER);
    createBatch(owner, { name: 'second', size: 3, seed: 2, overlap: { k: 1 }, raters: ['r1'] }, TEST_OWNER);
    const file = path.join(dir, 'more.jsonl');
    writeFileSync(file, ['x1', 'x2'].map((id) => JSON.stringify({ id, input: 'q', output: 'o' })).join('\n'));
    await importSamples(owner, { file }, TEST_OWNER);
    const inOrder = replicaOf(owner, dir);
    // A replica that gets everything in reverse order (each event waiting for what it needs).
    const fresh = createReplica(path.join(dir, 'reversed'));
    receiveEvents(fresh.db, eventsOf(owner).reverse());
    expect(listPending(fresh.db)).toEqual([]);
    const queue = (ws: Workspace) => ws.db.prepare(`SELECT sample_id, queue_pos FROM assignments WHERE rater_id = 'r1' ORDER BY queue_pos`).all();
    const order = (ws: Workspace) => ws.db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all();
    for (const ws of [inOrder, fresh]) {
      expect(queue(ws)).toEqual(queue(owner));
      expect(order(ws)).toEqual(order(owner));
      expect(canonicalDump(ws.db)).toBe(canonicalDump(owner.db));
    }
    expect(order(owner).slice(-2)).toEqual(['x1', 'x2']);
  });

  it('a guideline version published twice with other content: the first by clock is the version, the other is set aside, in both orders', async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 2);
    const other = replicaOf(owner, dir);
    const pack = loadBundledPack('harm-taxonomy', '1.1.0');
    publishGuideline(owner, { ...pack, id: 'house', version: '1.0.0', title: 'House rules A' }, TEST_OWNER);
    aSecondLater();
    publishGuideline(other, { ...pack, id: 'house', version: '1.0.0', title: 'House rules B' }, TEST_OWNER);
    const firstEvent = owner.db.prepare(`SELECT id FROM events WHERE type = 'guideline.published' ORDER BY seq DESC LIMIT 1`).pluck().get();
    ship(other, owner);
    ship(owner, other);
    for (const ws of [owner, other]) {
      expect(ws.db.prepare(`SELECT title FROM guidelines WHERE id = 'house'`).pluck().get()).toBe('House rules A');
      expect(listSetAside(ws.db)).toEqual([{ event: expect.not.stringMatching(String(firstEvent)), type: 'guideline.published', reason: expect.stringMatching(/house@1\.0\.0 was first published with other content/) }]);
    }
    expect(canonicalDump(other.db)).toBe(canonicalDump(owner.db));
  });

  it('an event that fails to apply is set aside with its reason, and the events around it still apply', async () => {
    const ws = await makeWorkspace(tempDir(), 3);
    const before = remote('gold.set', { sampleId: 's0', guideline: ref, values: v(1) }, { ms: later(0), id: uuid('a'), author: 'tester' });
    const broken = remote(
      'batch.created',
      { batchId: 'B', name: 'twice', guideline: ref, options: {}, items: [{ sampleId: 's1', gold: false, raters: ['r1'] }, { sampleId: 's1', gold: false, raters: ['r2'] }] },
      { ms: later(1), id: uuid('b'), author: 'tester' },
    );
    const after = remote('gold.set', { sampleId: 's2', guideline: ref, values: v(2) }, { ms: later(2), id: uuid('c'), author: 'tester' });
    const report = receiveEvents(ws.db, [before, broken, after]);
    expect(report).toMatchObject({ applied: 2, setAside: [{ event: broken.event.id, reason: expect.stringMatching(/it failed to apply: UNIQUE constraint failed: batch_items/) }] });
    expect(ws.db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(0);
    expect(ws.db.prepare('SELECT sample_id FROM gold_labels ORDER BY sample_id').pluck().all()).toEqual(['s0', 's2']);
    expect(workspaceStatus(ws).setAsideEvents).toBe(1);
  });
});
