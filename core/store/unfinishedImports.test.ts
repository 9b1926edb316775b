import { readdirSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSamples } from '../import/importSamples';
import { useTempDirs } from '../testing/tmp';
import { getSample, sampleCount } from '../workspace/samples';
import { createTestWorkspace, TEST_OWNER } from '../testing/fixtures';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import { eventsOf, replicaOf, ship } from '../testing/replicas';
import { canonicalDump } from './dump';
import { appendEvents, newEvent, readEvents, rebuildProjections, receiveEvents } from './eventLog';
import { listPending } from './merge/waiting';
import { migrate } from './migrate';
import { openSqlite } from './sqlite';
import { prepared } from './prepared';
import { discardImport, holdImportLease, isShareable, listUnfinishedImports, recoverUnfinishedImports, UNSHAREABLE_EVENTS_SQL } from './unfinishedImports';

const tempDir = useTempDirs();

function workspace(): Workspace {
  return createTestWorkspace(path.join(tempDir(), 'ws'));
}

/** One `samples.imported` event of `importId` (or of no import: a one-transaction import). */
function chunk(ids: string[], importId?: string) {
  return newEvent('samples.imported', 'tester', {
    source: { file: 'big.jsonl', format: 'jsonl' },
    map: {},
    ids,
    rows: ids.map((id) => ({ id, input: 'q', output: `out ${id}` })),
    ...(importId ? { importId } : {}),
  });
}
const committed = (importId: string, rows: number) => newEvent('samples.import_committed', 'tester', { importId, rows });

const visibleIds = (ws: Workspace) => ws.db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all();
const shareableTypes = (ws: Workspace) => Array.from(readEvents(ws.db)).filter((e) => isShareable(ws.db, e)).map((e) => e.type);
const unshareableBySql = (ws: Workspace) => ws.db.prepare(`SELECT count(*) FROM events WHERE seq IN (${UNSHAREABLE_EVENTS_SQL})`).pluck().get();

describe('an import in several transactions', () => {
  it('shows none of its rows until its commit lands, and then all of them at once', () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['a', 'b'])]); // an earlier, finished import
    appendEvents(ws.db, [chunk(['c', 'd'], 'imp-1')]);
    appendEvents(ws.db, [chunk(['e'], 'imp-1')]);
    expect(visibleIds(ws)).toEqual(['a', 'b']);
    expect(sampleCount(ws)).toBe(2);
    expect(getSample(ws, 'c')).toBeUndefined();
    expect(listUnfinishedImports(ws.db)).toEqual([{ id: 'imp-1', file: 'big.jsonl', events: 2, rows: 3, local: true }]);

    appendEvents(ws.db, [committed('imp-1', 3)]);
    expect(visibleIds(ws)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(getSample(ws, 'e')?.output).toBe('out e');
    expect(listUnfinishedImports(ws.db)).toEqual([]);
  });

  it('keeps its events on this machine until it finishes: isShareable and the SQL rule agree', () => {
    const ws = workspace();
    const setup = shareableTypes(ws); // the workspace's creation and its owner
    appendEvents(ws.db, [chunk(['a'])]);
    appendEvents(ws.db, [chunk(['b'], 'imp-1'), chunk(['c'], 'imp-1')]);
    expect(shareableTypes(ws)).toEqual([...setup, 'samples.imported']);
    expect(unshareableBySql(ws)).toBe(2);
    appendEvents(ws.db, [committed('imp-1', 2)]);
    expect(shareableTypes(ws)).toEqual([...setup, 'samples.imported', 'samples.imported', 'samples.imported', 'samples.import_committed']);
    expect(unshareableBySql(ws)).toBe(0);
  });

  it('reads the same whatever order its events arrive in, and after a rebuild from the log', () => {
    const ws = workspace();
    appendEvents(ws.db, [committed('imp-1', 2)]);
    appendEvents(ws.db, [chunk(['x'], 'imp-1')]);
    appendEvents(ws.db, [chunk(['y'], 'imp-2')]);
    expect(visibleIds(ws)).toEqual(['x']);
    rebuildProjections(ws.db);
    expect(visibleIds(ws)).toEqual(['x']);
    expect(listUnfinishedImports(ws.db).map((i) => i.id)).toEqual(['imp-2']);
  });

  it('is discarded whole: its events and rows go, rows written around it stay', () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['a'])]);
    for (let i = 0; i < 45; i++) appendEvents(ws.db, [chunk([`u${i}`], 'dead')]); // more events than one discard transaction takes
    appendEvents(ws.db, [chunk(['b'], 'alive'), committed('alive', 1)]); // finished while the other was still going
    expect(visibleIds(ws)).toEqual(['a', 'b']);
    expect(discardImport(ws.db, 'dead')).toBe(45);
    expect(visibleIds(ws)).toEqual(['a', 'b']);
    expect(ws.db.prepare('SELECT count(*) FROM sample_rows').pluck().get()).toBe(2);
    expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type = 'samples.imported'`).pluck().get()).toBe(2);
    expect(listUnfinishedImports(ws.db)).toEqual([]);
    expect(ws.db.prepare('SELECT id FROM imports').pluck().all()).toEqual(['alive']);
  });
});

describe('discarding an import on a workspace that also receives events', () => {
  it('leaves the samples as if it had never run: an id it held goes to the later import that has it too, and what waited for it applies', () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['a'])]);
    appendEvents(ws.db, [chunk(['x', 'y'], 'dead')]);
    appendEvents(ws.db, [chunk(['x', 'z'])]); // finished after it began: the dead import's x is the earlier, and hidden
    appendEvents(ws.db, [
      newEvent('rater.created', 'tester', { raterId: 'r1', name: 'R1', roles: ['rater'] }),
      newEvent('guideline.published', 'tester', { pack: { id: 'g', version: '1.0.0', title: 'G' }, fingerprint: 'f' }),
      newEvent('label.submitted', 'tester', { labelId: 'L1', sampleId: 'x', raterId: 'r1', guideline: { id: 'g', version: '1.0.0' }, values: {}, timeSpentMs: 1 }),
    ]);
    expect(visibleIds(ws)).toEqual(['a', 'z']);
    expect(listPending(ws.db)).toEqual([expect.objectContaining({ reason: 'waits for sample "x"' })]);

    expect(discardImport(ws.db, 'dead')).toBe(2);
    expect(visibleIds(ws)).toEqual(['a', 'x', 'z']);
    expect(sampleCount(ws)).toBe(3);
    expect(ws.db.prepare('SELECT ordinal FROM sample_rows ORDER BY ordinal').pluck().all()).toEqual([1, 2, 3]);
    expect(listPending(ws.db)).toEqual([]);
    expect(ws.db.prepare('SELECT sample_id FROM labels').pluck().all()).toEqual(['x']);
    // The same state as a copy that only ever had the events that remain.
    const copy = openSqlite(':memory:');
    migrate(copy);
    receiveEvents(copy, eventsOf(ws));
    expect(canonicalDump(ws.db)).toBe(canonicalDump(copy));
    copy.close();
  });

  it("leaves alone an unfinished import received from another replica: it is not this machine's to end, and shows when its commit comes", () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['p1', 'p2'], 'theirs')]);
    const replica = replicaOf(ws, tempDir()); // as a bundle import cut short would leave it: the parts, not the commit
    const dir = replica.dir;
    replica.close();
    const notes: string[] = [];
    const again = openWorkspace(dir, (m) => notes.push(m));
    expect(notes).toEqual([]);
    expect(listUnfinishedImports(again.db)).toEqual([{ id: 'theirs', file: 'big.jsonl', events: 1, rows: 2, local: false }]);
    expect(isShareable(again.db, { seq: again.db.prepare(`SELECT max(seq) FROM events`).pluck().get() as number, type: 'samples.imported' })).toBe(false);
    appendEvents(ws.db, [committed('theirs', 2)]);
    ship(ws, again);
    expect(visibleIds(again)).toEqual(['p1', 'p2']);
    again.close();
  });
});

describe('opening a workspace after a crash', () => {
  it('discards an import whose process is gone and says so; leaves one still running alone', () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['d1', 'd2'], 'dead')]);
    const lease = holdImportLease(ws.db, 'running');
    appendEvents(ws.db, [chunk(['r1'], 'running')]);
    const notes = recoverUnfinishedImports(ws.db);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/discarded an unfinished import of big\.jsonl \(2 row\(s\) written/);
    expect(listUnfinishedImports(ws.db).map((i) => i.id)).toEqual(['running']);
    lease.release();
    const reopened: string[] = [];
    ws.close();
    const again = openWorkspace(ws.dir, (m) => reopened.push(m));
    expect(reopened).toEqual([expect.stringMatching(/discarded an unfinished import of big\.jsonl \(1 row\(s\)/)]);
    expect(again.db.prepare('SELECT count(*) FROM sample_rows').pluck().get()).toBe(0);
    expect(readdirSync(ws.dir).filter((f) => f.includes('import'))).toEqual([]);
    again.close();
  });
});

describe('importSamples', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, input: `question ${i}`, output: 'x'.repeat(200) })).join('\n') + '\n';

  it('keeps nothing of a file that changes while it is written, even after several commits', async () => {
    const ws = workspace();
    const file = path.join(tempDir(), 'in.jsonl');
    writeFileSync(file, rows(30_000));
    let commits = 0;
    const run = importSamples(ws, {
      file,
      batchSize: 1000,
      onProgress: (p) => {
        if (p.phase === 'import' && ++commits === 2) truncateSync(file, Math.floor(statSync(file).size * 0.6));
      },
    }, TEST_OWNER);
    await expect(run).rejects.toThrow(/changed while it was being imported; nothing of it was imported/);
    expect(commits).toBeGreaterThanOrEqual(2);
    expect(ws.db.prepare('SELECT count(*) FROM sample_rows').pluck().get()).toBe(0);
    expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type LIKE 'samples.%'`).pluck().get()).toBe(0);
    expect(readdirSync(ws.dir).filter((f) => f.includes('import'))).toEqual([]);
  });

  it('in one transaction needs no import id, lease or commit event', async () => {
    const ws = workspace();
    const file = path.join(tempDir(), 'in.jsonl');
    writeFileSync(file, rows(3));
    expect((await importSamples(ws, { file }, TEST_OWNER)).imported).toBe(3);
    expect(ws.db.prepare(`SELECT type, json_extract(payload, '$.importId') AS importId FROM events WHERE type LIKE 'samples.%'`).all()).toEqual([
      { type: 'samples.imported', importId: null },
    ]);
  });

  it('counts an id held by another import still running as a conflict, not as imported', async () => {
    const ws = workspace();
    appendEvents(ws.db, [chunk(['s1'], 'elsewhere')]);
    const lease = holdImportLease(ws.db, 'elsewhere');
    const file = path.join(tempDir(), 'in.jsonl');
    writeFileSync(file, rows(3));
    const report = await importSamples(ws, { file }, TEST_OWNER);
    expect(report.imported).toBe(2);
    expect(report.conflicts).toEqual([{ line: 2, id: 's1' }]);
    expect(prepared(ws.db, 'SELECT count(*) FROM samples').pluck().get()).toBe(2);
    lease.release();
  });
});
