import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { appendEvents, newEvent, readEvents, rebuildProjections } from './eventLog';
import { listMigrations, migrate } from './migrate';
import { openSqlite } from './sqlite';

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
    const first = listMigrations()[0];
    copyFileSync(fileOf(first.name), path.join(migrations, first.name));
    const file = path.join(dir, 'w.db');
    let db = openSqlite(file);
    expect(migrate(db, listMigrations(migrations)).map((m) => m.version)).toEqual([1]);
    // Written as schema 1 wrote it (today's projections write a later schema).
    db.exec(`INSERT INTO samples (id, event_seq, row_index) VALUES ('a', 1, 0), ('b', 1, 1)`);
    db.close();

    writeFileSync(path.join(migrations, '002_sample_notes.sql'), 'ALTER TABLE samples ADD COLUMN note TEXT;');
    db = openSqlite(file);
    expect(migrate(db, listMigrations(migrations)).map((m) => m.version)).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT id, note FROM samples ORDER BY id').all()).toEqual([
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

  it('rolls back the whole batch when one event cannot be applied', () => {
    const db = freshDb();
    appendEvents(db, [importEvent(['a'])]);
    const bad = newEvent('label.submitted', 'tester', {
      labelId: 'L1',
      sampleId: 'no-such-sample',
      raterId: 'nobody',
      guideline: { id: 'g', version: '1.0.0' },
      values: {},
      timeSpentMs: 1,
    });
    expect(() => appendEvents(db, [importEvent(['b']), bad])).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT id FROM samples ORDER BY id').pluck().all()).toEqual(['a']);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
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
