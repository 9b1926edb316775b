import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledVersions, loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { createRater } from '../workspace/raters';
import { createWorkspace, workspaceExists } from '../workspace/workspace';

export const DEMO_PACK = 'harm-taxonomy';
export const demoDataFile = fileURLToPath(new URL('../../demo/samples.jsonl', import.meta.url));

/**
 * Creates the demo workspace on first run: every bundled version of the harm taxonomy published
 * (the newest active), the synthetic demo dataset imported, and two profiles to start with: a rater, and an owner who is also an adjudicator.
 * Returns false when it already existed.
 */
export async function ensureDemoWorkspace(dir: string): Promise<boolean> {
  if (workspaceExists(dir)) return false;
  const ws = createWorkspace(dir, 'concord-demo', 'Concord demo');
  try {
    // Oldest first, so the version history (and the diff between versions) is there to browse.
    for (const version of bundledVersions(DEMO_PACK)) publishGuideline(ws, loadBundledPack(DEMO_PACK, version));
    const pack = loadBundledPack(DEMO_PACK);
    activateGuideline(ws, { id: pack.id, version: pack.version });
    if (existsSync(demoDataFile)) await importSamples(ws, { file: demoDataFile });
    createRater(ws, { id: 'demo-rater', name: 'Demo Rater', roles: ['rater'] });
    createRater(ws, { id: 'demo-owner', name: 'Demo Owner', roles: ['owner', 'adjudicator'] });
  } finally {
    ws.close();
  }
  return true;
}
