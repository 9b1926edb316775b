import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConcordEvent } from '../../../shared/events';
import { agreementReport } from '../../agreement/report';
import { exportLabels } from '../../export/exportLabels';
import { simulateReplicas } from '../../testing/simulatedReplicas';
import { useTempDirs } from '../../testing/tmp';
import type { Workspace } from '../../workspace/workspace';
import { canonicalDump } from '../dump';
import { receiveEvents, type RemoteEvent } from '../eventLog';
import { migrate } from '../migrate';
import { openSqlite } from '../sqlite';

// The merge rules' promise: the same set of events gives the same state, byte for byte, whatever
// order they arrive in and however they are split into deliveries (each its own transaction),
// duplicates included. The events come from simulated replicas (core/testing/simulatedReplicas.ts):
// labels, revisions, undos, marks, gold, batches and re-queues, adjudications (some concurrent),
// send-backs, guideline versions published twice, settings, role changes by an owner on two
// machines, a profile created on both, labels imported with hash-like ids and revised, and one rater
// labelling on two machines.

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

  it('the simulated histories exercise every rule (so the property above is not vacuous)', () => {
    const seen = new Map<string, number>();
    let sameRaterTwoMachines = 0;
    let concurrentAdjudications = 0;
    let guidelineConflicts = 0;
    let profilesCreatedTwice = 0;
    let roleChangesOnBothOwnerMachines = 0;
    const dir = tempDir();
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 200, maxLength: 300 }), (tape) => {
        const events = simulateReplicas(tape);
        for (const e of events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
        const creations = events.filter((e) => e.type === 'rater.created').map((e) => (e as ConcordEvent<'rater.created'>).payload.raterId);
        profilesCreatedTwice += creations.length - new Set(creations).size;
        if (new Set(events.filter((e) => e.type === 'rater.roles_set').map((e) => e.origin)).size > 1) roleChangesOnBothOwnerMachines++;
        const db = openSqlite(':memory:');
        migrate(db);
        receiveEvents(db, events.map((event) => ({ event, payloadJson: JSON.stringify(event.payload) })));
        sameRaterTwoMachines += db.prepare('SELECT count(*) FROM (SELECT canonical_id FROM label_aliases GROUP BY canonical_id HAVING count(*) > 1)').pluck().get() as number;
        concurrentAdjudications += db.prepare('SELECT count(*) FROM adjudication_conflicts').pluck().get() as number;
        guidelineConflicts += db.prepare(`SELECT count(*) FROM set_aside s JOIN events e ON e.id = s.event_id WHERE e.type = 'guideline.published'`).pluck().get() as number;
        db.close();
        void dir;
      }),
      { numRuns: 30, seed: 1 },
    );
    for (const type of ['label.submitted', 'label.revised', 'label.undone', 'item.marked', 'item.unmarked', 'gold.set', 'gold.cleared', 'batch.created', 'batch.requeued', 'adjudication.recorded', 'adjudication.sent_back', 'guideline.published', 'workspace.setting', 'rater.roles_set', 'guideline.gap_flagged']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect(sameRaterTwoMachines).toBeGreaterThan(0);
    expect(concurrentAdjudications).toBeGreaterThan(0);
    expect(guidelineConflicts).toBeGreaterThan(0);
    expect(profilesCreatedTwice).toBeGreaterThan(0);
    expect(roleChangesOnBothOwnerMachines).toBeGreaterThan(0);
  });
});
