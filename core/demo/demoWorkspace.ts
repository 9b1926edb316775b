import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { createRater } from '../workspace/raters';
import { createWorkspace, workspaceExists } from '../workspace/workspace';

export const DEMO_PACK = 'harm-taxonomy';
export const demoDataFile = fileURLToPath(new URL('../../demo/samples.jsonl', import.meta.url));

/**
 * Creates the demo workspace on first run: every bundled version of the harm taxonomy published
 * (the newest active), the synthetic demo dataset imported, and one rater profile to start with.
 * Returns false when it already existed.
 */
export async function ensureDemoWorkspace(dir: string): Promise<boolean> {
  if (workspaceExists(dir)) return false;
  const ws = createWorkspace(dir, 'concord-demo', 'Concord demo');
  try {
    const pack = loadBundledPack(DEMO_PACK);
    publishGuideline(ws, pack);
    activateGuideline(ws, { id: pack.id, version: pack.version });
    if (existsSync(demoDataFile)) await importSamples(ws, { file: demoDataFile });
    createRater(ws, { id: 'demo-rater', name: 'Demo Rater', roles: ['rater'] });
  } finally {
    ws.close();
  }
  return true;
}
