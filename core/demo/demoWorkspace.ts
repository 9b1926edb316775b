import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledVersions, loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { createRater, type Rater } from '../workspace/raters';
import { createWorkspace, workspaceExists } from '../workspace/workspace';
import { seedDemoTeam } from './demoTeam';

export const DEMO_PACK = 'harm-taxonomy';
export const DEMO_OWNER = 'demo-owner';
export const demoDataFile = fileURLToPath(new URL('../../demo/samples.jsonl', import.meta.url));

/**
 * Creates the demo workspace on first run: every bundled version of the harm taxonomy published
 * (the newest active), the synthetic demo dataset imported, and its owner (also an adjudicator), who
 * authors the setup. With `team` (what the app opens), the demo team too: an adjudicator and three
 * raters part-way through a pilot batch (core/demo/demoTeam.ts); without it, one rater and no batch.
 * Returns false when it already existed.
 */
export async function ensureDemoWorkspace(dir: string, opts: { team?: boolean } = {}): Promise<boolean> {
  if (workspaceExists(dir)) return false;
  // The demo's owner sets it up: every event of the setup is authored by its profile.
  const owner = { id: DEMO_OWNER, name: 'Demo Owner', roles: ['owner', 'adjudicator'] } satisfies Rater;
  const ws = createWorkspace(dir, { owner, name: 'Concord demo' });
  try {
    // Oldest first, so the version history (and the diff between versions) is there to browse.
    for (const version of bundledVersions(DEMO_PACK)) publishGuideline(ws, loadBundledPack(DEMO_PACK, version), owner.id);
    const pack = loadBundledPack(DEMO_PACK);
    activateGuideline(ws, { id: pack.id, version: pack.version }, owner.id);
    if (existsSync(demoDataFile)) await importSamples(ws, { file: demoDataFile }, owner.id);
    if (opts.team) await seedDemoTeam(ws, owner.id);
    else createRater(ws, { id: 'demo-rater', name: 'Demo Rater', roles: ['rater'] }, owner.id);
  } finally {
    ws.close();
  }
  return true;
}
