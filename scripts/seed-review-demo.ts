// A demo workspace with a review loop under way, for working on the owner and adjudicator screens:
// `npx tsx scripts/seed-review-demo.ts --workspace DIR`, then `npx tsx core/server/main.ts --workspace DIR`.
// Profiles: olu (owner + adjudicator), ana, ben, cho (raters). A 60-item batch with overlap 3 and 10%
// gold; the raters' labels are synthetic (derived from the demo's topics and grader scores, with
// rater-specific noise) so that agreement is high but not perfect and some items need adjudication.
import { parseArgs } from 'node:util';
import { createEngine } from '../core/api/handlers';
import { dispatch } from '../core/api/dispatch';
import { memorySession } from '../core/api/session';
import { DEMO_OWNER, ensureDemoWorkspace } from '../core/demo/demoWorkspace';
import { setGold } from '../core/workspace/gold';
import { openWorkspace } from '../core/workspace/workspace';
import type { Sample } from '../shared/samples/schema';
import { raterLabel, referenceLabel } from '../core/demo/demoLabels';

export async function seedReviewDemo(dir: string) {
  await ensureDemoWorkspace(dir);
  const ws = openWorkspace(dir);
  const engine = createEngine(ws);
  // Each step runs as the profile who would do it in the app: the owner, then each rater.
  const session = memorySession(DEMO_OWNER);
  const call = async <T = any>(name: string, input: unknown): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await dispatch(engine, name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  try {
    await call('createProfile', { id: 'olu', name: 'Olu Adeyemi', roles: ['owner', 'adjudicator'] });
    for (const [id, name] of [['ana', 'Ana Ruiz'], ['ben', 'Ben Okafor'], ['cho', 'Cho Min-jun']]) await call('createProfile', { id, name, roles: ['rater'] });
    session.signIn('olu');
    const samples = ws.db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all() as string[];
    const sampleById = async (id: string) => (await call<{ sample: Sample }>('adjudicationItem', { sampleId: id })).sample;
    // Gold: every 10th sample, with the reference label.
    for (const id of samples.filter((_, i) => i % 10 === 0)) setGold(ws, { sampleId: id, values: referenceLabel(await sampleById(id)) }, 'olu');
    await call('createBatch', { name: 'Pilot: harm taxonomy 1.1', size: 60, seed: 7, overlap: { k: 3 }, goldShare: 0.1, raters: ['ana', 'ben', 'cho'] });
    for (const rater of ['ana', 'ben', 'cho']) {
      session.signIn(rater);
      let next: string | null | undefined = (await call<{ items: { sampleId: string }[] }>('queue', { filter: 'todo', limit: 1 })).items[0]?.sampleId;
      for (let n = 0; next; n++) {
        session.signIn('olu'); // the owner reads the sample; the rater labels it
        const values = raterLabel(rater, n, referenceLabel(await sampleById(next)));
        session.signIn(rater);
        next = (await call<{ nextSampleId: string | null }>('saveLabel', { sampleId: next, values, timeSpentMs: 9000 + ((n * 7919) % 40000) })).nextSampleId;
      }
    }
  } finally {
    ws.close();
  }
}

const { values } = parseArgs({ options: { workspace: { type: 'string' } } });
if (!values.workspace) {
  console.error('usage: tsx scripts/seed-review-demo.ts --workspace DIR');
  process.exit(2);
}
await seedReviewDemo(values.workspace);
console.log(`seeded ${values.workspace}`);
