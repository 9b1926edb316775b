import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDisagreements } from '../adjudication/disagreements';
import { adjudicate } from '../adjudication/adjudicate';
import { agreementReport } from '../agreement/report';
import { createBatch } from '../batches/createBatch';
import { exportLabels } from '../export/exportLabels';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { queuePage } from '../workspace/queue';
import { saveLabel } from '../workspace/labels';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import { startTestHub, type StoreKind, type TestHub } from '../../hub/testing/hub';
import { connectWorkspace } from './connect';
import { readHubConnection } from './hubConnection';
import { hubClient } from './hubClient';
import { syncWorkspace, unsyncedCount } from './sync';

// The team loop end to end over a real hub on 127.0.0.1, on both stores: the owner's workspace
// becomes the project's source, three raters join and label offline, sync in different orders, the
// adjudicator resolves from a replica of their own, and the owner's agreement and export equal
// those of one workspace where the same labels were made directly.

const tempDir = useTempDirs();
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});

const raters = ['r1', 'r2', 'r3'];
/** The label a rater gives a sample: deterministic, disagreeing on some items. */
function valuesFor(rater: string, sample: string) {
  const n = Number(sample.slice(1));
  const severity = (n + (rater === 'r2' && n % 3 === 0 ? 1 : 0)) % 3;
  return harmLabel(severity === 0 ? ['none'] : ['violence_weapons'], severity);
}

function labelQueue(ws: Workspace, rater: string): string[] {
  const done: string[] = [];
  const page = queuePage(ws, { raterId: rater, filter: 'todo', search: '', offset: 0, limit: 500 });
  for (const it of page.items) {
    saveLabel(ws, { raterId: rater, sampleId: it.sampleId, values: valuesFor(rater, it.sampleId), timeSpentMs: 1000 });
    done.push(it.sampleId);
  }
  return done;
}

function resolve(ws: Workspace) {
  for (const d of findDisagreements(ws, { kind: 'any' })) adjudicate(ws, { sampleId: d.sampleId, values: harmLabel(['none'], 0), reason: 'rubric 2.1: no uplift' }, 'adam');
}

const sampleCount = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM samples').pluck().get() as number;

describe.each(['sqlite', 'postgres'] as StoreKind[])('a team over the hub (%s store)', (kind) => {
  it('converges: the owner sees what one machine would have computed, each rater held only its assignments', async () => {
    const dir = tempDir();
    const hub = await startTestHub(kind, dir);
    hubs.push(hub);
    for (const r of raters) await hub.member(r, ['rater']);
    await hub.member('adam', ['adjudicator']);

    // The owner's workspace, and a copy of it where the same work will be done on one machine.
    const owner = await makeWorkspace(path.join(dir, 'owner'), 40, raters);
    createBatch(owner, { name: 'B1', size: 30, seed: 7, overlap: { k: 2 }, raters }, TEST_OWNER);
    const ownerDir = owner.dir;
    owner.db.pragma('wal_checkpoint(TRUNCATE)');
    owner.close();
    const referenceDir = path.join(dir, 'reference');
    mkdirSync(referenceDir);
    copyFileSync(path.join(ownerDir, 'workspace.db'), path.join(referenceDir, 'workspace.db'));

    const joined = await connectWorkspace(ownerDir, hub.url, hub.tokens.olga);
    expect(joined.mode).toBe('source');
    expect(joined.sync.pending).toBe(0);
    expect(statSync(path.join(ownerDir, 'hub.json')).mode & 0o777).toBe(0o600);

    // Raters join (replicas), then label with the hub out of reach: nothing needs the network.
    const replicaDirs = Object.fromEntries(raters.map((r) => [r, path.join(dir, `replica-${r}`)]));
    for (const r of raters) {
      const c = await connectWorkspace(replicaDirs[r], hub.url, hub.tokens[r]);
      expect([c.mode, c.member]).toEqual(['replica', r]);
    }
    const labelled: Record<string, string[]> = {};
    for (const r of raters) {
      const ws = openWorkspace(replicaDirs[r]);
      try {
        labelled[r] = labelQueue(ws, r);
        // Data minimisation: the replica holds exactly the rows of its assignments.
        expect(sampleCount(ws)).toBe(labelled[r].length);
        expect(ws.db.prepare('SELECT count(*) FROM labels WHERE rater_id != ?').pluck().get(r)).toBe(0);
        expect(ws.db.prepare('SELECT count(*) FROM gold_labels').pluck().get()).toBe(0);
        expect(unsyncedCount(ws.db)).toBe(labelled[r].length);
      } finally {
        ws.close();
      }
    }
    // The same labels made directly in the one-machine workspace.
    const reference = openWorkspace(referenceDir);
    for (const r of raters) for (const s of labelled[r]) saveLabel(reference, { raterId: r, sampleId: s, values: valuesFor(r, s), timeSpentMs: 1000 });

    // Reconnect in different orders, one of them twice.
    for (const r of ['r2', 'r3', 'r1', 'r2']) {
      const ws = openWorkspace(replicaDirs[r]);
      try {
        const { client } = { client: hubClient(hub.url, readHubConnection(replicaDirs[r])!.token) };
        const report = await syncWorkspace(ws, client);
        expect(report.pending).toBe(0);
        expect(report.rejected).toBe(0);
      } finally {
        ws.close();
      }
    }

    // The adjudicator resolves every disagreement on a replica of their own.
    const adamDir = path.join(dir, 'replica-adam');
    await connectWorkspace(adamDir, hub.url, hub.tokens.adam);
    const adam = openWorkspace(adamDir);
    try {
      expect(findDisagreements(adam, { kind: 'any' }).length).toBeGreaterThan(0);
      resolve(adam);
      await syncWorkspace(adam, hubClient(hub.url, hub.tokens.adam));
      expect(findDisagreements(adam, { kind: 'any' }).filter((d) => !d.adjudicated)).toEqual([]);
    } finally {
      adam.close();
    }
    resolve(reference);

    const ownerWs = openWorkspace(ownerDir);
    try {
      const final = await syncWorkspace(ownerWs, hubClient(hub.url, hub.tokens.olga));
      expect([final.pending, final.rejected, final.waiting]).toEqual([0, 0, 0]);
      const strip = (r: unknown) => JSON.parse(JSON.stringify(r));
      expect(strip(agreementReport(ownerWs, { bootstrap: 200, seed: 3 }))).toEqual(strip(agreementReport(reference, { bootstrap: 200, seed: 3 })));
      const a = path.join(dir, 'owner.jsonl');
      const b = path.join(dir, 'reference.jsonl');
      exportLabels(ownerWs, { out: a });
      exportLabels(reference, { out: b });
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
      expect(readFileSync(a, 'utf8').split('\n').filter(Boolean)).toHaveLength(30);
    } finally {
      ownerWs.close();
      reference.close();
    }
  });
});
