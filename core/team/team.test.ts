import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/testing/hub';
import type { TeamView } from '../../shared/api/team';
import { adjudicate } from '../adjudication/adjudicate';
import { caller } from '../testing/api';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { connectWorkspace } from '../sync/connect';
import { hubClient, HubRefusal } from '../sync/hubClient';
import { readHubConnection } from '../sync/hubConnection';
import { syncWorkspace, unsyncedCount } from '../sync/sync';
import { saveLabel } from '../workspace/labels';
import { markItem } from '../workspace/marks';
import { queuePage } from '../workspace/queue';
import { openWorkspace, type Workspace } from '../workspace/workspace';

// The owner's Team screen through the real engine and a real hub on 127.0.0.1: invitations made by
// the engine over the owner's hub connection, a member joining with the token, progress per batch
// and last sync as the owner sees them, a revoked member's next sync refused (what it pushed stays),
// and adjudications made concurrently on two machines listed side by side and settled everywhere.

const tempDir = useTempDirs();
const hubs: TestHub[] = [];
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) ws.close();
  for (const h of hubs.splice(0)) await h.close();
});

async function ownerOnHub(samples = 8) {
  const dir = tempDir();
  const hub = await startTestHub('sqlite', dir);
  hubs.push(hub);
  const made = await makeWorkspace(path.join(dir, 'owner'), samples, []);
  const ownerDir = made.dir;
  made.close();
  await connectWorkspace(ownerDir, hub.url, hub.tokens.olga);
  const ws = openWorkspace(ownerDir);
  open.push(ws);
  return { dir, hub, ws, api: caller(ws, 'olga') };
}

const member = (view: TeamView, id: string) => view.members.find((m) => m.id === id)!;

async function syncAs(dir: string): Promise<void> {
  const ws = openWorkspace(dir);
  try {
    await syncWorkspace(ws, hubClient(readHubConnection(dir)!.url, readHubConnection(dir)!.token));
  } finally {
    ws.close();
  }
}

describe('the Team screen over a real hub', () => {
  it('invites through the engine (token once, with its expiry), shows last sync, changes still out there and progress per batch, and revokes', async () => {
    const { dir, hub, ws, api } = await ownerOnHub();
    const before = Date.now();
    const invitation = await api.call('inviteMember', { id: 'rosa', name: 'Rosa Díaz', roles: ['rater'], expiresInHours: 48 });
    expect(invitation).toMatchObject({ member: 'rosa', name: 'Rosa Díaz', roles: ['rater'], hubUrl: hub.url, token: expect.stringMatching(/^cch_/) });
    const expires = Date.parse(invitation.expiresAt) - before;
    expect(expires).toBeGreaterThan(47.9 * 3600_000);
    expect(expires).toBeLessThan(48.1 * 3600_000);
    // The hub has the member, and the engine synced its announcement: rosa is a profile here at once.
    expect((await hub.call(hub.tokens.olga, 'GET', '/v1/members')).body.members.map((m: { id: string }) => m.id)).toContain('rosa');
    expect(ws.db.prepare(`SELECT roles FROM raters WHERE id = 'rosa'`).pluck().get()).toBe('["rater"]');
    // The token is the hub's secret: nothing stored here holds it.
    expect(ws.db.prepare('SELECT count(*) FROM events WHERE payload LIKE ?').pluck().get(`%${invitation.token}%`)).toBe(0);

    let view: TeamView = await api.call('team');
    expect(view.hub).toEqual({ url: hub.url, project: hub.project, member: 'olga' });
    expect(member(view, 'rosa')).toMatchObject({ status: 'invited', lastSyncAt: null, invitationExpiresAt: invitation.expiresAt, you: false });
    expect(member(view, 'olga')).toMatchObject({ status: 'active', you: true });
    await expect(api.call('inviteMember', { id: 'rosa', name: 'Again', roles: ['rater'] })).rejects.toThrow(/could not invite rosa: the hub refused: member "rosa" already exists/);

    // A batch for rosa; she joins with the token and works: 2 labelled, 1 skipped, 1 flagged.
    const batch = await api.call('createBatch', { name: 'Pilot', size: 8, seed: 3, overlap: { k: 1 }, raters: ['rosa'] });
    await api.call('team'); // a read: nothing to push yet, so sync by hand
    await syncWorkspace(ws, hubClient(hub.url, hub.tokens.olga));
    const rosaDir = path.join(dir, 'rosa');
    expect((await connectWorkspace(rosaDir, invitation.hubUrl, invitation.token)).member).toBe('rosa');
    const rosa = openWorkspace(rosaDir);
    const queue = queuePage(rosa, { raterId: 'rosa', filter: 'all', search: '', offset: 0, limit: 50 }).items.map((i) => i.sampleId);
    expect(queue).toHaveLength(8);
    for (const s of queue.slice(0, 2)) saveLabel(rosa, { raterId: 'rosa', sampleId: s, values: harmLabel(['none'], 0), timeSpentMs: 5 });
    markItem(rosa, { raterId: 'rosa', sampleId: queue[2], mark: 'skipped' });
    markItem(rosa, { raterId: 'rosa', sampleId: queue[3], mark: 'flagged', comment: 'cut off' });
    await syncWorkspace(rosa, hubClient(hub.url, invitation.token));
    rosa.close();
    // Her machine tells the hub it still holds 3 changes (a pull-only client reports it so).
    await hubClient(hub.url, invitation.token).pull(0, 1, 3);

    await syncWorkspace(ws, hubClient(hub.url, hub.tokens.olga));
    view = await api.call('team');
    const r = member(view, 'rosa');
    expect(r).toMatchObject({ status: 'active', reportedPending: 3, invitationExpiresAt: null });
    expect(Date.parse(r.lastSyncAt!)).toBeGreaterThanOrEqual(before);
    expect(r.progress).toEqual([{ batchId: batch.batchId, assigned: 8, labelled: 2, skipped: 1, flagged: 1, remaining: 4 }]);
    expect(view.batches).toEqual([{ batchId: batch.batchId, name: 'Pilot', items: 8 }]);

    // Revoked: rosa's next sync is refused, saying so; her new label stays on her machine; what she pushed stays.
    await expect(api.call('revokeMember', { memberId: 'olga' })).rejects.toThrow(/cannot revoke themselves/);
    await api.call('revokeMember', { memberId: 'rosa' });
    const again = openWorkspace(rosaDir);
    saveLabel(again, { raterId: 'rosa', sampleId: queue[4], values: harmLabel(['none'], 0), timeSpentMs: 5 });
    const refused = await syncWorkspace(again, hubClient(hub.url, invitation.token)).catch((e) => e);
    expect(refused).toBeInstanceOf(HubRefusal);
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(/rosa's access to this project was revoked on \d{4}-\d\d-\d\d; ask the project's owner for a new invitation/);
    expect(unsyncedCount(again.db)).toBe(1);
    again.close();
    view = await api.call('team');
    expect(member(view, 'rosa')).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(member(view, 'rosa').progress[0]).toMatchObject({ labelled: 2, skipped: 1, flagged: 1 });
    expect((await hub.store.listMembers(hub.project)).find((m) => m.id === 'rosa')!.revokedAt).not.toBeNull();
    const onHub = (await hub.call(hub.tokens.olga, 'GET', '/v1/events?after=0&limit=2000')).body.events.filter((e: { event: { type: string; author: string } }) => e.event.type === 'label.submitted' && e.event.author === 'rosa');
    expect(onHub).toHaveLength(2);
    // Revocation reached the owner's replica: rosa has no roles here now.
    expect(ws.db.prepare(`SELECT roles FROM raters WHERE id = 'rosa'`).pluck().get()).toBe('[]');

    // Let back in: a new token works, the old one does not.
    const back = await api.call('reinviteMember', { memberId: 'rosa' });
    expect(back.token).not.toBe(invitation.token);
    expect((await hub.call(invitation.token, 'GET', '/v1/me')).status).toBe(401);
    expect((await hub.call(back.token, 'GET', '/v1/me')).status).toBe(200);
  });

  it('says why when the workspace has no hub or the hub cannot be reached, and still shows the local team', async () => {
    const dir = tempDir();
    const local = await makeWorkspace(path.join(dir, 'alone'), 4, ['r1']);
    open.push(local);
    const api = caller(local, TEST_OWNER);
    const view: TeamView = await api.call('team');
    expect(view.hub).toBeNull();
    expect(view.members.map((m) => [m.id, m.status])).toEqual(expect.arrayContaining([['r1', 'local'], [TEST_OWNER, 'local']]));
    await expect(api.call('inviteMember', { id: 'x', name: 'X', roles: ['rater'] })).rejects.toThrow(/not connected to a hub/);

    const { hub, api: owner } = await ownerOnHub();
    await hub.close();
    hubs.splice(hubs.indexOf(hub), 1);
    const offline: TeamView = await owner.call('team');
    expect(offline.hubError).toMatch(/cannot reach the hub/);
    expect(offline.members.map((m) => m.id)).toContain('olga');
    await expect(owner.call('inviteMember', { id: 'x', name: 'X', roles: ['rater'] })).rejects.toThrow(/could not invite x: cannot reach the hub.*Nothing changed/);
  });
});

describe('conflicting adjudications', () => {
  it('two adjudicators deciding one item offline are listed side by side; the owner settles it and every replica agrees', async () => {
    const { dir, hub, ws, api } = await ownerOnHub(4);
    await api.call('inviteMember', { id: 'adam', name: 'Adam Ng', roles: ['adjudicator'] });
    await hub.member('ada', ['adjudicator'], 'Ada Li');
    await syncWorkspace(ws, hubClient(hub.url, hub.tokens.olga));
    const adamToken = (await api.call('reinviteMember', { memberId: 'adam' })).token;
    const dirs = { adam: path.join(dir, 'adam'), ada: path.join(dir, 'ada') };
    await connectWorkspace(dirs.adam, hub.url, adamToken);
    await connectWorkspace(dirs.ada, hub.url, hub.tokens.ada);
    // Both decide s1 without seeing each other's decision.
    for (const [who, severity, reason] of [
      ['adam', 0, 'no uplift: rubric 2.1'],
      ['ada', 2, 'step-by-step instructions: rubric 3.4'],
    ] as const) {
      const replica = openWorkspace(dirs[who]);
      adjudicate(replica, { sampleId: 's1', values: harmLabel(severity ? ['violence_weapons'] : ['none'], severity), reason }, who);
      replica.close();
    }
    expect(await api.call('adjudicationConflicts')).toEqual([]);
    for (const who of ['adam', 'ada'] as const) await syncAs(dirs[who]);
    await syncWorkspace(ws, hubClient(hub.url, hub.tokens.olga));

    const [conflict] = await api.call('adjudicationConflicts');
    expect(conflict).toMatchObject({ sampleId: 's1', guideline: { id: 'harm-taxonomy', version: '1.1.0' }, fieldsInDispute: ['categories', 'severity'] });
    expect(conflict.decisions.map((d: { adjudicator: string; adjudicatorName: string; reason: string; values: { severity: number } }) => [d.adjudicator, d.adjudicatorName, d.values.severity, d.reason]).sort()).toEqual([
      ['ada', 'Ada Li', 2, 'step-by-step instructions: rubric 3.4'],
      ['adam', 'Adam Ng', 0, 'no uplift: rubric 2.1'],
    ]);
    for (const d of conflict.decisions) expect(Number.isFinite(Date.parse(d.at))).toBe(true);

    // What cannot settle it: a decision that is not one of them, both ways at once, an invalid new one, an item without a conflict.
    await expect(api.call('settleConflict', { sampleId: 's1', choose: 'nope' })).rejects.toThrow(/"nope" is not one of the conflicting decisions/);
    await expect(api.call('settleConflict', { sampleId: 's1', choose: conflict.decisions[0].adjudicationId, values: harmLabel(['none'], 0) })).rejects.toThrow(/either by choosing/);
    await expect(api.call('settleConflict', { sampleId: 's1', values: { severity: 9 }, reason: 'x' })).rejects.toThrow(/the new decision: /);
    await expect(api.call('settleConflict', { sampleId: 's1', values: harmLabel(['none'], 0) })).rejects.toThrow(/a new decision needs a reason/);
    await expect(api.call('settleConflict', { sampleId: 's2', choose: conflict.decisions[0].adjudicationId })).rejects.toThrow(/"s2" has no conflicting adjudications/);
    expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type = 'adjudication.settled'`).pluck().get()).toBe(0);
    // Only owners settle (the contract; the hub refuses an adjudicator's settlement too).
    expect((await caller(ws, 'adam').raw('settleConflict', { sampleId: 's1', choose: conflict.decisions[0].adjudicationId })).ok).toBe(false);

    const ada = conflict.decisions.find((d: { adjudicator: string }) => d.adjudicator === 'ada')!;
    await api.call('settleConflict', { sampleId: 's1', choose: ada.adjudicationId });
    expect(await api.call('adjudicationConflicts')).toEqual([]);
    await syncWorkspace(ws, hubClient(hub.url, hub.tokens.olga));
    // Every adjudicator's replica ends on the owner's settlement: no conflict, ada's values, by olga.
    for (const who of ['adam', 'ada'] as const) {
      await syncAs(dirs[who]);
      const replica = openWorkspace(dirs[who]);
      expect(replica.db.prepare('SELECT count(*) FROM adjudication_conflicts').pluck().get()).toBe(0);
      const current = replica.db.prepare(`SELECT adjudicator, value, reason FROM adjudications WHERE sample_id = 's1' ORDER BY hlc DESC, id DESC LIMIT 1`).get() as { adjudicator: string; value: string; reason: string };
      expect([current.adjudicator, JSON.parse(current.value).severity, current.reason]).toEqual(['olga', 2, "Ada Li's decision: step-by-step instructions: rubric 3.4"]);
      replica.close();
    }
  });
});
