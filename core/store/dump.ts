import { projectionTables } from './projections';
import type { SqliteDb } from './sqlite';

// A canonical text of every projection table: what two replicas holding the same events must agree
// on byte for byte. Pointers into this replica's own log order (events.seq) are replaced by event ids
// or left out, since each replica numbers its log in the order events reached it.

const replaced: Record<string, string> = {
  sample_rows: 'SELECT s.ordinal, s.id, e.id AS event_id, s.row_index, EXISTS (SELECT 1 FROM samples v WHERE v.id = s.id) AS visible FROM sample_rows s JOIN events e ON e.seq = s.event_seq',
  imports: 'SELECT id, file, committed FROM imports',
  unfinished_import_events: 'SELECT e.id AS event_id, i.id AS import_id, u.first_ordinal, u.last_ordinal FROM unfinished_import_events u JOIN events e ON e.seq = u.seq JOIN imports i ON i.key = u.import_key',
  batches: 'SELECT id, name, guideline_id, guideline_version, options, created_at, created_by, hlc, event_id FROM batches',
  pending_events: 'SELECT event_id, waits_for FROM pending_events',
};

export function canonicalDump(db: SqliteDb): string {
  const out: string[] = [];
  for (const table of [...projectionTables].sort()) {
    const rows = (db.prepare(replaced[table] ?? `SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
    out.push(`${table} (${rows.length})`, ...rows);
  }
  return out.join('\n') + '\n';
}
