import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { createBatch } from '../batches/createBatch';
import { importSamples } from '../import/importSamples';
import { appendEvents, newEvent } from '../store/eventLog';
import { openSqlite } from '../store/sqlite';
import { caller } from '../testing/api';
import { runConcord } from '../testing/cli';
import { createLegacyWorkspace, harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel, undoLastSubmission } from '../workspace/labels';
import { markItem } from '../workspace/marks';
import { DB_FILE, openWorkspace, type Workspace } from '../workspace/workspace';
import { exportBundle } from './exportBundle';
import { topLevelValueText } from './format';

// Sync without a server, through the real CLI: an owner's workspace, raters' replicas made from its
// bundle, labels made offline, bundles carried back in any order.

const tempDir = useTempDirs();
const values = [harmLabel(['none'], 0), harmLabel(['hate'], 1), harmLabel(['hate'], 2), harmLabel(['harassment'], 1)];

async function concord(...args: string[]) {
  const r = await runConcord(args);
  if (r.code !== 0) throw new Error(`concord ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}
const json = async (...args: string[]) => JSON.parse((await concord(...args)).stdout);

/** What rater `r` does offline: label every item in their queue, revise one, undo one, skip one. Same inputs, same labels. */
function labelQueue(ws: Workspace, rater: string, samples: string[]) {
  samples.forEach((s, i) => {
    const n = (Number(s.slice(1)) * 7 + rater.charCodeAt(1) * 3) % values.length;
    saveLabel(ws, { sampleId: s, raterId: rater, values: values[n], timeSpentMs: 1000 + i });
  });
  saveLabel(ws, { sampleId: samples[0], raterId: rater, values: values[2], timeSpentMs: 50 });
  saveLabel(ws, { sampleId: samples[1], raterId: rater, values: values[3], timeSpentMs: 60 });
  undoLastSubmission(ws, rater);
  markItem(ws, { raterId: rater, sampleId: samples.at(-1)!, mark: 'flagged', comment: 'unclear' });
}

const queueOf = (ws: Workspace, rater: string) =>
  ws.db.prepare('SELECT sample_id FROM assignments WHERE rater_id = ? ORDER BY queue_pos').pluck().all(rater) as string[];

describe('bundles', () => {
  it("raters' replicas made from the owner's bundle label offline; carried back in any order, the owner's agreement and export equal one workspace where the same labels were made directly", async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 24);
    createBatch(owner, { name: 'round 1', size: 10, seed: 5, overlap: { k: 3 }, raters: ['r1', 'r2', 'r3'] }, TEST_OWNER);
    owner.close();
    const ownerDir = path.join(dir, 'ws');
    const start = path.join(dir, 'owner.bundle');
    expect(await json('bundle', 'export', '--workspace', ownerDir, '--out', start, '--json')).toMatchObject({ events: expect.any(Number), after: 0 });
    expect(readFileSync(start, 'utf8').split('\n')[0]).toMatch(/^\{"concord_bundle":1,"workspace":"[0-9a-f-]{36}"/);

    // Three replicas, and a fourth where everyone labels on one machine, all from the owner's bundle.
    const dirs = { r1: path.join(dir, 'r1'), r2: path.join(dir, 'r2'), r3: path.join(dir, 'r3'), direct: path.join(dir, 'direct') };
    const made = await Promise.all(Object.values(dirs).map((d) => json('bundle', 'import', '--workspace', d, '--file', start, '--json')));
    for (const report of made) expect(report).toMatchObject({ duplicates: 0, pending: 0, rejected: [], setAside: [] });

    // r2 hands over only what is new since an export made right after joining. On a replica the CLI
    // acts as the profile `--as` names (no owner there is this machine's): each rater as themselves.
    await concord('bundle', 'export', '--workspace', dirs.r2, '--out', path.join(dir, 'r2-joined.bundle'), '--as', 'r2');
    for (const rater of ['r1', 'r2', 'r3'] as const) {
      const ws = openWorkspace(dirs[rater]);
      const queue = queueOf(ws, rater);
      expect(queue).toHaveLength(10);
      if (rater === 'r3') {
        // r3 exports halfway, labels the rest, and exports what is new.
        labelQueue(ws, rater, queue.slice(0, 5));
        ws.close();
        await concord('bundle', 'export', '--workspace', dirs.r3, '--out', path.join(dir, 'r3-a.bundle'), '--as', 'r3');
        const again = openWorkspace(dirs.r3);
        labelQueue(again, rater, queue.slice(5));
        saveLabel(again, { sampleId: queue[0], raterId: rater, values: values[0], timeSpentMs: 70 }); // revises a label of the first bundle
        again.close();
        await concord('bundle', 'export', '--workspace', dirs.r3, '--out', path.join(dir, 'r3-b.bundle'), '--since', path.join(dir, 'r3-a.bundle.cursor'), '--as', 'r3');
      } else {
        labelQueue(ws, rater, queue);
        ws.close();
      }
    }
    await concord('bundle', 'export', '--workspace', dirs.r1, '--out', path.join(dir, 'r1.bundle'), '--as', 'r1');
    const r2Summary = await json('bundle', 'export', '--workspace', dirs.r2, '--out', path.join(dir, 'r2.bundle'), '--since', path.join(dir, 'r2-joined.bundle.cursor'), '--json', '--as', 'r2');
    expect(r2Summary.after).toBeGreaterThan(0);

    // The same labels made directly on one machine, rater by rater.
    const direct = openWorkspace(dirs.direct);
    for (const rater of ['r1', 'r2', 'r3']) {
      const queue = queueOf(direct, rater);
      if (rater === 'r3') {
        labelQueue(direct, rater, queue.slice(0, 5));
        labelQueue(direct, rater, queue.slice(5));
        saveLabel(direct, { sampleId: queue[0], raterId: rater, values: values[0], timeSpentMs: 70 });
      } else labelQueue(direct, rater, queue);
    }
    direct.close();

    // Back at the owner, in a scrambled order: r3's second bundle before its first, so its revisions
    // of labels it submitted in the first wait until then.
    const first = await json('bundle', 'import', '--workspace', ownerDir, '--file', path.join(dir, 'r3-b.bundle'), '--json');
    expect(first.pending).toBeGreaterThan(0);
    expect(first.rejected).toEqual([]);
    for (const b of ['r1.bundle', 'r2.bundle', 'r3-a.bundle']) {
      const report = await json('bundle', 'import', '--workspace', ownerDir, '--file', path.join(dir, b), '--json');
      expect(report).toMatchObject({ pending: 0, rejected: [], setAside: [] });
    }
    expect(await json('status', '--workspace', ownerDir, '--json')).toMatchObject({ pendingEvents: 0, setAsideEvents: 0 });
    // Importing a bundle again changes nothing.
    const again = await json('bundle', 'import', '--workspace', ownerDir, '--file', path.join(dir, 'r1.bundle'), '--json');
    expect(again).toMatchObject({ applied: 0, pending: 0, rejected: [] });
    expect(again.duplicates).toBeGreaterThan(0);

    const [ownerAgreement, directAgreement] = await Promise.all([ownerDir, dirs.direct].map((d) => concord('agreement', '--workspace', d, '--json', '--as', TEST_OWNER)));
    expect(JSON.parse(ownerAgreement.stdout).counts).toMatchObject({ labels: 30, items: 10, raters: 3 });
    expect(ownerAgreement.stdout).toBe(directAgreement.stdout);
    await Promise.all([ownerDir, dirs.direct].map((d) => concord('export', '--workspace', d, '--out', path.join(d, 'labels.jsonl'), '--as', TEST_OWNER)));
    const exported = readFileSync(path.join(ownerDir, 'labels.jsonl'), 'utf8');
    expect(exported.split('\n').filter(Boolean)).toHaveLength(10);
    expect(exported).toBe(readFileSync(path.join(dirs.direct, 'labels.jsonl'), 'utf8'));
  });

  it("a rater's replica: the CLI acts there only as --as PROFILE (no owner is this machine's), the app signs in to its profiles, and the rater's labels made there come back authored by the rater", async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 6);
    createBatch(owner, { name: 'solo', size: 4, seed: 2, overlap: { k: 1 }, raters: ['r1'] }, TEST_OWNER);
    owner.close();
    const ownerDir = path.join(dir, 'ws');
    const start = path.join(dir, 'start.bundle');
    await concord('bundle', 'export', '--workspace', ownerDir, '--out', start);
    const replica = path.join(dir, 'r1-laptop');
    expect((await concord('bundle', 'import', '--workspace', replica, '--file', start)).stdout).toMatch(/a replica of workspace .*--as PROFILE/);

    // The OS user (test-runner) is no owner here: acting as the workspace's owner by default would
    // put the owner's name on whatever is done on the rater's laptop.
    const anonymous = await runConcord(['status', '--workspace', replica]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/made from a bundle, and none of its owner profiles is the OS user's \("test-runner"\): say who acts with --as PROFILE \(its profiles: r1 \(rater\), r2 \(rater\), r3 \(rater\), tester \(owner\)\)/);
    expect((await json('status', '--workspace', replica, '--json', '--as', 'r1')).samples).toBe(6);
    const notOwner = await runConcord(['batch', '--workspace', replica, '--name', 'b', '--size', '1', '--seed', '1', '--raters', 'r1', '--as', 'r1']);
    expect(notOwner.code).toBe(2);
    expect(notOwner.stderr.trim()).toBe('concord batch: concord batch needs the owner role; r1 has rater');
    // Where the OS user is an owner's id, that owner is the local owner on a replica too.
    expect((await runConcord(['status', '--workspace', replica], { CONCORD_USER: TEST_OWNER })).code).toBe(0);

    // The app on the replica: sign in as r1 and label the queue, through the engine's dispatcher.
    const ws = openWorkspace(replica);
    const app = caller(ws);
    expect((await app.call('listProfiles')).map((p: { id: string }) => p.id)).toEqual(['r1', 'r2', 'r3', TEST_OWNER]);
    await app.call('signIn', { profileId: 'r1' });
    expect(await app.call('currentProfile')).toMatchObject({ id: 'r1', roles: ['rater'] });
    const queue = await app.call('queue', {});
    expect(queue.items).toHaveLength(4);
    for (const item of queue.items) await app.call('saveLabel', { sampleId: item.sampleId, values: values[1], timeSpentMs: 900 });
    ws.close();

    const back = path.join(dir, 'r1.bundle');
    await concord('bundle', 'export', '--workspace', replica, '--out', back, '--as', 'r1');
    expect(await json('bundle', 'import', '--workspace', ownerDir, '--file', back, '--json')).toMatchObject({ applied: 4, rejected: [], setAside: [] });
    const db = openSqlite(path.join(ownerDir, DB_FILE));
    expect(db.prepare(`SELECT DISTINCT author FROM events WHERE type = 'label.submitted'`).pluck().all()).toEqual(['r1']);
    db.close();
    expect((await json('agreement', '--workspace', ownerDir, '--json')).counts).toMatchObject({ labels: 4 });
  });

  it("refuses what the importing workspace does not allow its author, keeping the rest; refuses another workspace's bundle and a malformed line, changing nothing", async () => {
    const dir = tempDir();
    const owner = await makeWorkspace(dir, 6);
    owner.close();
    const ownerDir = path.join(dir, 'ws');
    const start = path.join(dir, 'owner.bundle');
    await concord('bundle', 'export', '--workspace', ownerDir, '--out', start);
    const raterDir = path.join(dir, 'r1');
    await concord('bundle', 'import', '--workspace', raterDir, '--file', start);
    const rater = openWorkspace(raterDir);
    saveLabel(rater, { sampleId: 's0', raterId: 'r1', values: values[1], timeSpentMs: 1 });
    // A label of r2's written by r1 (the engine's API would refuse it; a replica's log can hold anything).
    const forgery = newEvent('label.submitted', 'r1', { labelId: uuidv7(), sampleId: 's1', raterId: 'r2', guideline: { id: 'harm-taxonomy', version: '1.1.0' }, values: values[2], timeSpentMs: 1 });
    appendEvents(rater.db, [forgery]);
    markItem(rater, { raterId: 'r1', sampleId: 's2', mark: 'skipped' });
    const forged = forgery.id;
    rater.close();
    const bundle = path.join(dir, 'r1.bundle');
    // A cursor counts one replica's log: the owner's is refused here.
    const wrongCursor = await runConcord(['bundle', 'export', '--workspace', raterDir, '--out', bundle, '--since', `${start}.cursor`, '--as', 'r1']);
    expect(wrongCursor.code).toBe(2);
    expect(wrongCursor.stderr).toMatch(/saved by another copy of this workspace/);
    await concord('bundle', 'export', '--workspace', raterDir, '--out', bundle, '--as', 'r1');

    const before = await json('status', '--workspace', ownerDir, '--json');
    const report = await json('bundle', 'import', '--workspace', ownerDir, '--file', bundle, '--json');
    expect(report).toEqual({
      applied: 2,
      duplicates: before.events,
      pending: 0,
      rejected: [{ event: forged, reason: 'a label of rater "r2" written by "r1": a rater acts only on their own labels and marks' }],
      setAside: [],
    });
    const after = await json('status', '--workspace', ownerDir, '--json');
    expect(after).toMatchObject({ labels: 1, events: before.events + 2 });

    // Another workspace's bundle: exit 2, nothing imported.
    const stranger = await makeWorkspace(path.join(dir, 'stranger'), 1);
    stranger.close();
    const foreign = path.join(dir, 'stranger.bundle');
    await concord('bundle', 'export', '--workspace', path.join(dir, 'stranger', 'ws'), '--out', foreign);
    const refused = await runConcord(['bundle', 'import', '--workspace', ownerDir, '--file', foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is a bundle of workspace [0-9a-f-]+; .* is workspace [0-9a-f-]+: nothing was imported/);

    // A malformed line: exit 2 with its number; the good lines before it are not applied either.
    const lines = readFileSync(bundle, 'utf8').split('\n');
    const fresh = path.join(dir, 'fresh');
    writeFileSync(path.join(dir, 'bad.bundle'), [...lines.slice(0, 4), '{"id": "not an event"}', ...lines.slice(4)].join('\n'));
    const bad = await runConcord(['bundle', 'import', '--workspace', fresh, '--file', path.join(dir, 'bad.bundle')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.bundle line 5: .*nothing was imported/);
    expect((await runConcord(['status', '--workspace', fresh])).code).toBe(2); // no workspace was made
    expect((await json('status', '--workspace', ownerDir, '--json')).events).toBe(after.events);
  });

  it("checks an author's roles as the importing replica knows them: the workspace's creator is an owner only until their profile says otherwise", async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 2);
    ws.close();
    const ownerDir = path.join(dir, 'ws');
    await concord('profiles', 'add', '--workspace', ownerDir, '--id', 'olga', '--roles', 'owner');
    const start = path.join(dir, 'start.bundle');
    await concord('bundle', 'export', '--workspace', ownerDir, '--out', start);
    const laptop = path.join(dir, 'laptop');
    await concord('bundle', 'import', '--workspace', laptop, '--file', start);
    // Olga takes the owner role from the workspace's creator; on their laptop, not yet told, they import samples.
    await concord('profiles', 'roles', '--workspace', ownerDir, '--id', TEST_OWNER, '--roles', 'rater', '--as', 'olga');
    const more = path.join(dir, 'more.jsonl');
    writeFileSync(more, JSON.stringify({ id: 'late', input: 'q', output: 'o' }) + '\n');
    await concord('import', '--workspace', laptop, '--file', more, '--as', TEST_OWNER);
    const back = path.join(dir, 'laptop.bundle');
    await concord('bundle', 'export', '--workspace', laptop, '--out', back, '--as', TEST_OWNER);
    const report = await json('bundle', 'import', '--workspace', ownerDir, '--file', back, '--json');
    expect(report.rejected).toEqual([{ event: expect.any(String), reason: `importing samples needs the owner role; "${TEST_OWNER}" has rater` }]);
    expect((await json('status', '--workspace', ownerDir, '--json', '--as', 'olga')).samples).toBe(2);
  });

  it('a workspace made before profiles had roles: its first owner created itself, and a replica made from its bundle accepts that and what the owner did', async () => {
    const dir = tempDir();
    const legacy = path.join(dir, 'legacy');
    createLegacyWorkspace(legacy);
    const samples = path.join(dir, 'samples.jsonl');
    writeFileSync(samples, ['a', 'b'].map((id) => JSON.stringify({ id, input: 'q', output: 'o' })).join('\n'));
    // The first CLI write creates the local owner (test-runner), authored by itself.
    await concord('import', '--workspace', legacy, '--file', samples);
    const bundle = path.join(dir, 'legacy.bundle');
    await concord('bundle', 'export', '--workspace', legacy, '--out', bundle);
    const report = await json('bundle', 'import', '--workspace', path.join(dir, 'replica'), '--file', bundle, '--json');
    expect(report).toMatchObject({ applied: 3, rejected: [], setAside: [] });
    expect(await json('profiles', 'list', '--workspace', path.join(dir, 'replica'), '--json', '--as', 'test-runner')).toEqual([{ id: 'test-runner', name: 'test-runner', roles: ['owner'] }]);
  });

  it('leaves withheld events out, and its cursor stops before the first, so a later bundle carries them', async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 3);
    const ids = ws.db.prepare('SELECT seq, id FROM events ORDER BY seq').all() as { seq: number; id: string }[];
    const held = ids[4];
    const out = path.join(dir, 'b.bundle');
    const summary = exportBundle(ws, { out, withhold: (e) => e.seq === held.seq });
    expect(summary).toMatchObject({ events: ids.length - 1, withheld: 1 });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]).events).toBe(ids.length - 1);
    expect(lines.slice(1).map((l) => JSON.parse(l).id)).toEqual(ids.filter((e) => e !== held).map((e) => e.id));
    expect(JSON.parse(readFileSync(summary.cursor, 'utf8')).seq).toBe(held.seq - 1);
    const next = exportBundle(ws, { out: path.join(dir, 'c.bundle'), since: summary.cursor });
    expect(next.events).toBe(ids.length - held.seq + 1);
    ws.close();
  });

  it('leaves out an import still running (its events must not leave this machine yet), and the next bundle from its cursor carries it whole', async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 2);
    const file = path.join(dir, 'more.jsonl');
    writeFileSync(file, Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `m${i}`, input: 'q', output: `o ${i}` })).join('\n') + '\n');
    const during = path.join(dir, 'during.bundle');
    let summary: ReturnType<typeof exportBundle> | undefined;
    // Ten rows per transaction, five per event: the bundle is taken after the import's first transaction.
    const onProgress = (p: { phase: string }) => {
      if (p.phase === 'import' && !summary) summary = exportBundle(ws, { out: during });
    };
    expect((await importSamples(ws, { file, batchSize: 10, rowsPerEvent: 5, onProgress }, TEST_OWNER)).imported).toBe(40);
    expect(summary).toMatchObject({ withheld: 2 });
    const carried = (bundle: string) => readFileSync(bundle, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { type: string; payload: { importId?: string } });
    expect(carried(during).filter((e) => e.payload.importId)).toEqual([]);
    const order = ws.db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all();
    ws.close();

    const replica = path.join(dir, 'replica');
    await concord('bundle', 'import', '--workspace', replica, '--file', during);
    const samplesIn = (d: string) => {
      const db = openSqlite(path.join(d, DB_FILE), { readonly: true });
      try {
        return db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all();
      } finally {
        db.close();
      }
    };
    expect(samplesIn(replica)).toEqual(['s0', 's1']);

    const after = path.join(dir, 'after.bundle');
    expect(await json('bundle', 'export', '--workspace', path.join(dir, 'ws'), '--out', after, '--since', summary!.cursor, '--json')).toMatchObject({ withheld: 0 });
    const types = carried(after).map((e) => e.type);
    expect(types.filter((t) => t === 'samples.imported')).toHaveLength(8);
    expect(types.at(-1)).toBe('samples.import_committed');
    expect(await json('bundle', 'import', '--workspace', replica, '--file', after, '--json', '--as', TEST_OWNER)).toMatchObject({ rejected: [], setAside: [], pending: 0 });
    expect(samplesIn(replica)).toEqual(order);
    expect(order).toHaveLength(42);
  });

  it("warns of events stamped far ahead of this machine's clock, and still applies them", async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 2);
    const out = path.join(dir, 'b.bundle');
    exportBundle(ws, { out });
    ws.close();
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    // A setting written on a machine whose clock is three hours ahead.
    const hlc = `${new Date(Date.now() + 3 * 3600_000).toISOString()}-0000-dddddddddddddddd`;
    const founder = JSON.parse(lines[1]).author;
    lines.push(JSON.stringify({ id: '00000000-0000-7000-8000-0000000000dd', type: 'workspace.setting', author: founder, ts: new Date().toISOString(), hlc, origin: '00000000-0000-7000-8000-dddddddddddd', payload: { key: 'agreementThreshold', value: 0.9 } }));
    writeFileSync(out, lines.join('\n') + '\n');
    const r = await runConcord(['bundle', 'import', '--workspace', path.join(dir, 'replica'), '--file', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ applied: lines.length - 1, rejected: [] });
    expect(r.stderr).toMatch(/warning: 1 event\(s\) are stamped up to 3\.0 h ahead of this machine's clock/);
  });

  it('keeps each payload exactly as stored, whatever the member order of the line', () => {
    const payload = '{"b": [1, {"x": "}"}], "a": "\\"q\\""}';
    expect(topLevelValueText(`{"payload": ${payload}, "id": "x"}`, 'payload')).toBe(payload);
    expect(topLevelValueText(`{"id":"x","payload":${payload}}`, 'payload')).toBe(payload);
    expect(topLevelValueText(`{"id":"x","nested":{"payload":1}}`, 'payload')).toBeUndefined();
  });
});
