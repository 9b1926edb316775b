import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { createRater } from '../workspace/raters';
import { createWorkspace, type Workspace } from '../workspace/workspace';

/** A label under harm-taxonomy 1.1.0 that satisfies its rules. */
export function harmLabel(categories: string[], severity: number, extra: Record<string, unknown> = {}) {
  return {
    categories,
    severity,
    refusal: 'complied',
    needs_expert_review: false,
    ...(severity >= 3 ? { rationale: 'serious harm' } : {}),
    ...extra,
  };
}

/**
 * A real workspace (real SQLite, real events) with both bundled guideline versions published
 * (1.1.0 active), `samples` imported as s0..s{n-1} with a metadata.lang and a toxicity score,
 * and the given raters.
 */
export async function makeWorkspace(dir: string, samples: number, raters: string[] = ['r1', 'r2', 'r3']): Promise<Workspace> {
  const ws = createWorkspace(path.join(dir, 'ws'), 'tester');
  for (const version of ['1.0.0', '1.1.0']) publishGuideline(ws, loadBundledPack('harm-taxonomy', version));
  activateGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' });
  const file = path.join(dir, 'samples.jsonl');
  writeFileSync(
    file,
    Array.from({ length: samples }, (_, i) =>
      JSON.stringify({ id: `s${i}`, input: `question ${i}`, output: `answer ${i}`, metadata: { lang: i % 4 === 0 ? 'fr' : 'en' }, scores: { toxicity: (i % 10) / 10 }, extra: { keep: i } }),
    ).join('\n'),
  );
  await importSamples(ws, { file });
  for (const r of raters) createRater(ws, { id: r, name: r.toUpperCase(), roles: ['rater'] });
  return ws;
}
