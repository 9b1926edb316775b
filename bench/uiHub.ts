// `npm run bench:ui -- --hub`: the rater's workspace is a replica of a hub project, as on a team.
// A real hub process on loopback (SQLite store); the owner's workspace imports the samples, batches
// them to the measured rater and two others, and becomes the project's source; the rater joins
// (the initial sync pulls everything); while the rater labels in the browser, the app's background
// sync pushes each label and pulls every second, and the two other raters label and sync from this
// process every 250 ms, so the hub is busy with others' pushes while the rater works (a rater's pull
// brings none of their labels: raters label blind).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createBatch } from '../core/batches/createBatch';
import { loadBundledPack } from '../core/guidelines/load';
import { importSamples } from '../core/import/importSamples';
import { connectWorkspace } from '../core/sync/connect';
import { hubClient } from '../core/sync/hubClient';
import { activateGuideline, publishGuideline } from '../core/workspace/guidelines';
import { createRater } from '../core/workspace/raters';
import { createWorkspace, openWorkspace } from '../core/workspace/workspace';
import { addMember } from '../hub/members';
import { openSqliteHubStore } from '../hub/store/sqliteStore';
import { serveHub } from '../hub/testing/process';
import { mergeResults, raterLoop, workspaceRater } from './raters';

const OTHERS = ['rita', 'ravi'];

export interface HubWorkspace {
  /** The measured rater's replica, for the app to open. */
  dir: string;
  rater: string;
  /** Starts the other raters' label-and-sync loop; resolves with their sync count when stopped. */
  startOthers(): { stop(): Promise<{ syncs: number; labels: number; errors: number }> };
  stop(): Promise<void>;
}

export async function hubWorkspace(benchDir: string, samplesFile: string, rows: number): Promise<HubWorkspace> {
  const dir = path.join(benchDir, `ui-hub-${rows}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = openSqliteHubStore(path.join(dir, 'hub'));
  const project = await store.createProject('UI bench');
  const rater = 'bella';
  const tokens: Record<string, string> = {};
  for (const [id, roles] of [['olga', ['owner']], [rater, ['rater']], ...OTHERS.map((o) => [o, ['rater']])] as [string, ('owner' | 'rater')[]][]) {
    tokens[id] = (await addMember(store, project, { id, name: id, roles }, 'hub')).token;
  }
  await store.close();
  // Every client here is 127.0.0.1: the default per-address rate limit would count them as one.
  const hub = await serveHub(['--data', path.join(dir, 'hub'), '--port', '0', '--rate-limit', '100000']);

  const t0 = performance.now();
  const ownerDir = path.join(dir, 'owner');
  const owner = createWorkspace(ownerDir, { owner: { id: 'olga', name: 'olga', roles: ['owner'] } });
  publishGuideline(owner, loadBundledPack('harm-taxonomy', '1.1.0'), 'olga');
  activateGuideline(owner, { id: 'harm-taxonomy', version: '1.1.0' }, 'olga');
  await importSamples(owner, { file: samplesFile }, 'olga');
  for (const id of [rater, ...OTHERS]) createRater(owner, { id, name: id, roles: ['rater'] }, 'olga');
  // Every sample to the measured rater and to each of the others (k = 3).
  createBatch(owner, { name: 'pilot', size: rows, seed: 1, overlap: { k: 3 }, raters: [rater, ...OTHERS] }, 'olga');
  owner.close();
  await connectWorkspace(ownerDir, hub.url, tokens.olga);
  const raterDir = path.join(dir, rater);
  await connectWorkspace(raterDir, hub.url, tokens[rater]);
  for (const o of OTHERS) await connectWorkspace(path.join(dir, o), hub.url, tokens[o]);
  console.log(`hub project of ${rows.toLocaleString('en-US')} samples set up and joined by 4 replicas in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  return {
    dir: raterDir,
    rater,
    startOthers() {
      let running = true;
      const loops = OTHERS.map(async (id) => {
        const ws = openWorkspace(path.join(dir, id));
        try {
          return await raterLoop(workspaceRater(ws, id, hubClient(hub.url, tokens[id]), 5000), 250, () => running);
        } finally {
          ws.close();
        }
      });
      return {
        async stop() {
          running = false;
          const all = mergeResults(await Promise.all(loops));
          return { syncs: all.latencies.length, labels: all.labels, errors: all.errors };
        },
      };
    },
    async stop() {
      await hub.stop();
    },
  };
}
