import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendBack } from '../adjudication/adjudicate';
import { createBatch } from '../batches/createBatch';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { findLabel, saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';
import { startTestHub, type TestHub } from '../../hub/testing/hub';
import { runConcord } from '../testing/cli';
import { connectWorkspace } from './connect';
import { hubClient } from './hubClient';
import { syncWorkspace } from './sync';

// A machine whose clock is hours off still syncs in the right order (the order comes from the
// events' hybrid logical clocks and the hub's sequence, never from wall clocks alone), and its
// user is told the clock is off.

const tempDir = useTempDirs();
const hubs: TestHub[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const h of hubs.splice(0)) await h.close();
});

const g = { id: 'harm-taxonomy', version: '1.1.0' };

describe('clocks', () => {
  it('a rater three hours behind relabels a sent-back item: the new label stands', async () => {
    const dir = tempDir();
    const hub = await startTestHub('sqlite', dir);
    hubs.push(hub);
    await hub.member('r1', ['rater']);
    await hub.member('r2', ['rater']);
    await hub.member('adam', ['adjudicator']);
    const owner = await makeWorkspace(path.join(dir, 'owner'), 4, ['r1', 'r2']);
    createBatch(owner, { name: 'B', size: 2, seed: 1, overlap: { k: 2 }, raters: ['r1', 'r2'] }, TEST_OWNER);
    const ownerDir = owner.dir;
    owner.close();
    await connectWorkspace(ownerDir, hub.url, hub.tokens.olga);
    const r1Dir = path.join(dir, 'r1');
    const adamDir = path.join(dir, 'adam');
    await connectWorkspace(r1Dir, hub.url, hub.tokens.r1);
    await connectWorkspace(adamDir, hub.url, hub.tokens.adam);

    const behind = -3 * 3600_000;
    const realNow = Date.now.bind(Date);
    const skewed = () => vi.spyOn(Date, 'now').mockImplementation(() => realNow() + behind);

    // r1, three hours behind, labels an item; it reaches the adjudicator, who sends it back.
    skewed();
    const r1 = openWorkspace(r1Dir);
    const sample = (r1.db.prepare('SELECT id FROM samples ORDER BY ordinal LIMIT 1').pluck().get() as string);
    saveLabel(r1, { raterId: 'r1', sampleId: sample, values: harmLabel(['none'], 0), timeSpentMs: 5 });
    // (The hub runs in this process, on the same mocked clock: the warning is tested with a real process below.)
    await syncWorkspace(r1, hubClient(hub.url, hub.tokens.r1));
    vi.restoreAllMocks();

    const adam = openWorkspace(adamDir);
    await syncWorkspace(adam, hubClient(hub.url, hub.tokens.adam));
    sendBack(adam, { sampleId: sample, reason: 'severity: read 3.2 again' }, 'adam');
    await syncWorkspace(adam, hubClient(hub.url, hub.tokens.adam));

    // r1 pulls the send-back (its clock moves past it), then labels again, still three hours behind by the wall.
    skewed();
    await syncWorkspace(r1, hubClient(hub.url, hub.tokens.r1));
    expect(findLabel(r1, sample, 'r1', g)?.retracted).toBe(true);
    saveLabel(r1, { raterId: 'r1', sampleId: sample, values: harmLabel(['violence_weapons'], 2), timeSpentMs: 5 });
    const relabel = r1.db.prepare(`SELECT hlc FROM events WHERE type IN ('label.submitted', 'label.revised') ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
    const sentBack = r1.db.prepare(`SELECT hlc FROM events WHERE type = 'adjudication.sent_back'`).pluck().get() as string;
    expect(relabel > sentBack).toBe(true);
    await syncWorkspace(r1, hubClient(hub.url, hub.tokens.r1));
    vi.restoreAllMocks();
    r1.close();

    // Everyone agrees the new label stands: it came after the send-back, whatever r1's wall clock said.
    await syncWorkspace(adam, hubClient(hub.url, hub.tokens.adam));
    const ownerWs = openWorkspace(ownerDir);
    await syncWorkspace(ownerWs, hubClient(hub.url, hub.tokens.olga));
    for (const ws of [adam, ownerWs]) {
      const label = findLabel(ws, sample, 'r1', g);
      expect(label?.retracted).toBe(false);
      expect(label?.values).toEqual(harmLabel(['violence_weapons'], 2));
      ws.close();
    }
  });

  it('the sync command warns in one line when this machine`s clock is off', async () => {
    const dir = tempDir();
    const hub = await startTestHub('sqlite', dir);
    hubs.push(hub);
    const owner = await makeWorkspace(path.join(dir, 'owner'), 2, []);
    const ownerDir = owner.dir;
    owner.close();
    await connectWorkspace(ownerDir, hub.url, hub.tokens.olga);
    // The CLI in a process whose clock runs five hours ahead.
    const shift = `data:text/javascript;base64,${Buffer.from('const n = Date.now.bind(Date); Date.now = () => n() + 5 * 3600000;').toString('base64')}`;
    const r = await runConcord(['sync', '--workspace', ownerDir], { NODE_OPTIONS: `--import=${shift}` });
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(r.stderr).toMatch(/this machine's clock is 5\.0 h ahead of the hub's/);
  });
});
