import { compareStamps, formatHlc, nodeOf, parseHlc, receive, tick, type Hlc } from '../../shared/clock/hlc';
import type { ConcordEvent, EventPayload, EventType } from '../../shared/events';
import { packFingerprint } from '../../shared/guidelines/fingerprint';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { loadBundledPack } from '../guidelines/load';
import { harmLabel } from './fixtures';

// Several replicas of one workspace (an owner's machine, raters' laptops, one rater on two machines,
// an adjudicator's), each making valid events from what it knows and syncing with the others now and
// then, driven by a tape of random numbers (fast-check shrinks the tape). Each replica has its own
// wall clock, some of them hours off; events carry real hybrid clocks. What comes out is a set of
// events that some order of delivery produced, for the convergence tests to deliver in other orders.

export interface Replica {
  name: string;
  origin: string;
  author: string;
  /** The rater whose labels this machine makes, if any. */
  rater?: string;
  clock?: Hlc;
  skewMs: number;
  known: Map<string, ConcordEvent>;
}

const ref = { id: 'harm-taxonomy', version: '1.1.0' };
const samples = ['s0', 's1', 's2', 's3', 's4', 's5'];
const values = [harmLabel(['none'], 0), harmLabel(['hate'], 1), harmLabel(['hate'], 2), harmLabel(['harassment', 'hate'], 2), harmLabel(['violence_weapons'], 1)];

export function simulateReplicas(tape: number[]): ConcordEvent[] {
  let t = Date.parse('2026-11-24T09:00:00.000Z');
  let pos = 0;
  const pick = (n: number) => (tape.length ? tape[pos++ % tape.length] % n : 0);
  let counter = 0;
  // Ids out of time order (as hash-derived ones are): the clock, not the id, must order events.
  const newId = () => {
    counter++;
    const scrambled = ((counter * 2654435761) >>> 0).toString(16).padStart(8, '0');
    return `${scrambled}-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
  };
  const replica = (name: string, n: number, author: string, skewMs: number, rater?: string): Replica => ({
    name,
    origin: `0000000${n}-0000-7000-8000-00000000000${n}`,
    author,
    rater,
    skewMs,
    known: new Map(),
  });
  const owner = replica('owner', 1, 'boss', 0);
  const owner2 = replica('owner-laptop', 6, 'boss', -20 * 60_000); // the owner on a second machine, twenty minutes behind
  const r1 = replica('r1', 2, 'r1', 3 * 3600_000, 'r1'); // three hours ahead
  const r2 = replica('r2', 3, 'r2', -90 * 60_000, 'r2'); // an hour and a half behind
  const r2b = replica('r2-laptop', 4, 'r2', 40_000, 'r2'); // the same rater on a second machine
  const adj = replica('adj', 5, 'adj', -5000);
  const all = [owner, r1, r2, r2b, adj, owner2];
  const everything: ConcordEvent[] = [];

  function make<T extends EventType>(r: Replica, type: T, payload: EventPayload<T>): ConcordEvent<T> {
    t += 1 + pick(2000);
    r.clock = tick(r.clock, t + r.skewMs, nodeOf(r.origin));
    const e = { id: newId(), type, author: r.author, ts: new Date(t + r.skewMs).toISOString(), hlc: formatHlc(r.clock), origin: r.origin, payload } as ConcordEvent<T>;
    r.known.set(e.id, e);
    everything.push(e);
    return e;
  }
  function sync(a: Replica, b: Replica) {
    t += pick(500);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      for (const e of from.known.values()) {
        if (to.known.has(e.id)) continue;
        to.known.set(e.id, e);
        to.clock = receive(to.clock, parseHlc(e.hlc)!, t + to.skewMs, nodeOf(to.origin));
      }
    }
  }
  const ofType = <T extends EventType>(r: Replica, type: T) => [...r.known.values()].filter((e): e is ConcordEvent<T> => e.type === type);
  const byClock = <T extends ConcordEvent>(xs: T[]) => [...xs].sort(compareStamps);

  // The owner sets the workspace up; everyone starts from a copy of it.
  const pack = loadBundledPack('harm-taxonomy', '1.1.0');
  const oldPack = loadBundledPack('harm-taxonomy', '1.0.0');
  // As createWorkspace does: the workspace, then its owner's profile, both by the owner.
  make(owner, 'workspace.created', { workspaceId: '01900000-0000-7000-8000-00000000beef', name: 'sim' });
  make(owner, 'rater.created', { raterId: 'boss', name: 'BOSS', roles: ['owner', 'adjudicator'] });
  for (const p of [oldPack, pack]) make(owner, 'guideline.published', { pack: p as never, fingerprint: packFingerprint(p) });
  make(owner, 'guideline.activated', ref);
  make(owner, 'samples.imported', {
    source: { file: 'a.jsonl', format: 'jsonl' },
    map: {},
    ids: samples.slice(0, 4),
    rows: samples.slice(0, 4).map((id) => ({ id, input: `q ${id}`, output: `a ${id}`, n: 2 })),
  });
  for (const [id, roles] of [
    ['r1', ['rater']],
    ['r2', ['rater']],
    ['adj', ['adjudicator']],
  ] as const) {
    make(owner, 'rater.created', { raterId: id, name: id.toUpperCase(), roles: [...roles] });
  }
  for (const r of all.slice(1)) sync(owner, r);

  const labelKey = (e: ConcordEvent<'label.submitted'>) => `${e.payload.sampleId}\0${e.payload.raterId}`;
  /** The label id this replica would revise for (sample, rater): the first submission it knows. */
  const knownLabel = (r: Replica, sampleId: string, raterId: string) =>
    byClock(ofType(r, 'label.submitted').filter((e) => labelKey(e) === `${sampleId}\0${raterId}`))[0]?.payload.labelId;

  /** The adjudications of a sample this replica knows that none it knows replaced. */
  const adjudicationHeads = (r: Replica, sampleId: string) => {
    const all = [...ofType(r, 'adjudication.recorded'), ...ofType(r, 'adjudication.settled')].filter((e) => e.payload.sampleId === sampleId);
    const replaced = new Set(all.flatMap((e) => e.payload.supersedes ?? []));
    return byClock(all).filter((e) => !replaced.has(e.id));
  };

  /**
   * The owner settles conflicts it can see (adjudications that replace neither each other): with one
   * of the decisions, or a new one. Sometimes it waits, and the conflict stays.
   */
  const settleSome = () => {
    for (const s of samples) {
      const heads = adjudicationHeads(owner, s);
      if (heads.length < 2 || pick(3) === 0) continue;
      const chosen = pick(2) ? heads[pick(heads.length)] : undefined;
      make(owner, 'adjudication.settled', {
        sampleId: s,
        guideline: ref,
        values: chosen ? chosen.payload.values : values[pick(values.length)],
        reason: 'settled',
        supersedes: heads.map((e) => e.id),
        ...(chosen ? { chosen: chosen.id } : {}),
      });
    }
  };

  const knows = (r: Replica, profile: string) => ofType(r, 'rater.created').some((e) => e.payload.raterId === profile);

  /** The samples the replica shows: those of its imports, but not of an import in parts whose commit it lacks. */
  const visibleSamples = (r: Replica) => {
    const committed = new Set(ofType(r, 'samples.import_committed').map((e) => e.payload.importId));
    return new Set(ofType(r, 'samples.imported').filter((e) => e.payload.importId === undefined || committed.has(e.payload.importId)).flatMap((e) => e.payload.ids));
  };
  /** Whether the replica holds the sample (an event about one it does not would wait: not what this tests). */
  const holds = (r: Replica, sampleId: string) => visibleSamples(r).has(sampleId);

  const steps = 25 + pick(35);
  for (let step = 0; step < steps; step++) {
    const action = pick(16);
    const sampleId = samples[pick(samples.length)];
    const raterMachine = [r1, r2, r2b][pick(3)];
    if (action <= 3) {
      // A rater labels: a first submission, or a revision of the label they know.
      const r = raterMachine;
      const mine = knownLabel(r, sampleId, r.rater!);
      const v = values[pick(values.length)];
      if (!holds(r, sampleId)) continue;
      if (mine) make(r, 'label.revised', { labelId: mine, values: v, timeSpentMs: 100 + pick(900), raterId: r.rater });
      else make(r, 'label.submitted', { labelId: newId(), sampleId, raterId: r.rater!, guideline: ref, values: v, timeSpentMs: 100 + pick(900) });
    } else if (action === 4) {
      // The undo of the rater's newest standing revision, as this machine sees it.
      const r = raterMachine;
      const undone = new Set(ofType(r, 'label.undone').map((e) => e.payload.revisionEventId));
      const labels = new Map(ofType(r, 'label.submitted').filter((e) => e.payload.raterId === r.rater).map((e) => [e.payload.labelId, e]));
      const revisions = byClock([
        ...ofType(r, 'label.submitted').filter((e) => e.payload.raterId === r.rater),
        ...ofType(r, 'label.revised').filter((e) => labels.has(e.payload.labelId)),
      ]).filter((e) => !undone.has(e.id));
      const last = revisions.at(-1);
      if (last) make(r, 'label.undone', { labelId: last.payload.labelId, revisionEventId: last.id, raterId: r.rater });
    } else if (action === 5) {
      const r = raterMachine;
      const kind = pick(3);
      if (!holds(r, sampleId)) continue;
      if (kind === 2) make(r, 'item.unmarked', { raterId: r.rater!, sampleId });
      else {
        const mark = make(r, 'item.marked', { raterId: r.rater!, sampleId, mark: kind ? 'flagged' : 'skipped', ...(kind ? { comment: 'unclear' } : {}) });
        // The flag reaches the adjudicator, who answers it at once (the owner may answer it too, later).
        if (kind && pick(2)) {
          sync(r, adj);
          make(adj, 'flag.resolved', { raterId: r.rater!, sampleId, flagEventId: mark.id, note: `answered ${step}` });
        }
      }
    } else if (action === 6) {
      if (!holds(owner, sampleId)) continue;
      if (pick(3) === 0) make(owner, 'gold.cleared', { sampleId });
      else make(owner, 'gold.set', { sampleId, guideline: ref, values: values[pick(values.length)] });
    } else if (action === 7) {
      const items = samples.filter(() => pick(2) === 0).slice(0, 3);
      const imported = visibleSamples(owner);
      const chosen = items.filter((s) => imported.has(s));
      if (chosen.length) make(owner, 'batch.created', { batchId: newId(), name: `b${step}`, guideline: ref, options: { seed: step }, items: chosen.map((s) => ({ sampleId: s, gold: false, raters: ['r1', 'r2'] })) });
    } else if (action === 8) {
      const batch = ofType(owner, 'batch.created')[pick(8)];
      if (batch) make(owner, 'batch.requeued', { batchId: batch.payload.batchId, guideline: pick(2) ? ref : { id: 'harm-taxonomy', version: '1.0.0' } });
    } else if (action === 9) {
      // Adjudication, by the adjudicator or by the owner (who is one too), replacing what it sees as current.
      const r = pick(2) ? adj : owner;
      if (!holds(r, sampleId)) continue;
      make(r, 'adjudication.recorded', { sampleId, guideline: ref, values: values[pick(values.length)], reason: 'decided', supersedes: adjudicationHeads(r, sampleId).map((e) => e.id) });
    } else if (action === 10) {
      make(adj, 'adjudication.sent_back', { sampleId, guideline: ref, reason: 'look again' });
    } else if (action === 11) {
      // The same guideline version published on two machines, sometimes with other content.
      const r = pick(2) ? owner : adj;
      const custom = { ...(pack as GuidelinePack), id: 'custom', version: '1.0.0', title: `Custom ${pick(2)}` };
      make(r, 'guideline.published', { pack: custom as never, fingerprint: packFingerprint(custom) });
    } else if (action === 12) {
      make([owner, adj][pick(2)], 'workspace.setting', { key: 'agreementThreshold', value: [0.6, 0.7, 0.8][pick(3)] });
    } else if (action === 13) {
      // An owner, on either of their machines, grants or takes away roles (concurrently, at times).
      const o = pick(2) ? owner : owner2;
      const who = ['r2', 'adj', 'vendor'][pick(3)];
      const roles: ('rater' | 'adjudicator' | 'owner')[][] = who === 'adj' ? [['adjudicator'], ['adjudicator', 'owner']] : [['rater'], ['rater', 'adjudicator']];
      if (knows(o, who)) make(o, 'rater.roles_set', { raterId: who, roles: roles[pick(2)] });
    } else if (action === 14) {
      // A label imported for r1 from another tool (the owner writes it; its id is hash-like), more
      // samples, or a vendor's labels imported on either owner machine, each creating the vendor's
      // profile if that machine does not know it yet (so it can be created twice).
      const kind = pick(3);
      if (kind === 2) {
        const o = pick(2) ? owner : owner2;
        if (!knows(o, 'vendor')) make(o, 'rater.created', { raterId: 'vendor', name: `Vendor via ${o.name}`, roles: ['rater'] });
        if (holds(o, sampleId) && !knownLabel(o, sampleId, 'vendor')) {
          make(o, 'label.submitted', { labelId: `e${newId().slice(1)}`, sampleId, raterId: 'vendor', guideline: ref, values: values[pick(values.length)], timeSpentMs: 0 });
        }
      } else if (kind === 1) {
        const imported = visibleSamples(owner);
        if (imported.has(sampleId) && !knownLabel(owner, sampleId, 'r1')) {
          make(owner, 'label.submitted', { labelId: `f${newId().slice(1)}`, sampleId, raterId: 'r1', guideline: ref, values: values[pick(values.length)], timeSpentMs: 0 });
        }
      } else if (!ofType(owner, 'samples.imported').some((e) => e.payload.ids.includes('s4'))) {
        // More samples (s1 again: its first import keeps it), in one transaction or, as a large
        // file is, in parts under an import id ending with its commit. The owner's import runs to
        // its end before the machine syncs (a bundle withholds an unfinished import's events); the
        // tests deliver the parts and the commit in any order.
        const rows = (ids: string[]) => ids.map((id) => ({ id, input: `q2 ${id}`, output: `b ${id}` }));
        const source = { file: 'b.jsonl', format: 'jsonl' as const };
        if (pick(2)) {
          make(owner, 'samples.imported', { source, map: {}, ids: ['s4', 's5', 's1'], rows: rows(['s4', 's5', 's1']) });
        } else {
          const importId = `import-${step}`;
          for (const ids of [['s4'], ['s5', 's1']]) make(owner, 'samples.imported', { source, map: {}, ids, rows: rows(ids), importId });
          make(owner, 'samples.import_committed', { importId, rows: 3 });
        }
      }
    } else {
      const a = all[pick(all.length)];
      const b = all[pick(all.length)];
      if (a !== b) sync(a, b);
      if (a === owner || b === owner) settleSome();
    }
    if (pick(8) === 0) make(adj, 'guideline.gap_flagged', { guideline: ref, sampleId, note: `gap ${step}` });
    if (pick(8) === 0) {
      // An owner, on either machine, settles a gap it has seen (sometimes one settled on the other machine already).
      const o = pick(2) ? owner : owner2;
      const gaps = ofType(o, 'guideline.gap_flagged');
      // Often the first gap: then both machines may have settled it, each without the other's.
      const gap = gaps[pick(2) ? 0 : pick(Math.max(1, gaps.length))];
      if (gap) make(o, 'guideline.gap_resolved', { gapEventId: gap.id, note: `settled ${step}`, ...(pick(2) ? { addressedIn: ref.version } : {}) });
    }
    if (pick(5) === 0) {
      // The adjudicator or the owner answers a flag it has seen (sometimes one already answered elsewhere).
      const r = pick(2) ? adj : owner;
      const flags = ofType(r, 'item.marked').filter((e) => e.payload.mark === 'flagged');
      const flag = flags[pick(Math.max(1, flags.length))];
      if (flag) make(r, 'flag.resolved', { raterId: flag.payload.raterId, sampleId: flag.payload.sampleId, flagEventId: flag.id, note: `answered ${step}` });
    }
  }
  // Often, at the end, the adjudicator and the owner decide one item each on their own machine, then
  // meet: the owner settles what conflicts (or leaves it), and the adjudicator may decide once more.
  if (pick(3) > 0) {
    const s = samples[pick(samples.length)];
    for (const r of [adj, owner]) {
      if (holds(r, s)) make(r, 'adjudication.recorded', { sampleId: s, guideline: ref, values: values[pick(values.length)], reason: 'offline', supersedes: adjudicationHeads(r, s).map((e) => e.id) });
    }
    sync(owner, adj);
    settleSome();
    if (pick(3) === 0 && holds(adj, s)) make(adj, 'adjudication.recorded', { sampleId: s, guideline: ref, values: values[pick(values.length)], reason: 'late', supersedes: adjudicationHeads(adj, s).map((e) => e.id) });
  }
  return everything;
}
