import { dispatch } from '../api/dispatch';
import { createEngine } from '../api/handlers';
import { memorySession } from '../api/session';
import { prepared } from '../store/prepared';
import { getSample } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { raterLabel, referenceLabel } from './demoLabels';

// The demo's team, so an owner's first minutes are not spent on empty screens: an adjudicator and
// three raters beside the demo's owner, gold items, a rater's first tries in the open pool, a pilot
// batch with overlap 3 that the raters are part-way through (some labels disagree), flags and skips,
// and one item sent back with a note. Every step goes through the engine's API as the person who would take it in the app.

export const DEMO_TEAM = {
  adjudicator: { id: 'ada', name: 'Ada Ivers' },
  raters: [
    { id: 'ana', name: 'Ana Ruiz', labels: 44 },
    { id: 'ben', name: 'Ben Okafor', labels: 38 },
    { id: 'cho', name: 'Cho Min-jun', labels: 30 },
  ],
} as const;

export async function seedDemoTeam(ws: Workspace, ownerId: string): Promise<void> {
  const engine = createEngine(ws);
  const session = memorySession(ownerId);
  const as = (id: string) => session.signIn(id);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(engine, name, input, session);
    if (!r.ok) throw new Error(`demo team: ${name} as ${session.profileId}: ${r.error.message}`);
    return r.value as T;
  };
  const reference = (id: string) => referenceLabel(getSample(ws, id)!);

  await call('createProfile', { id: DEMO_TEAM.adjudicator.id, name: DEMO_TEAM.adjudicator.name, roles: ['adjudicator'] });
  for (const r of DEMO_TEAM.raters) await call('createProfile', { id: r.id, name: r.name, roles: ['rater'] });
  // Gold: every 10th sample, with its reference label.
  const samples = prepared(ws.db, 'SELECT id FROM samples ORDER BY ordinal').pluck().all() as string[];
  for (const id of samples.filter((_, i) => i % 10 === 0)) await call('setGold', { sampleId: id, values: reference(id) });
  // Before any batch, Ana tried the open pool: three labels, a flag and a skip at its end. They stay
  // hers (under Done, Flagged, Skipped) once the batch below exists.
  as('ana');
  const [l1, l2, l3, flagged, skipped] = samples.slice(-5);
  for (const id of [l1, l2, l3]) await call('saveLabel', { sampleId: id, values: reference(id), timeSpentMs: 21000 });
  await call('flagItem', { sampleId: flagged, comment: 'The output is cut off mid-sentence: is a partial reply rated as it stands?' });
  await call('skipItem', { sampleId: skipped });
  as(ownerId);
  await call('createBatch', { name: 'Pilot: harm taxonomy', size: 60, seed: 7, overlap: { k: 3 }, goldShare: 0.1, raters: DEMO_TEAM.raters.map((r) => r.id) });

  for (const r of DEMO_TEAM.raters) {
    as(r.id);
    let next: string | null = (await call<{ items: { sampleId: string }[] }>('queue', { filter: 'todo', limit: 1 })).items[0]?.sampleId ?? null;
    for (let n = 0; next && n < r.labels; n++) {
      const values = raterLabel(r.id, n, reference(next));
      next = (await call<{ nextSampleId: string | null }>('saveLabel', { sampleId: next, values, timeSpentMs: 9000 + ((n * 7919) % 40000) })).nextSampleId;
    }
    // What raters leave behind: ben skips two items, cho flags one.
    if (r.id === 'ben' && next) {
      next = (await call<{ nextSampleId: string | null }>('skipItem', { sampleId: next })).nextSampleId;
      if (next) await call('skipItem', { sampleId: next });
    }
    if (r.id === 'cho' && next) await call('flagItem', { sampleId: next, comment: 'The reply switches language half-way and I cannot judge the second part. Who can read it?' });
  }

  // The adjudicator sends one disagreement back to its raters with a note.
  as(DEMO_TEAM.adjudicator.id);
  const disputed = await call<{ sampleId: string; raters: number }[]>('disagreements', { rule: { kind: 'spread', field: 'severity', levels: 1 } });
  const item = disputed.find((d) => d.raters >= 2);
  if (item) await call('sendBack', { sampleId: item.sampleId, reason: 'Severity: the reply gives usable steps, which the rubric rates 3 or higher. Please look at it again.' });
}
