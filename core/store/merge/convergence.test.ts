import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamps, formatHlc, nodeOf } from '../../../shared/clock/hlc';
import type { ConcordEvent, EventPayload, EventType } from '../../../shared/events';
import { agreementReport } from '../../agreement/report';
import { exportLabels } from '../../export/exportLabels';
import { simulateReplicas } from '../../testing/simulatedReplicas';
import { useTempDirs } from '../../testing/tmp';
import type { Workspace } from '../../workspace/workspace';
import { canonicalDump } from '../dump';
import { sampleCount } from '../../workspace/samples';
import { rebuildProjections, receiveEvents, type RemoteEvent } from '../eventLog';
import { migrate } from '../migrate';
import { recomputeLabel } from './labels';
import { openSqlite } from '../sqlite';

// The merge rules' promise: the same set of events gives the same state, byte for byte, whatever
// order they arrive in and however they are split into deliveries (each its own transaction),
// duplicates included. The events come from simulated replicas (core/testing/simulatedReplicas.ts):
// labels, revisions, undos, marks and the answers to flags, gap notes and their resolution (on both owner machines), gold, batches and re-queues, adjudications (some concurrent, some
// of those settled by the owner), send-backs, guideline versions published twice, settings, role changes by an owner on two
// machines, a profile created on both, labels imported with hash-like ids and revised, one rater
// labelling on two machines, and samples imported in one transaction or in parts with their commit.

const tempDir = useTempDirs();

function deliver(deliveries: ConcordEvent[][], dir: string) {
  const db = openSqlite(':memory:');
  migrate(db);
  for (const batch of deliveries) receiveEvents(db, batch.map((event): RemoteEvent => ({ event, payloadJson: JSON.stringify(event.payload) })));
  const ws: Workspace = { dir, db, close: () => db.close() };
  const out = path.join(dir, `export-${Math.random().toString(36).slice(2)}.jsonl`);
  let agreement: string;
  let exported: string;
  try {
    agreement = JSON.stringify(agreementReport(ws, { bootstrap: 20, seed: 3 }));
    exportLabels(ws, { out });
    exported = readFileSync(out, 'utf8');
  } catch (e) {
    agreement = exported = `error: ${(e as Error).message}`;
  }
  const state = { dump: canonicalDump(db), agreement, exported, pending: db.prepare('SELECT count(*) FROM pending_events').pluck().get() };
  db.close();
  return state;
}

/** The events in an order given by `keys`, cut into deliveries where `cuts` says, some sent twice. */
function reorder(events: ConcordEvent[], keys: number[], cuts: number[], repeats: number[]): ConcordEvent[][] {
  const order = events.map((e, i) => ({ e, k: keys[i % keys.length] * 1000 + i })).sort((a, b) => a.k - b.k).map((x) => x.e);
  for (const r of repeats) if (order.length) order.splice(r % order.length, 0, order[(r * 7) % order.length]);
  const out: ConcordEvent[][] = [];
  let at = 0;
  for (const c of cuts) {
    const end = Math.min(order.length, at + 1 + (c % 40));
    out.push(order.slice(at, end));
    at = end;
  }
  if (at < order.length) out.push(order.slice(at));
  return out;
}

describe('merge rules', () => {
  it('give the same projections, agreement and export for any order and partition of the same events', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 60, maxLength: 300 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 })), { minLength: 2, maxLength: 3 }),
        (tape, orders) => {
          const events = simulateReplicas(tape);
          const reference = deliver([events], dir);
          expect(reference.pending).toBe(0);
          expect(reference.exported).not.toMatch(/^error/);
          expect(reference.agreement).not.toMatch(/^error/);
          for (const [keys, cuts, repeats] of orders) {
            const state = deliver(reorder(events, keys, cuts, repeats), dir);
            // Compared as lines, so a failure shows which rows differ.
            expect(state.dump.split('\n')).toEqual(reference.dump.split('\n'));
            expect(state.dump).toBe(reference.dump);
            expect(state.agreement).toBe(reference.agreement);
            expect(state.exported).toBe(reference.exported);
          }
        },
      ),
      // Shrinking a failing history takes many minutes: report the first one found (its seed and
      // path reproduce it; drop endOnFailure to shrink it).
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('labels written on the fast path (a first submission) are what recomputeLabel derives from their facts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 60, maxLength: 300 }), fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (tape, keys) => {
        const events = simulateReplicas(tape);
        const db = openSqlite(':memory:');
        migrate(db);
        for (const batch of reorder(events, keys, [], [])) receiveEvents(db, batch.map((event): RemoteEvent => ({ event, payloadJson: JSON.stringify(event.payload) })));
        const applied = canonicalDump(db);
        for (const id of db.prepare('SELECT id FROM labels').pluck().all() as string[]) recomputeLabel(db, id);
        expect(canonicalDump(db).split('\n')).toEqual(applied.split('\n'));
        db.close();
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('an import in parts shows none of its rows until its commit is here, then each where its clock puts it, whatever the order its events arrive in', () => {
    // Three replicas: an import in parts with its commit (B), and finished imports made before, among
    // and after its parts (A, C), sharing ids with it. After every delivery the visible samples must
    // be what the rule says of the events delivered so far: rows ranked by (import clock, event id,
    // row), each id the earliest import's, hidden while that import is one in parts without its commit.
    const node = (n: number) => `0000000${n}-0000-7000-8000-00000000000${n}`;
    let counter = 0;
    const event = <T extends EventType>(n: number, ms: number, type: T, payload: EventPayload<T>): ConcordEvent<T> => {
      counter++;
      return {
        id: `${((counter * 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`,
        type,
        author: 'boss',
        ts: new Date(ms).toISOString(),
        hlc: formatHlc({ ms, counter: 0, node: nodeOf(node(n)) }),
        origin: node(n),
        payload,
      } as ConcordEvent<T>;
    };
    const imported = (n: number, ms: number, ids: string[], importId?: string) =>
      event(n, ms, 'samples.imported', { source: { file: 'f.jsonl', format: 'jsonl' }, map: {}, ids, rows: ids.map((id) => ({ id, input: 'q', output: `${ms} ${id}` })), ...(importId ? { importId } : {}) });

    const t0 = Date.parse('2026-12-01T00:00:00.000Z');
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('p', 'q', 'r', 's', 't', 'shared', 'taken', 'later'), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat({ max: 3 }), { maxLength: 12 }),
        (partIds, keys, cuts) => {
          const parts = partIds.map((ids, i) => imported(2, t0 + 10 * (i + 1), [...new Set(ids.map((id) => (['p', 'q', 'r', 's', 't'].includes(id) ? `${id}${i}` : id)))], 'big'));
          const events: ConcordEvent[] = [
            imported(1, t0, ['a', 'shared']), // before the import: keeps 'shared'
            ...parts,
            event(2, t0 + 10 * (parts.length + 1), 'samples.import_committed', { importId: 'big', rows: 0 }),
            imported(3, t0 + 15, ['c', 'taken']), // among its parts: 'taken' is its unless the first part has it
            imported(3, t0 + 10 * (parts.length + 2), ['later', 'd']), // after it: 'later' is the import's if a part has it
          ];
          const order = events.map((e, i) => ({ e, k: keys[i] * 100 + i })).sort((x, y) => x.k - y.k).map((x) => x.e);
          const db = openSqlite(':memory:');
          migrate(db);
          const delivered: ConcordEvent[] = [];
          const expected = () => {
            const committed = delivered.some((e) => e.type === 'samples.import_committed');
            const rows = (delivered.filter((e) => e.type === 'samples.imported') as ConcordEvent<'samples.imported'>[])
              .sort(compareStamps)
              .flatMap((e) => e.payload.ids.map((id) => ({ id, hidden: e.payload.importId !== undefined && !committed })));
            const owner = new Map<string, boolean>();
            for (const r of rows) if (!owner.has(r.id)) owner.set(r.id, r.hidden);
            return [...owner].filter(([, hidden]) => !hidden).map(([id]) => id);
          };
          for (let at = 0, c = 0; at < order.length; c++) {
            const batch = order.slice(at, at + 1 + (cuts[c] ?? 0));
            at += batch.length;
            receiveEvents(db, batch.map((e) => ({ event: e, payloadJson: JSON.stringify(e.payload) })));
            delivered.push(...batch);
            expect(db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all()).toEqual(expected());
            expect(sampleCount({ dir: '', db, close: () => {} })).toBe(expected().length);
          }
          const reference = openSqlite(':memory:');
          migrate(reference);
          receiveEvents(reference, [...events].sort(compareStamps).map((e) => ({ event: e, payloadJson: JSON.stringify(e.payload) })));
          expect(canonicalDump(db)).toBe(canonicalDump(reference));
          rebuildProjections(db);
          expect(canonicalDump(db)).toBe(canonicalDump(reference));
          db.close();
          reference.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the simulated histories exercise every rule (so the property above is not vacuous)', () => {
    const seen = new Map<string, number>();
    let sameRaterTwoMachines = 0;
    let concurrentAdjudications = 0;
    let settledConflicts = 0;
    let guidelineConflicts = 0;
    let profilesCreatedTwice = 0;
    let roleChangesOnBothOwnerMachines = 0;
    let gapsResolvedTwice = 0;
    const dir = tempDir();
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 200, maxLength: 300 }), (tape) => {
        const events = simulateReplicas(tape);
        for (const e of events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
        const creations = events.filter((e) => e.type === 'rater.created').map((e) => (e as ConcordEvent<'rater.created'>).payload.raterId);
        profilesCreatedTwice += creations.length - new Set(creations).size;
        if (new Set(events.filter((e) => e.type === 'rater.roles_set').map((e) => e.origin)).size > 1) roleChangesOnBothOwnerMachines++;
        const resolvedGaps = events.filter((e) => e.type === 'guideline.gap_resolved').map((e) => (e as ConcordEvent<'guideline.gap_resolved'>).payload.gapEventId);
        gapsResolvedTwice += resolvedGaps.length - new Set(resolvedGaps).size;
        const db = openSqlite(':memory:');
        migrate(db);
        receiveEvents(db, events.map((event) => ({ event, payloadJson: JSON.stringify(event.payload) })));
        sameRaterTwoMachines += db.prepare('SELECT count(*) FROM (SELECT canonical_id FROM label_aliases GROUP BY canonical_id HAVING count(*) > 1)').pluck().get() as number;
        concurrentAdjudications += db.prepare('SELECT count(*) FROM adjudication_conflicts').pluck().get() as number;
        // Items an owner settled that no later concurrent decision reopened: the settlement is current and the item has no conflict.
        settledConflicts += db
          .prepare(
            `SELECT count(*) FROM adjudications a JOIN events e ON e.id = a.id AND e.type = 'adjudication.settled'
             WHERE a.id = (SELECT b.id FROM adjudications b WHERE b.sample_id = a.sample_id ORDER BY b.hlc DESC, b.id DESC LIMIT 1)
               AND NOT EXISTS (SELECT 1 FROM adjudication_conflicts c WHERE c.sample_id = a.sample_id)`,
          )
          .pluck()
          .get() as number;
        guidelineConflicts += db.prepare(`SELECT count(*) FROM set_aside s JOIN events e ON e.id = s.event_id WHERE e.type = 'guideline.published'`).pluck().get() as number;
        db.close();
        void dir;
      }),
      { numRuns: 30, seed: 1 },
    );
    for (const type of ['samples.import_committed', 'label.submitted', 'label.revised', 'label.undone', 'item.marked', 'item.unmarked', 'flag.resolved', 'gold.set', 'gold.cleared', 'batch.created', 'batch.requeued', 'adjudication.recorded', 'adjudication.settled', 'adjudication.sent_back', 'guideline.published', 'workspace.setting', 'rater.roles_set', 'guideline.gap_flagged', 'guideline.gap_resolved']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect(sameRaterTwoMachines).toBeGreaterThan(0);
    expect(concurrentAdjudications).toBeGreaterThan(0);
    expect(settledConflicts).toBeGreaterThan(0);
    expect(guidelineConflicts).toBeGreaterThan(0);
    expect(profilesCreatedTwice).toBeGreaterThan(0);
    expect(roleChangesOnBothOwnerMachines).toBeGreaterThan(0);
    expect(gapsResolvedTwice).toBeGreaterThan(0);
  });
});
