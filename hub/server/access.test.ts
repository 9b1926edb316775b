import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConcordEvent, EventType } from '../../shared/events';
import type { Role } from '../../shared/auth/roles';
import { packFingerprint } from '../../shared/guidelines/fingerprint';
import { loadBundledPack } from '../../core/guidelines/load';
import { ev, startTestHub, type StoreKind, type TestHub } from '../testing/hub';

// The hub's access rules, walked as a matrix over a real hub on 127.0.0.1, on both stores: every
// route x every role (and no, a wrong and a revoked token); every event type pushed by every role;
// what each role reads back. On every refusal nothing is stored.

const pack = loadBundledPack('harm-taxonomy', '1.1.0');
const g = { id: pack.id, version: pack.version };
const label = (categories: string[], severity: number) => ({ categories, severity, refusal: 'complied', needs_expert_review: false, ...(severity >= 3 ? { rationale: 'serious' } : {}) });

const roleOf: Record<string, Role[]> = { olga: ['owner'], adam: ['adjudicator'], alice: ['rater'], bob: ['rater'] };

async function seed(hub: TestHub) {
  for (const [id, roles] of Object.entries(roleOf)) if (id !== 'olga') await hub.member(id, roles);
  await hub.member('ron', ['rater']);
  const r = await hub.call(hub.tokens.olga, 'POST', `/v1/members/ron/revoke`);
  expect(r.status).toBe(200);
  const source = [
    ev('workspace.created', 'olga', { workspaceId: 'ws-1', name: 'Team' }),
    ev('guideline.published', 'olga', { pack, fingerprint: packFingerprint(pack) }),
    ev('guideline.activated', 'olga', g),
    ev('samples.imported', 'olga', {
      source: { file: 'x.jsonl', format: 'jsonl' },
      map: {},
      ids: ['s1', 's2', 's3', 's4'],
      rows: ['s1', 's2', 's3', 's4'].map((id) => ({ id, input: `q ${id}`, output: `secret answer ${id}` })),
    }),
    ev('batch.created', 'olga', {
      batchId: 'b1',
      name: 'B1',
      guideline: g,
      options: {},
      items: [
        { sampleId: 's1', gold: true, raters: ['alice', 'bob'] },
        { sampleId: 's2', gold: false, raters: ['alice'] },
        { sampleId: 's3', gold: false, raters: ['bob'] },
      ],
    }),
    ev('gold.set', 'olga', { sampleId: 's1', guideline: g, values: label(['none'], 0) }),
  ];
  expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: source })).status).toBe(200);
  const bobLabel = ev('label.submitted', 'bob', { labelId: 'lb1', sampleId: 's1', raterId: 'bob', guideline: g, values: label(['none'], 0), timeSpentMs: 5 });
  expect((await hub.call(hub.tokens.bob, 'POST', '/v1/events', { events: [bobLabel] })).status).toBe(200);
}

/** A valid event of each type, as `who` would author it (own rater id, an item assigned to alice). */
function eventOf(type: EventType, who: string): ConcordEvent {
  const n = Math.random().toString(36).slice(2, 8);
  const payloads: { [T in EventType]: ConcordEvent<T>['payload'] } = {
    'workspace.created': { workspaceId: 'ws-1', name: 'Team' },
    'guideline.published': { pack: { ...pack, version: `9.${n.length}.${Date.now() % 1000}` }, fingerprint: 'f' },
    'guideline.activated': g,
    'workspace.setting': { key: 'agreementThreshold', value: 0.7 },
    'samples.imported': { source: { file: 'y.jsonl', format: 'jsonl' }, map: {}, ids: [`n${n}`], rows: [{ id: `n${n}`, input: 'q', output: 'a' }] },
    'samples.import_committed': { importId: `i${n}`, rows: 0 },
    'rater.created': { raterId: `p${n}`, name: 'P', roles: ['rater'] },
    'rater.roles_set': { raterId: 'alice', roles: ['rater'] },
    'label.submitted': { labelId: `l${n}`, sampleId: 's2', raterId: who, guideline: g, values: label(['none'], 0), timeSpentMs: 1 },
    'label.revised': { labelId: 'lb1', values: label(['none'], 1), timeSpentMs: 1 },
    'label.undone': { labelId: 'lb1', revisionEventId: 'x' },
    'item.marked': { raterId: who, sampleId: 's2', mark: 'skipped' },
    'item.unmarked': { raterId: who, sampleId: 's2' },
    'flag.resolved': { raterId: 'alice', sampleId: 's2', flagEventId: 'f-alice', note: 'label it under 2.1' },
    'gold.set': { sampleId: 's2', guideline: g, values: label(['none'], 0) },
    'gold.cleared': { sampleId: 's2' },
    'batch.created': { batchId: `b${n}`, name: 'B', guideline: g, options: {}, items: [{ sampleId: 's4', gold: false, raters: ['bob'] }] },
    'batch.requeued': { batchId: 'b1', guideline: g },
    'adjudication.sent_back': { sampleId: 's1', guideline: g, reason: 'look again' },
    'guideline.gap_flagged': { guideline: g, note: 'unclear' },
    'guideline.gap_resolved': { gapEventId: 'gap-1', note: 'covered in the next version' },
    'adjudication.recorded': { sampleId: 's1', guideline: g, values: label(['none'], 0), reason: 'rubric 2.1' },
    'adjudication.settled': { sampleId: 's1', guideline: g, values: label(['none'], 0), reason: 'rubric 2.1 wins', supersedes: [`a${n}`, `b${n}`] },
  };
  return ev(type, who, payloads[type] as never);
}

const ownerTypes: EventType[] = ['workspace.created', 'guideline.published', 'guideline.activated', 'workspace.setting', 'samples.imported', 'samples.import_committed', 'rater.created', 'rater.roles_set', 'gold.set', 'gold.cleared', 'batch.created', 'batch.requeued', 'label.submitted', 'flag.resolved', 'adjudication.settled', 'guideline.gap_resolved'];
// Owners write labels on a rater's behalf (imported from other tools), never revise, undo or mark for them.
const adjudicatorTypes: EventType[] = ['adjudication.sent_back', 'guideline.gap_flagged', 'adjudication.recorded', 'flag.resolved'];
// alice's label.revised / label.undone name bob's label: refused for her (tested on its own below).
const raterTypes: EventType[] = ['label.submitted', 'item.marked', 'item.unmarked'];
const allowedFor: Record<string, EventType[]> = { olga: ownerTypes, adam: adjudicatorTypes, alice: raterTypes };

describe.each(['sqlite', 'postgres'] as StoreKind[])('hub access, %s store', (kind) => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concord-hub-'));
    hub = await startTestHub(kind, dir);
    await seed(hub);
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const unchanged = async (fn: () => Promise<void>) => {
    const before = await hub.store.lastSeq(hub.project);
    const members = JSON.stringify((await hub.store.listMembers(hub.project)).map((m) => [m.id, m.roles, m.revokedAt]));
    await fn();
    expect(await hub.store.lastSeq(hub.project)).toBe(before);
    expect(JSON.stringify((await hub.store.listMembers(hub.project)).map((m) => [m.id, m.roles, m.revokedAt]))).toBe(members);
  };

  const routes: { method: string; route: string; body?: () => unknown; owner: number; others: number }[] = [
    { method: 'GET', route: '/v1/me', owner: 200, others: 200 },
    { method: 'GET', route: '/v1/events?after=0&limit=5', owner: 200, others: 200 },
    { method: 'GET', route: '/v1/members', owner: 200, others: 403 },
    { method: 'POST', route: '/v1/members', body: () => ({ id: `m${Math.random().toString(36).slice(2, 7)}`, name: 'New', roles: ['rater'] }), owner: 201, others: 403 },
    { method: 'POST', route: '/v1/members/ron/invitation', owner: 200, others: 403 },
    { method: 'POST', route: '/v1/members/ron/revoke', owner: 200, others: 403 },
  ];

  for (const r of routes) {
    it(`${r.method} ${r.route.split('?')[0]}: every role, no token, a wrong and a revoked token`, async () => {
      for (const who of ['adam', 'alice']) {
        const call = () => hub.call(hub.tokens[who], r.method, r.route, r.body?.());
        if (r.others === 403) {
          await unchanged(async () => {
            const res = await call();
            expect(res.status).toBe(403);
            expect(res.body.error).toEqual({ code: 'forbidden', message: expect.stringContaining('owner role') });
          });
        } else expect((await call()).status).toBe(r.others);
      }
      expect((await hub.call(hub.tokens.olga, r.method, r.route, r.body?.())).status).toBe(r.owner);
      for (const token of [undefined, 'cch_wrong', hub.tokens.ron]) {
        await unchanged(async () => {
          const res = await hub.call(token, r.method, r.route, r.body?.());
          expect(res.status).toBe(401);
          expect(res.body.error.code).toBe('unauthorized');
        });
      }
      // The revoked member is let back in by the invitation route: revoke again for the next routes.
      await hub.call(hub.tokens.olga, 'POST', '/v1/members/ron/revoke');
    });
  }

  it('answers the documented error shapes: 400, 404, 413, and names the member on /v1/me', async () => {
    const me = await hub.call(hub.tokens.alice, 'GET', '/v1/me');
    expect(me.body).toEqual({ member: 'alice', name: 'ALICE', roles: ['rater'], project: hub.project, projectName: 'Test project' });
    expect(Number(me.headers.get('x-concord-hub-time'))).toBeGreaterThan(0);
    await unchanged(async () => {
      expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [] })).body.error.code).toBe('invalid');
      expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { nope: 1 })).status).toBe(400);
      expect((await hub.call(hub.tokens.olga, 'GET', '/v1/events?limit=0')).status).toBe(400);
      expect((await hub.call(hub.tokens.olga, 'GET', '/v1/nothing')).status).toBe(404);
      const big = await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: ['x'.repeat(17 * 1024 * 1024)] });
      expect([big.status, big.body.error.code]).toEqual([413, 'too_large']);
      const bad = await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [{ ...eventOf('gold.cleared', 'olga'), payload: {} }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/payload\.sampleId/);
      // Malformed Authorization headers are refused, not guessed at.
      for (const header of [`bearer ${hub.tokens.olga}`, `Bearer  ${hub.tokens.olga}`, `Bearer ${hub.tokens.olga} x`, hub.tokens.olga]) {
        const res = await fetch(`${hub.url}/v1/me`, { headers: { Authorization: header } });
        expect(res.status).toBe(401);
      }
    });
  });

  for (const who of ['olga', 'adam', 'alice']) {
    it(`${who} (${roleOf[who].join(', ')}) may push exactly the event types its role allows, nothing stored otherwise`, async () => {
      const types = [...new Set([...ownerTypes, ...adjudicatorTypes, ...raterTypes, 'label.revised', 'label.undone'] as EventType[])];
      for (const type of types) {
        if (type === 'workspace.created') continue; // a second source workspace is a conflict (below)
        const e = eventOf(type, who);
        const allowed = allowedFor[who].includes(type);
        if (allowed) {
          const res = await hub.call(hub.tokens[who], 'POST', '/v1/events', { events: [e] });
          expect([type, res.status, res.body]).toEqual([type, 200, { stored: 1, duplicates: 0 }]);
        } else {
          await unchanged(async () => {
            const res = await hub.call(hub.tokens[who], 'POST', '/v1/events', { events: [e] });
            expect([type, res.status, res.body.error?.code, res.body.error?.event]).toEqual([type, 403, 'forbidden', e.id]);
          });
        }
      }
    });
  }

  it('refuses a rater pushing a label as another rater, for an item not assigned to it, or revising another rater`s label; the whole push is refused', async () => {
    const ok = eventOf('item.marked', 'alice');
    const cases: [ConcordEvent, RegExp][] = [
      [ev('label.submitted', 'alice', { labelId: 'x1', sampleId: 's2', raterId: 'bob', guideline: g, values: label(['none'], 0), timeSpentMs: 1 }), /only on their own labels/],
      [ev('label.submitted', 'bob', { labelId: 'x2', sampleId: 's3', raterId: 'bob', guideline: g, values: label(['none'], 0), timeSpentMs: 1 }), /authored by "bob"/],
      [ev('label.submitted', 'alice', { labelId: 'x3', sampleId: 's3', raterId: 'alice', guideline: g, values: label(['none'], 0), timeSpentMs: 1 }), /not assigned to alice/],
      [ev('label.revised', 'alice', { labelId: 'lb1', values: label(['none'], 2), timeSpentMs: 1 }), /revision of rater "bob" written by "alice"/],
      [ev('label.undone', 'alice', { labelId: 'nolabel', revisionEventId: 'r' }), /label is not known here/],
    ];
    for (const [bad, why] of cases) {
      await unchanged(async () => {
        const res = await hub.call(hub.tokens.alice, 'POST', '/v1/events', { events: [ok, bad] });
        expect(res.status).toBe(403);
        expect(res.body.error.event).toBe(bad.id);
        expect(res.body.error.message).toMatch(why);
      });
    }
  });

  it('refuses a second source workspace, and counts an event it has as a duplicate', async () => {
    await unchanged(async () => {
      const res = await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [ev('workspace.created', 'olga', { workspaceId: 'ws-2', name: 'Other' })] });
      expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
    });
    const e = eventOf('workspace.setting', 'olga');
    expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [e] })).body).toEqual({ stored: 1, duplicates: 0 });
    expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [e, eventOf('workspace.setting', 'olga')] })).body).toEqual({ stored: 1, duplicates: 1 });
  });

  it('gives each role only what it may read: raters their own assignments` rows and their own labels, never gold or others` labels', async () => {
    const all = async (who: string) => {
      const out: any[] = [];
      let after = 0;
      for (;;) {
        const page = (await hub.call(hub.tokens[who], 'GET', `/v1/events?after=${after}&limit=3`)).body;
        out.push(...page.events.map((e: { event: unknown }) => e.event));
        after = page.next;
        if (!page.more) return out;
      }
    };
    // An adjudicator answers alice's flag: the answer is hers to read, not bob's.
    const answer = ev('flag.resolved', 'adam', { raterId: 'alice', sampleId: 's2', flagEventId: 'f-read', note: 'label it under 2.1' });
    expect((await hub.call(hub.tokens.adam, 'POST', '/v1/events', { events: [answer] })).status).toBe(200);
    const alice = await all('alice');
    const types = alice.map((e) => e.type);
    expect(alice.filter((e) => e.type === 'flag.resolved').map((e) => e.id)).toContain(answer.id);
    expect((await all('bob')).filter((e) => e.type === 'flag.resolved')).toEqual([]);
    expect(types).not.toContain('gold.set');
    expect(types).not.toContain('adjudication.recorded');
    // Gap notes and their resolutions are the staff's: owners and adjudicators read them, raters never.
    const gap = ev('guideline.gap_flagged', 'adam', { guideline: g, note: 'satire is not covered' });
    const settled = ev('guideline.gap_resolved', 'olga', { gapEventId: gap.id, note: 'covered in the next version' });
    expect((await hub.call(hub.tokens.adam, 'POST', '/v1/events', { events: [gap] })).status).toBe(200);
    expect((await hub.call(hub.tokens.olga, 'POST', '/v1/events', { events: [settled] })).status).toBe(200);
    expect((await all('adam')).map((e) => e.id)).toEqual(expect.arrayContaining([gap.id, settled.id]));
    expect((await all('alice')).filter((e) => e.type.startsWith('guideline.gap_'))).toEqual([]);
    const rows = alice.filter((e) => e.type === 'samples.imported').flatMap((e) => e.payload.rows.map((r: { id: string }) => r.id));
    expect(rows.sort()).toEqual(['s1', 's2']);
    const batches = alice.filter((e) => e.type === 'batch.created' && e.payload.batchId === 'b1');
    expect(batches).toHaveLength(1);
    expect(batches[0].payload.items).toEqual([
      { sampleId: 's1', gold: false, raters: ['alice'] },
      { sampleId: 's2', gold: false, raters: ['alice'] },
    ]);
    const labels = alice.filter((e) => e.type.startsWith('label.'));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((e) => e.author === 'alice')).toBe(true);
    expect(alice.filter((e) => e.type === 'rater.created').map((e) => e.payload.raterId)).toEqual(['alice']);
    // Send-backs of her items reach her.
    expect(types).toContain('adjudication.sent_back');
    const adam = await all('adam');
    expect(adam.map((e) => e.type)).toEqual(expect.arrayContaining(['gold.set', 'adjudication.recorded', 'label.submitted']));
    expect(adam.filter((e) => e.type === 'batch.created' && e.payload.batchId === 'b1')[0].payload.items).toHaveLength(3);
    // Seq order is total, and every page is in order.
    const seqs = [];
    let after = 0;
    for (;;) {
      const page = (await hub.call(hub.tokens.olga, 'GET', `/v1/events?after=${after}&limit=4`)).body;
      seqs.push(...page.events.map((e: { seq: number }) => e.seq));
      after = page.next;
      if (!page.more) break;
    }
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
