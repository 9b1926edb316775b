import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../shared/clock/hlc';
import { useTempDirs } from '../testing/tmp';
import { DB_FILE, openWorkspace } from '../workspace/workspace';
import { canonicalDump } from './dump';
import { rebuildProjections } from './eventLog';
import { readLocal } from './localMeta';
import { listMigrations, migrate } from './migrate';
import { openSqlite } from './sqlite';
import { isShareable } from './unfinishedImports';

// Workspaces written by the code before event clocks (core/store/fixtures/legacy-schema4.json and
// legacy-schema5.json: their events, and the projections that code derived from them) are migrated;
// replaying their events under the new merge rules must give the state the old code had.

const tempDir = useTempDirs();

interface Fixture {
  schema: number;
  events: { seq: number; id: string; type: string; author: string; ts: string; payload: string }[];
  projections: Record<string, Record<string, unknown>[]>;
}
const load = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
const fixture = load('legacy-schema4.json');
const schema5 = load('legacy-schema5.json');

function oldWorkspace(file: string, old = fixture) {
  const db = openSqlite(file);
  migrate(db, listMigrations().filter((m) => m.version <= old.schema));
  const insertEvent = db.prepare('INSERT INTO events (seq, id, type, author, ts, payload) VALUES (:seq, :id, :type, :author, :ts, :payload)');
  for (const e of old.events) insertEvent.run(e);
  const packs = new Map(old.events.filter((e) => e.type === 'guideline.published').map((e) => [e.id, JSON.stringify(JSON.parse(e.payload).pack)]));
  // Parents first: the fixture lists child tables first, as a rebuild empties them.
  for (const [table, rows] of Object.entries(old.projections).reverse()) {
    for (const row of rows) {
      const r = table === 'guidelines' ? { ...row, document: packs.get(row.event_id as string) } : row;
      const cols = Object.keys(r);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `:${c}`).join(', ')})`).run(r);
    }
  }
  db.close();
}

const sortedRows = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('a workspace written before event clocks', () => {
  it('migrates: its events get clocks in log order, and replaying them gives the state the old code derived', () => {
    const file = path.join(tempDir(), 'old.db');
    oldWorkspace(file);
    const db = openSqlite(file);
    migrate(db);

    const events = db.prepare('SELECT seq, id, ts, hlc, origin FROM events ORDER BY seq').all() as { seq: number; id: string; ts: string; hlc: string; origin: string }[];
    const workspaceId = JSON.parse(fixture.events[0].payload).workspaceId;
    for (const [i, e] of events.entries()) {
      const clock = parseHlc(e.hlc)!;
      expect(clock.ms).toBeGreaterThanOrEqual(Date.parse(e.ts));
      expect(e.origin).toBe(workspaceId);
      if (i > 0) expect(e.hlc > events[i - 1].hlc).toBe(true);
    }
    expect(db.prepare('SELECT count(*) FROM pending_events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM set_aside').pluck().get()).toBe(0);

    for (const [table, oldRows] of Object.entries(fixture.projections)) {
      const columns = Object.keys(oldRows[0] ?? {});
      if (!columns.length) continue;
      const now = db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
      expect(sortedRows(now), table).toEqual(sortedRows(oldRows));
    }
    // The rows of published guidelines are the packs their events published.
    for (const g of db.prepare('SELECT document, event_id FROM guidelines').all() as { document: string; event_id: string }[]) {
      expect(g.document).toBe(JSON.stringify(JSON.parse(fixture.events.find((e) => e.id === g.event_id)!.payload).pack));
    }

    // Deterministic: a second copy of the same old workspace migrates to the same clocks and state.
    const dump = canonicalDump(db);
    const copy = path.join(tempDir(), 'copy.db');
    oldWorkspace(copy);
    const db2 = openSqlite(copy);
    migrate(db2);
    expect(db2.prepare('SELECT id, hlc, origin FROM events ORDER BY seq').all()).toEqual(events.map(({ id, hlc, origin }) => ({ id, hlc, origin })));
    expect(canonicalDump(db2)).toBe(dump);
    // And a rebuild on the new schema changes nothing.
    rebuildProjections(db2);
    expect(canonicalDump(db2)).toBe(dump);
    db.close();
    db2.close();
  });
});

describe('a workspace written by the schema-5 code (unfinished imports, before event clocks)', () => {
  const visible = schema5.projections.sample_rows.filter((r) => !schema5.projections.unfinished_import_events.some((u) => u.seq === r.event_seq));
  const deadEvents = schema5.projections.unfinished_import_events.map((u) => u.seq as number);

  it('migrates to the state that code derived, its import in parts still finished and its dead import still hidden', () => {
    const file = path.join(tempDir(), 'old.db');
    oldWorkspace(file, schema5);
    const db = openSqlite(file);
    migrate(db);
    const workspaceId = JSON.parse(schema5.events[0].payload).workspaceId;
    const events = db.prepare('SELECT seq, hlc, origin FROM events ORDER BY seq').all() as { seq: number; hlc: string; origin: string }[];
    for (const [i, e] of events.entries()) {
      // The dead import's events were written here and never left: they are this replica's, which is what lets it discard them.
      expect(e.origin, `event ${e.seq}`).toBe(deadEvents.includes(e.seq) ? readLocal(db, 'replica_id') : workspaceId);
      if (i > 0) expect(e.hlc > events[i - 1].hlc).toBe(true);
      expect(parseHlc(e.hlc)).toBeDefined();
    }
    for (const [table, oldRows] of Object.entries(schema5.projections)) {
      const columns = Object.keys(oldRows[0] ?? {});
      if (!columns.length) continue;
      const now = db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
      expect(sortedRows(now), table).toEqual(sortedRows(oldRows));
    }
    expect(db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all()).toEqual(visible.map((r) => r.id));
    expect(deadEvents.map((seq) => isShareable(db, { seq, type: 'samples.imported' }))).toEqual([false, false]);
    db.close();
  });

  it('opening it discards the dead import and says so, leaving the rest as it was; a rebuild changes nothing', () => {
    const dir = tempDir();
    oldWorkspace(path.join(dir, DB_FILE), schema5);
    const notes: string[] = [];
    const ws = openWorkspace(dir, (m) => notes.push(m));
    expect(notes).toEqual([expect.stringMatching(/^discarded an unfinished import of dead\.jsonl \(3 row\(s\)/)]);
    expect(ws.db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all()).toEqual(schema5.events.map((e) => e.seq).filter((seq) => !deadEvents.includes(seq)));
    expect(ws.db.prepare('SELECT id, ordinal FROM samples ORDER BY ordinal').all()).toEqual(visible.map((r) => ({ id: r.id, ordinal: r.ordinal })));
    expect(ws.db.prepare('SELECT count(*) FROM sample_rows').pluck().get()).toBe(visible.length);
    expect(ws.db.prepare('SELECT id, committed FROM imports').all()).toEqual(schema5.projections.imports.filter((i) => i.committed).map((i) => ({ id: i.id, committed: 1 })));
    for (const table of ['labels', 'label_revisions', 'assignments', 'batch_items', 'gold_labels', 'item_marks', 'raters']) {
      const columns = Object.keys(schema5.projections[table][0]);
      expect(sortedRows(ws.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[]), table).toEqual(sortedRows(schema5.projections[table]));
    }
    const dump = canonicalDump(ws.db);
    rebuildProjections(ws.db);
    expect(canonicalDump(ws.db)).toBe(dump);
    ws.close();
  });
});
