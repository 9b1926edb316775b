import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { appendEvents, newEvent, readEvents, rebuildProjections } from './eventLog';
import { listMigrations, migrate } from './migrate';
import { openSqlite } from './sqlite';
import { listPending } from './merge/waiting';
import { nodeOf } from '../../shared/clock/hlc';

const tempDir = useTempDirs();

function freshDb() {
  const db = openSqlite(path.join(tempDir(), 'w.db'));
  migrate(db);
  return db;
}

function importEvent(ids: string[]) {
  return newEvent('samples.imported', 'tester', {
    source: { file: 'x.jsonl', format: 'jsonl' },
    map: {},
    ids,
    rows: ids.map((id) => JSON.stringify({ id, input: 'hi', output: `out ${id}` })),
  });
}

describe('migrations', () => {
  it('create every table on a new database and record the schema version', () => {
    const db = freshDb();
    expect(db.pragma('user_version', { simple: true })).toBe(listMigrations().at(-1)!.version);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['events', 'sample_rows', 'labels', 'label_revisions', 'guidelines', 'raters', 'adjudications', 'meta']));
    expect(db.prepare(`SELECT type FROM sqlite_master WHERE name = 'samples'`).pluck().get()).toBe('view');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('bring an existing database forward without touching its data, and run nothing twice', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    mkdirSync(migrations);
    for (const m of listMigrations()) copyFileSync(fileOf(m.name), path.join(migrations, m.name));
    const newest = listMigrations().at(-1)!.version;
    const file = path.join(dir, 'w.db');
    let db = openSqlite(file);
    expect(migrate(db, listMigrations(migrations)).at(-1)!.version).toBe(newest);
    appendEvents(db, [importEvent(['a', 'b'])]);
    db.close();

    const next = newest + 1;
    writeFileSync(path.join(migrations, `${String(next).padStart(3, '0')}_sample_notes.sql`), 'ALTER TABLE sample_rows ADD COLUMN note TEXT;');
    db = openSqlite(file);
    expect(migrate(db, listMigrations(migrations)).map((m) => m.version)).toEqual([next]);
    expect(db.pragma('user_version', { simple: true })).toBe(next);
    expect(db.prepare('SELECT id, note FROM sample_rows ORDER BY id').all()).toEqual([
      { id: 'a', note: null },
      { id: 'b', note: null },
    ]);
    expect(migrate(db, listMigrations(migrations))).toEqual([]);
  });

  it('leave no foreign key pointing at a view: SQLite refuses every insert into such a table ("foreign key mismatch")', () => {
    const db = freshDb();
    const views = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'view'`).pluck().all() as string[]);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    const wrong = tables.flatMap((t) =>
      (db.pragma(`foreign_key_list(${t})`) as { table: string }[]).filter((fk) => views.has(fk.table)).map((fk) => `${t} -> ${fk.table} (reference sample_rows(id) instead)`),
    );
    expect(wrong).toEqual([]);
  });

  it('refuse a database written by a newer schema', () => {
    const db = freshDb();
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer Concord \(schema 999/);
  });
});

function fileOf(name: string) {
  return new URL(`./migrations/${name}`, import.meta.url).pathname;
}

describe('event log', () => {
  it('applies an event once: appending the same event again changes nothing', () => {
    const db = freshDb();
    const e = importEvent(['s1', 's2']);
    expect(appendEvents(db, [e])).toBe(1);
    const snapshot = db.prepare('SELECT * FROM samples ORDER BY id').all();
    expect(snapshot).toHaveLength(2);
    expect(appendEvents(db, [e, e])).toBe(0);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT * FROM samples ORDER BY id').all()).toEqual(snapshot);
  });

  it('gives every event a UUIDv7 id, an author and a timestamp', () => {
    const db = freshDb();
    appendEvents(db, [importEvent(['a']), importEvent(['b'])]);
    const events = Array.from(readEvents(db));
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.author).toBe('tester');
      expect(new Date(e.ts).toISOString()).toBe(e.ts);
    }
    expect(events[0].id < events[1].id).toBe(true); // time-ordered
  });

  it('keeps an event that refers to one not yet there pending, and applies it when that one arrives', () => {
    const db = freshDb();
    appendEvents(db, [newEvent('rater.created', 'tester', { raterId: 'r1', name: 'R One', roles: ['rater'] })]);
    const label = newEvent('label.submitted', 'tester', {
      labelId: 'L1',
      sampleId: 'later',
      raterId: 'r1',
      guideline: { id: 'g', version: '1.0.0' },
      values: {},
      timeSpentMs: 1,
    });
    expect(appendEvents(db, [importEvent(['b']), label])).toBe(2);
    expect(db.prepare('SELECT id FROM samples ORDER BY id').pluck().all()).toEqual(['b']);
    expect(listPending(db)).toEqual([{ event: label.id, type: 'label.submitted', reason: 'waits for sample "later"' }]);
    appendEvents(db, [importEvent(['later'])]);
    expect(listPending(db)[0].reason).toBe('waits for guideline g@1.0.0');
    appendEvents(db, [newEvent('guideline.published', 'tester', { pack: { id: 'g', version: '1.0.0', title: 'G' }, fingerprint: 'f' })]);
    expect(listPending(db)).toEqual([]);
    expect(db.prepare('SELECT id, sample_id FROM labels').all()).toEqual([{ id: 'L1', sample_id: 'later' }]);
  });

  it("rolls back the whole write when one of this replica's events cannot apply", () => {
    const db = freshDb();
    appendEvents(db, [
      importEvent(['a']),
      newEvent('rater.created', 'tester', { raterId: 'r1', name: 'R One', roles: ['rater'] }),
      newEvent('guideline.published', 'tester', { pack: { id: 'g', version: '1.0.0', title: 'G' }, fingerprint: 'f' }),
      newEvent('label.submitted', 'tester', { labelId: 'L1', sampleId: 'a', raterId: 'r1', guideline: { id: 'g', version: '1.0.0' }, values: {}, timeSpentMs: 1 }),
    ]);
    const events = db.prepare('SELECT count(*) FROM events').pluck().get();
    const wrongRater = newEvent('label.revised', 'tester', { labelId: 'L1', values: { x: 1 }, timeSpentMs: 1, raterId: 'r2' });
    expect(() => appendEvents(db, [importEvent(['b']), wrongRater])).toThrow(/label\.revised cannot apply: it names rater "r2", but label L1 is rater "r1"'s/);
    expect(db.prepare('SELECT id FROM samples ORDER BY id').pluck().all()).toEqual(['a']);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events);
  });

  it('stamps every event with a clock after the newest in the log, and the replica that wrote it', () => {
    const db = freshDb();
    // A clock far ahead (another machine's, received earlier): what comes next still sorts after it.
    const ahead = '2999-01-01T00:00:00.000Z-0005-aaaaaaaaaaaaaaaa';
    db.prepare(`INSERT INTO events (id, type, author, ts, hlc, origin, payload) VALUES (?, 'workspace.setting', 'x', ?, ?, ?, '{"key":"agreementThreshold","value":0.5}')`).run(
      '00000000-0000-7000-8000-000000000001',
      new Date().toISOString(),
      ahead,
      '00000000-0000-7000-8000-aaaaaaaaaaaa',
    );
    appendEvents(db, [importEvent(['a']), importEvent(['b'])]);
    const [x, y] = Array.from(readEvents(db)).slice(1);
    expect([x.hlc, y.hlc]).toEqual([ahead.replace('0005-aaaaaaaaaaaaaaaa', '0006-') + nodeOf(x.origin), ahead.replace('0005-aaaaaaaaaaaaaaaa', '0007-') + nodeOf(x.origin)]);
    expect(x.origin).toBe(y.origin);
    expect(x.origin).toBe(db.prepare(`SELECT value FROM local_meta WHERE key = 'replica_id'`).pluck().get());
  });

  it('rebuilds identical projections by replaying the log', () => {
    const db = freshDb();
    appendEvents(db, [
      newEvent('workspace.created', 'tester', { workspaceId: 'w1', name: 'demo' }),
      importEvent(['a', 'b', 'c']),
      newEvent('rater.created', 'tester', { raterId: 'r1', name: 'R One', roles: ['rater'] }),
    ]);
    const dump = () => ({
      samples: db.prepare('SELECT * FROM samples ORDER BY id').all(),
      raters: db.prepare('SELECT * FROM raters ORDER BY id').all(),
      meta: db.prepare('SELECT * FROM meta ORDER BY key').all(),
    });
    const before = dump();
    expect(rebuildProjections(db)).toBe(3);
    expect(dump()).toEqual(before);
  });
});
