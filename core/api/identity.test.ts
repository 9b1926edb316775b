import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBatch } from '../batches/createBatch';
import { caller } from '../testing/api';
import { createLegacyWorkspace, harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { createRater } from '../workspace/raters';
import { openWorkspace } from '../workspace/workspace';

const tempDir = useTempDirs();

describe('identity and roles, through the dispatcher both bridges use', () => {
  it('a workspace with no profile takes its first one without a session, as its owner, and only that one', async () => {
    const dir = path.join(tempDir(), 'legacy');
    createLegacyWorkspace(dir);
    const ws = openWorkspace(dir);
    const anonymous = caller(ws);
    expect(await anonymous.call('createProfile', { id: 'lead', name: 'Team Lead', roles: ['rater'] })).toEqual({ id: 'lead', name: 'Team Lead', roles: ['owner', 'rater'] });
    expect(ws.db.prepare(`SELECT author FROM events WHERE type = 'rater.created'`).pluck().all()).toEqual(['lead']);
    const second = await anonymous.raw('createProfile', { id: 'eve', name: 'Eve', roles: ['owner'] });
    expect(second).toEqual({ ok: false, error: { kind: 'input', message: 'createProfile needs a signed-in profile with the owner role; no one is signed in' } });
    // Signed in, the first owner adds people.
    anonymous.as('lead');
    expect(await anonymous.call('createProfile', { id: 'ana', name: 'Ana' })).toEqual({ id: 'ana', name: 'Ana', roles: ['rater'] });
    ws.close();
  });

  it('an owner sets roles; the last owner cannot drop the role; the change applies to the next call', async () => {
    const ws = await makeWorkspace(tempDir(), 4, ['ana']);
    const owner = caller(ws, TEST_OWNER);
    const ana = caller(ws, 'ana');
    expect((await ana.raw('listBatches', {})).ok).toBe(false);
    expect(await owner.call('setProfileRoles', { profileId: 'ana', roles: ['rater', 'owner'] })).toEqual({ id: 'ana', name: 'ANA', roles: ['rater', 'owner'] });
    expect(await ana.call('listBatches', {})).toEqual([]);
    await ana.call('setProfileRoles', { profileId: TEST_OWNER, roles: ['rater'] });
    const last = await ana.raw('setProfileRoles', { profileId: 'ana', roles: ['rater'] });
    expect(last).toEqual({ ok: false, error: { kind: 'input', message: `"ana" is the workspace's only owner: make someone else an owner first` } });
    expect(ws.db.prepare(`SELECT author FROM events WHERE type = 'rater.roles_set' ORDER BY seq`).pluck().all()).toEqual([TEST_OWNER, 'ana']);
    ws.close();
  });

  it("a rater acts only on their own queue; an adjudicator never sees others' labels of an item still to label", async () => {
    const ws = await makeWorkspace(tempDir(), 10, ['ana', 'ben', 'cho']);
    createRater(ws, { id: 'ada', name: 'Ada', roles: ['rater', 'adjudicator'] }, TEST_OWNER);
    createBatch(ws, { name: 'a', size: 2, seed: 1, overlap: { k: 2 }, raters: ['ana', 'ada'] }, TEST_OWNER);
    const [mine] = ws.db.prepare(`SELECT sample_id FROM assignments WHERE rater_id = 'ana' ORDER BY queue_pos`).pluck().all() as string[];
    const notMine = ws.db.prepare(`SELECT id FROM samples WHERE id NOT IN (SELECT sample_id FROM assignments) LIMIT 1`).pluck().get() as string;
    const ben = caller(ws, 'ben');
    for (const name of ['getItem', 'skipItem', 'clearMark']) {
      expect(await ben.raw(name, { sampleId: mine }), name).toEqual({ ok: false, error: { kind: 'input', message: `"${mine}" is not in ben's queue` } });
    }
    expect((await caller(ws, 'ana').raw('flagItem', { sampleId: notMine, comment: 'x' })).ok).toBe(false);

    // Two raters have labeled the item; ada, an adjudicator assigned it too, has not yet.
    saveLabel(ws, { raterId: 'ana', sampleId: mine, values: harmLabel(['hate'], 2), timeSpentMs: 1 });
    saveLabel(ws, { raterId: 'cho', sampleId: mine, values: harmLabel(['none'], 0), timeSpentMs: 1 });
    const ada = caller(ws, 'ada');
    expect(await ada.raw('adjudicationItem', { sampleId: mine })).toEqual({
      ok: false,
      error: { kind: 'input', message: `"${mine}" is still to label in your own queue: label it before you see the others' labels` },
    });
    await ada.call('saveLabel', { sampleId: mine, values: harmLabel(['none'], 0), timeSpentMs: 1 });
    expect((await ada.call('adjudicationItem', { sampleId: mine })).labels).toHaveLength(3);
    expect(await ada.raw('adjudicationItem', { sampleId: notMine })).toMatchObject({ ok: false, error: { message: `"${notMine}" has not been labeled by two raters: there is nothing to adjudicate` } });
    // Owners see everything.
    expect((await caller(ws, TEST_OWNER).call('adjudicationItem', { sampleId: notMine })).labels).toEqual([]);
    ws.close();
  });
});
