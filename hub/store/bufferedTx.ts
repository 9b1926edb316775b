import type { Role } from '../../shared/auth/roles';
import type { HubTx, NewEventRow, TxLookups } from './types';

// A push of 2,000 events asks the store the same few things for each (is the sample assigned to
// its rater? whose label is this?) and writes two or three rows for each. One statement per
// question and per row is 10,000 round trips to PostgreSQL for one push. So a store's transaction
// is driven through this layer, the same for both stores:
// - writes of events and labels wait in memory and go out in bulk (insertEvents, insertLabels),
//   numbered from the project's last seq, which the store read under the project's lock;
// - the questions of a whole push are asked at once (preload) and answered from memory, and every
//   write here updates those answers, so a check always sees the events before it in the push;
// - anything else (rare: batches, send-backs, imports) first writes what waits, then goes to the
//   store, so it sees everything before it. Nothing is written outside the store's transaction.

type Pair = { rater: string; sample: string };

/** A store's transaction as this layer drives it: HubTx's own calls, and the bulk ones. */
export interface TxBackend extends Omit<HubTx, 'append' | 'preload'> {
  /** Stores events with the seqs given (consecutive, in order). */
  insertEvents(rows: (NewEventRow & { seq: number })[]): Promise<void>;
  insertLabels(rows: { labelId: string; rater: string; sample: string }[]): Promise<void>;
  /** Of these (rater, sample) pairs, those assigned. */
  assignedAmong(pairs: Pair[]): Promise<Pair[]>;
  /** The rater of each of these labels that is known. */
  labelRaters(ids: string[]): Promise<Map<string, string>>;
}

export interface BufferedTx extends HubTx {
  /** Writes what waits; the project's last seq after it (for the store to keep). */
  finish(): Promise<number>;
}

const pairKey = (rater: string, sample: string) => `${rater}\u0000${sample}`;

export function bufferedTx(backend: TxBackend, lastSeq: number): BufferedTx {
  let seq = lastSeq;
  let events: (NewEventRow & { seq: number })[] = [];
  let labels: { labelId: string; rater: string; sample: string }[] = [];
  // Answers known in this transaction: true/false, a rater or null (no such label), roles or null.
  const assigned = new Map<string, boolean>();
  const labelRater = new Map<string, string | null>();
  const profileRoles = new Map<string, Role[] | null>();
  let workspace: { id: string | null } | undefined;

  async function flush() {
    if (events.length) {
      const rows = events;
      events = [];
      await backend.insertEvents(rows);
    }
    if (labels.length) {
      const rows = labels;
      labels = [];
      await backend.insertLabels(rows);
    }
  }

  // Every call of the store's goes out after what waits; the ones below answer from memory.
  const tx = {} as BufferedTx;
  for (const [name, fn] of Object.entries(backend) as [string, unknown][]) {
    if (typeof fn !== 'function') continue;
    (tx as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await flush();
      return (fn as (...a: unknown[]) => unknown).apply(backend, args);
    };
  }
  Object.defineProperty(tx, 'project', { value: backend.project, enumerable: true });

  return Object.assign(tx, {
    async append(row: NewEventRow) {
      seq += 1;
      events.push({ ...row, seq });
      return seq;
    },
    async addLabel(labelId: string, rater: string, sample: string) {
      labels.push({ labelId, rater, sample });
      // INSERT ... ON CONFLICT DO NOTHING: a label keeps its first rater.
      if (!labelRater.get(labelId)) labelRater.set(labelId, rater);
    },
    async labelRater(labelId: string) {
      if (!labelRater.has(labelId)) await tx.preload({ assignments: [], labels: [labelId] });
      return labelRater.get(labelId) ?? undefined;
    },
    async isAssigned(rater: string, sample: string) {
      const key = pairKey(rater, sample);
      if (!assigned.has(key)) await tx.preload({ assignments: [{ rater, sample }], labels: [] });
      return assigned.get(key)!;
    },
    async addAssignments(batchId: string, rows: Pair[]) {
      await flush();
      await backend.addAssignments(batchId, rows);
      for (const r of rows) assigned.set(pairKey(r.rater, r.sample), true);
    },
    async workspaceId() {
      if (!workspace) workspace = { id: await backend.workspaceId() };
      return workspace.id;
    },
    async setWorkspaceId(id: string) {
      await backend.setWorkspaceId(id);
      workspace = { id };
    },
    async profileRoles(id: string) {
      if (!profileRoles.has(id)) {
        await flush();
        profileRoles.set(id, (await backend.profileRoles(id)) ?? null);
      }
      return profileRoles.get(id) ?? undefined;
    },
    async setProfileRoles(id: string, roles: Role[], onlyIfNew: boolean) {
      await flush();
      await backend.setProfileRoles(id, roles, onlyIfNew);
      profileRoles.delete(id);
    },
    async preload(lookups: TxLookups) {
      const pairs = lookups.assignments.filter((p) => !assigned.has(pairKey(p.rater, p.sample)));
      const ids = [...new Set(lookups.labels.filter((id) => !labelRater.has(id)))];
      if (!pairs.length && !ids.length) return;
      await flush();
      if (pairs.length) {
        for (const p of pairs) assigned.set(pairKey(p.rater, p.sample), false);
        for (const p of await backend.assignedAmong(pairs)) assigned.set(pairKey(p.rater, p.sample), true);
      }
      if (ids.length) {
        const found = await backend.labelRaters(ids);
        for (const id of ids) labelRater.set(id, found.get(id) ?? null);
      }
    },
    async finish() {
      await flush();
      return seq;
    },
  });
}
