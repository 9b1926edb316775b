import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../shared/clock/hlc';
import { useTempDirs } from '../testing/tmp';
import { canonicalDump } from './dump';
import { rebuildProjections } from './eventLog';
import { listMigrations, migrate } from './migrate';
import { openSqlite } from './sqlite';

// A workspace written by the code before event clocks (core/store/fixtures/legacy-schema4.json: its
// events, and the projections that code derived from them) is migrated; replaying its events under
// the new merge rules must give the state the old code had.

const tempDir = useTempDirs();
const fixture = JSON.parse(readFileSync(new URL('./fixtures/legacy-schema4.json', import.meta.url), 'utf8')) as {
  schema: number;
  events: { seq: number; id: string; type: string; author: string; ts: string; payload: string }[];
  projections: Record<string, Record<string, unknown>[]>;
};

function oldWorkspace(file: string) {
  const db = openSqlite(file);
  migrate(db, listMigrations().filter((m) => m.version <= fixture.schema));
  const insertEvent = db.prepare('INSERT INTO events (seq, id, type, author, ts, payload) VALUES (:seq, :id, :type, :author, :ts, :payload)');
  for (const e of fixture.events) insertEvent.run(e);
  const packs = new Map(fixture.events.filter((e) => e.type === 'guideline.published').map((e) => [e.id, JSON.stringify(JSON.parse(e.payload).pack)]));
  // Parents first: the fixture lists child tables first, as a rebuild empties them.
  for (const [table, rows] of Object.entries(fixture.projections).reverse()) {
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
