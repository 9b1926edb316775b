import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ApiContract, type ApiName } from '../../shared/api/contract';
import type { Access, InputOf } from '../../shared/api/define';
import { SESSION_HEADER } from '../../shared/api/http';
import type { Role } from '../../shared/auth/roles';
import { startTestHub, type TestHub } from '../../hub/testing/hub';
import { createBatch } from '../batches/createBatch';
import { appendEvents, newEvent } from '../store/eventLog';
import { connectWorkspace } from '../sync/connect';
import { hubClient } from '../sync/hubClient';
import { syncWorkspace } from '../sync/sync';
import { serveWorkspace } from '../server/main';
import { projectionTables } from '../store/projections';
import { openSqlite } from '../store/sqlite';
import { caller } from '../testing/api';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { setGold } from '../workspace/gold';
import { getGuideline } from '../workspace/guidelines';
import { saveLabel } from '../workspace/labels';
import { markItem } from '../workspace/marks';
import { createRater } from '../workspace/raters';
import { DB_FILE, openWorkspace } from '../workspace/workspace';

// Every contract call x every role (and no session), through the dispatcher and through the real
// HTTP bridge. The rows come from the contract itself, and `inputs` must name every call (the type
// checker refuses a missing one), so a new call cannot be left out. An allowed call must succeed
// (and a read must change nothing); a refused one must name the missing role and change nothing:
// the same event count and byte-identical projection tables.

const tempDir = useTempDirs();

/** One profile per role, holding only that role. */
const AS: Record<Role, string> = { rater: 'rita', adjudicator: 'adam', owner: 'olga' };
const CALLERS = [null, 'rater', 'adjudicator', 'owner'] as const;
type Caller = (typeof CALLERS)[number];

interface Fixture {
  batchId: string;
  /** In rita's queue, labeled by r2 and r3 differently: what there is to adjudicate. */
  disputed: string;
  /** In rita's queue, still to do. */
  todo: string;
  /** Skipped by rita. */
  marked: string;
  /** Flagged by rita, the flag open. */
  flagged: string;
  /** A gold item. */
  gold: string;
  /** A valid next version of the active guideline. */
  draft: unknown;
  /** An item two adjudications made concurrently leave conflicting, and the first of them. */
  conflict: { sampleId: string; adjudication: string };
  /** An open gap note (the guideline.gap_flagged event's id). */
  gap: string;
}

/** Invitations need a new member id each time (the hub keeps every member). */
let invited = 0;

/** A valid input for every call, for the fixture's workspace. */
function inputs(f: Fixture): { [K in ApiName]: InputOf<ApiContract[K]> } {
  const values = harmLabel(['none'], 0);
  const pack = f.draft;
  return {
    appInfo: {},
    launchState: {},
    startDemo: {},
    startLocal: { name: 'Mine', ownerId: 'me', ownerName: 'Me' },
    joinTeam: { hubUrl: 'http://127.0.0.1:9', token: 'cch_x' },
    syncStatus: {},
    syncNow: {},
    setHubToken: { token: 'cch_x' },
    getGuideline: { id: 'harm-taxonomy', version: '1.1.0' },
    listProfiles: {},
    currentProfile: {},
    signIn: { profileId: 'r2' },
    signOut: {},
    createProfile: { id: 'newcomer', name: 'New Comer', roles: ['rater'] },
    setProfileRoles: { profileId: 'r2', roles: ['rater', 'adjudicator'] },
    queue: {},
    nextTodo: {},
    getItem: { sampleId: f.disputed },
    saveLabel: { sampleId: f.todo, values, timeSpentMs: 1000 },
    skipItem: { sampleId: f.todo },
    flagItem: { sampleId: f.todo, comment: 'the prompt is cut off' },
    clearMark: { sampleId: f.marked },
    undoLastSubmission: {},
    createBatch: { name: 'second', size: 2, seed: 2, overlap: { k: 1 }, raters: ['rita'] },
    batchPool: {},
    listBatches: {},
    batchDetail: { batchId: f.batchId },
    setGold: { sampleId: f.todo, values },
    clearGold: { sampleId: f.gold },
    setBatchVersion: { batchId: f.batchId, action: 'requeue', guideline: { id: 'harm-taxonomy', version: '1.0.0' } },
    agreement: { bootstrap: 0 },
    setAgreementThreshold: { threshold: 0.7 },
    setGraderScoresVisible: { visible: true },
    listGuidelineVersions: {},
    diffGuidelines: { id: 'harm-taxonomy', from: '1.0.0', to: '1.1.0' },
    checkGuidelineDraft: { pack },
    publishGuideline: { pack, activate: false },
    savedGuidelineDraft: {},
    saveGuidelineDraft: { base: { id: 'harm-taxonomy', version: '1.1.0' }, mode: 'form', pack },
    discardGuidelineDraft: {},
    resolveGuidelineGap: { gapId: f.gap, note: 'covered by the satire section', addressedIn: '1.1.0' },
    graders: { bootstrap: 0 },
    exportLabels: {},
    disagreements: { rule: { kind: 'any' } },
    adjudicationItem: { sampleId: f.disputed },
    adjudicate: { sampleId: f.disputed, values, reason: 'the rubric says none' },
    sendBack: { sampleId: f.disputed, reason: 'the rubric changed' },
    flags: {},
    resolveFlag: { raterId: 'rita', sampleId: f.flagged, note: 'label it: the rubric covers satire' },
    flagGuidelineGap: { note: 'no guidance for satire' },
    team: {},
    inviteMember: { id: `newcomer-${++invited}`, name: 'New Comer', roles: ['rater'] },
    // A revoked member let back in: the hub announces it, so the workspace hears of it.
    reinviteMember: { memberId: 'gone' },
    revokeMember: { memberId: 'r3' },
    adjudicationConflicts: {},
    settleConflict: { sampleId: f.conflict.sampleId, choose: f.conflict.adjudication },
  };
}

/**
 * Calls that answer only in a state the fixture (a local workspace, open) is not in: the first-run
 * choices (before there is a workspace) and sync (with a hub). An allowed caller gets this refusal,
 * and nothing changes; core/launch/appEngine.test.ts and core/sync/background.test.ts run them where they apply.
 */
const NOT_HERE: Partial<Record<ApiName, RegExp>> = {
  startDemo: /^this app already has its workspace/,
  startLocal: /^this app already has its workspace/,
  joinTeam: /^this app already has its workspace/,
  setHubToken: /token|refused|invitation/i,
};

/** Whether the access rule lets this caller in (the workspace has profiles, so `firstProfile` does not apply). */
function allowed(access: Access, who: Caller): boolean {
  if (access.roles === 'no-session') return true;
  if (who === null) return false;
  return access.roles === 'signed-in' || access.roles.includes(who);
}

/** The whole stored state: every event and every projection table, as text. */
function snapshot(dir: string) {
  const db = openSqlite(path.join(dir, DB_FILE), { readonly: true });
  try {
    const rows = (sql: string) => (db.prepare(sql).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    return {
      events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
      tables: Object.fromEntries(projectionTables.map((t) => [t, rows(`SELECT * FROM ${t}`)])),
    };
  } finally {
    db.close();
  }
}

let template: string;
let fixture: Fixture;
let hub: TestHub | undefined;
let cleanup = () => {};
afterAll(async () => {
  await hub?.close();
  cleanup();
});

beforeAll(async () => {
  // Not a useTempDirs() directory: those go after each test, and this one serves them all.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concord-matrix-'));
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  const ws = await makeWorkspace(dir, 20, ['r2', 'r3']);
  for (const [role, id] of Object.entries(AS)) createRater(ws, { id, name: id, roles: [role as Role] }, TEST_OWNER);
  const batch = createBatch(ws, { name: 'pilot', size: 6, seed: 1, overlap: { k: 3 }, raters: ['rita', 'r2', 'r3'] }, TEST_OWNER);
  const queue = ws.db.prepare(`SELECT sample_id FROM assignments WHERE rater_id = 'rita' ORDER BY queue_pos`).pluck().all() as string[];
  const [disputed, done, marked, todo, flagged] = queue;
  saveLabel(ws, { raterId: 'r2', sampleId: disputed, values: harmLabel(['hate'], 2), timeSpentMs: 1 });
  saveLabel(ws, { raterId: 'r3', sampleId: disputed, values: harmLabel(['none'], 0), timeSpentMs: 1 });
  saveLabel(ws, { raterId: 'rita', sampleId: done, values: harmLabel(['none'], 0), timeSpentMs: 1 });
  markItem(ws, { raterId: 'rita', sampleId: marked, mark: 'skipped' });
  markItem(ws, { raterId: 'rita', sampleId: flagged, mark: 'flagged', comment: 'satire?' });
  const gold = ws.db.prepare('SELECT id FROM samples ORDER BY ordinal DESC LIMIT 1').pluck().get() as string;
  setGold(ws, { sampleId: gold, values: harmLabel(['none'], 0) }, TEST_OWNER);
  // Two adjudications of `done`, neither seeing the other (as on two machines offline): a conflict.
  const concurrent = [0, 1].map((i) => newEvent('adjudication.recorded', 'adam', { sampleId: done, guideline: { id: 'harm-taxonomy', version: '1.1.0' }, values: harmLabel(['none'], i), reason: `take ${i}`, supersedes: [] }));
  appendEvents(ws.db, concurrent);
  const gap = newEvent('guideline.gap_flagged', 'adam', { guideline: { id: 'harm-taxonomy', version: '1.1.0' }, sampleId: disputed, note: 'no guidance for satire' });
  appendEvents(ws.db, [gap]);
  const current = getGuideline(ws, { id: 'harm-taxonomy', version: '1.1.0' })!;
  const draft = { ...current, version: '1.2.0', changelog: [...current.changelog, { version: '1.2.0', changes: ['Satire.'] }], mapping: { from: '1.1.0', fields: {} } };
  ws.close();
  template = path.join(dir, 'ws');
  // The workspace is the source of a hub project whose owner is olga: the team calls reach a real hub.
  hub = await startTestHub('sqlite', dir);
  for (const id of ['r3', 'gone']) await hub.member(id, ['rater']);
  await hub.call(hub.tokens.olga, 'POST', '/v1/members/gone/revoke');
  await connectWorkspace(template, hub.url, hub.tokens.olga);
  // Up to date with the hub (its member announcements pulled), so a bridge's background sync brings nothing in.
  const synced = openWorkspace(template);
  await syncWorkspace(synced, hubClient(hub.url, hub.tokens.olga));
  synced.close();
  fixture = { batchId: batch.batchId, disputed, todo, marked, flagged, gold, draft, conflict: { sampleId: done, adjudication: concurrent[0].id }, gap: gap.id };
});

/** A fresh copy of the fixture workspace for one cell of the matrix. */
function freshCopy(): string {
  const dir = path.join(tempDir(), 'ws');
  cpSync(template, dir, { recursive: true });
  return dir;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

async function viaDispatch(dir: string, name: ApiName, input: unknown, who: Caller): Promise<Outcome> {
  const ws = openWorkspace(dir);
  try {
    return await caller(ws, who && AS[who]).raw(name, input);
  } finally {
    ws.close();
  }
}

async function viaHttp(dir: string, name: ApiName, input: unknown, who: Caller): Promise<Outcome> {
  // No background sync: the copies share one hub project, and one copy's pushes must not reach the next.
  const server = await serveWorkspace(dir, { staticDir: tempDir(), sync: false });
  try {
    const post = async (call: string, body: unknown, session?: string) => {
      const res = await fetch(`${server.url}api/${call}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...(session ? { [SESSION_HEADER]: session } : {}) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Outcome;
    };
    let session: string | undefined;
    if (who) {
      const signedIn = await post('signIn', { profileId: AS[who] });
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      session = (signedIn.value as { session: string }).session;
    }
    return await post(name, input, session);
  } finally {
    await server.close();
  }
}

const names = Object.keys(contract) as ApiName[];

describe.each([
  ['dispatch', viaDispatch],
  ['the HTTP bridge', viaHttp],
] as const)('the role matrix, through %s', (_bridge, run) => {
  it.each(names)('%s', async (name) => {
    const access = contract[name].access as Access;
    const input = inputs(fixture)[name];
    for (const who of CALLERS) {
      const dir = freshCopy();
      const before = snapshot(dir);
      const result = await run(dir, name, input, who);
      const after = snapshot(dir);
      const cell = `${name} as ${who ?? 'no session'}`;
      if (allowed(access, who) && NOT_HERE[name]) {
        expect(result, cell).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringMatching(NOT_HERE[name]!) } });
        expect(after, `${cell}: a refused call changed the workspace`).toEqual(before);
      } else if (allowed(access, who)) {
        expect(result, cell).toMatchObject({ ok: true });
        if (!access.writes) expect(after, `${cell}: a read changed the workspace`).toEqual(before);
        // A sync records what the hub has that this copy lacks: maybe nothing.
        else if (name === 'syncNow') expect(after.events, cell).toBeGreaterThanOrEqual(before.events);
        else expect(after.events, `${cell}: a write recorded nothing`).toBeGreaterThan(before.events);
      } else {
        const expected =
          who === null
            ? `${name} needs a signed-in profile${access.roles === 'signed-in' ? '' : ` with the ${(access.roles as Role[]).join(' or ')} role`}; no one is signed in`
            : `${name} needs the ${(access.roles as Role[]).join(' or ')} role; ${AS[who]} has ${who}`;
        expect(result, cell).toEqual({ ok: false, error: { kind: 'input', message: expected } });
        expect(after, `${cell}: a refused call changed the workspace`).toEqual(before);
      }
    }
  });
});

describe('who may call what, pinned', () => {
  // The matrix above follows the contract; this pins the policy itself, so loosening a rule is a
  // visible change to a test as well as to the contract and the README.
  it('matches the README table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Who may call what'));
    const table = new Map(
      section
        .split('\n')
        .filter((l) => /^\| `\w+` \|/.test(l))
        .map((l) => {
          const [call, who, writes] = l.split('|').slice(1, 4).map((c) => c.trim());
          return [call.replace(/`/g, ''), { who, writes }];
        }),
    );
    expect([...table.keys()].sort()).toEqual([...names].sort());
    for (const name of names) {
      const access = contract[name].access as Access;
      const who =
        access.roles === 'no-session' ? 'anyone' : access.roles === 'signed-in' ? 'signed in' : access.roles.join(', ') + (access.firstProfile ? ' (anyone, for the first profile)' : '');
      expect(table.get(name), name).toEqual({ who, writes: access.writes ? 'writes' : 'reads' });
    }
  });
});
