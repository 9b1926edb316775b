import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { appendEvents, newEvent } from '../store/eventLog';
import { migrate } from '../store/migrate';
import { openSqlite } from '../store/sqlite';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { createRater } from '../workspace/raters';
import { createWorkspace, DB_FILE, type Workspace } from '../workspace/workspace';

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

/** The owner profile every test workspace starts with; it authors the setup. */
export const TEST_OWNER = 'tester';

/** A workspace as code from before profiles had roles left it, in `dir`: its creation (by `root`) and no profile. */
export function createLegacyWorkspace(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const db = openSqlite(path.join(dir, DB_FILE));
  try {
    migrate(db);
    appendEvents(db, [newEvent('workspace.created', 'root', { workspaceId: '0190a0c0-0000-7000-8000-000000000000', name: 'legacy' })]);
  } finally {
    db.close();
  }
}

/** A new, empty workspace whose owner is TEST_OWNER. */
export function createTestWorkspace(dir: string): Workspace {
  return createWorkspace(dir, { owner: { id: TEST_OWNER, name: 'Tester', roles: ['owner'] } });
}

/**
 * A real workspace (real SQLite, real events) with both bundled guideline versions published
 * (1.1.0 active), `samples` imported as s0..s{n-1} with a metadata.lang and a toxicity score,
 * and the given raters (besides its owner, TEST_OWNER).
 */
export async function makeWorkspace(dir: string, samples: number, raters: string[] = ['r1', 'r2', 'r3']): Promise<Workspace> {
  const ws = createTestWorkspace(path.join(dir, 'ws'));
  for (const version of ['1.0.0', '1.1.0']) publishGuideline(ws, loadBundledPack('harm-taxonomy', version), TEST_OWNER);
  activateGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' }, TEST_OWNER);
  const file = path.join(dir, 'samples.jsonl');
  writeFileSync(
    file,
    Array.from({ length: samples }, (_, i) =>
      JSON.stringify({ id: `s${i}`, input: `question ${i}`, output: `answer ${i}`, metadata: { lang: i % 4 === 0 ? 'fr' : 'en' }, scores: { toxicity: (i % 10) / 10 }, extra: { keep: i } }),
    ).join('\n'),
  );
  await importSamples(ws, { file }, TEST_OWNER);
  for (const r of raters) createRater(ws, { id: r, name: r.toUpperCase(), roles: ['rater'] }, TEST_OWNER);
  return ws;
}
