import type { FieldMap } from '../../shared/samples/fieldMap';
import { normalizeRow, type SourceFormat } from '../../shared/samples/normalize';
import type { Sample } from '../../shared/samples/schema';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

/** A sample as stored: the canonical view plus the source row as it was imported. */
export interface StoredSample {
  sample: Sample;
  /** The source row's JSON: the JSONL line (minified: SQLite reads it out of the event), or a CSV record as an object. */
  raw: string;
  format: SourceFormat;
  map: FieldMap;
}

// A sample's row lives in the payload of the event that imported it (see migration 001).
const selectRow = `SELECT json_extract(e.payload, '$.rows[' || s.row_index || ']') AS raw,
                          json_extract(e.payload, '$.source.format') AS format,
                          json_extract(e.payload, '$.map') AS map
                   FROM samples s JOIN events e ON e.seq = s.event_seq WHERE s.id = ?`;

export function getStoredSample(ws: Workspace, id: string): StoredSample | undefined {
  const r = prepared(ws.db, selectRow).get(id) as { raw: string; format: SourceFormat; map: string } | undefined;
  if (!r) return undefined;
  const map = JSON.parse(r.map) as FieldMap;
  const result = normalizeRow(JSON.parse(r.raw), map, r.format);
  // Rows were validated before they were imported; failing here means the log was tampered with.
  if (!result.ok) throw new Error(`stored sample "${id}" no longer reads as a sample: ${result.error}`);
  return { sample: result.sample, raw: r.raw, format: r.format, map };
}

export function getSample(ws: Workspace, id: string): Sample | undefined {
  return getStoredSample(ws, id)?.sample;
}

export function sampleCount(ws: Workspace): number {
  return prepared(ws.db, 'SELECT count(*) FROM samples').pluck().get() as number;
}

export interface StoredRow {
  raw: string;
  format: SourceFormat;
  map: FieldMap;
}

interface ImportEventRows {
  /** Each row's JSON text, in the event's order. */
  rows: string[];
  format: SourceFormat;
  map: FieldMap;
}

/**
 * One import event's rows as JSON text. SQLite reads them out of the payload: a row stored as an
 * object comes back as its JSON (minified), one stored as a string (older workspaces) as that string.
 */
function readImportEvent(ws: Workspace, seq: number): ImportEventRows {
  const head = prepared(ws.db, `SELECT json_extract(payload, '$.source.format') AS format, json_extract(payload, '$.map') AS map FROM events WHERE seq = ?`).get(seq) as {
    format: SourceFormat;
    map: string;
  };
  const rows = prepared(ws.db, `SELECT value FROM json_each((SELECT payload FROM events WHERE seq = ?), '$.rows')`).pluck().all(seq) as string[];
  return { rows, format: head.format, map: JSON.parse(head.map) as FieldMap };
}

/**
 * Looks up many samples' stored rows, reading each import event's rows once and keeping the
 * last few: for scans that visit samples roughly in import order (re-imports, exports).
 */
export function storedRowReader(ws: Workspace, keep = 4): (id: string) => StoredRow | undefined {
  const cache = new Map<number, ImportEventRows>();
  const locate = prepared(ws.db, 'SELECT event_seq AS seq, row_index AS idx FROM samples WHERE id = ?');
  return (id) => {
    const at = locate.get(id) as { seq: number; idx: number } | undefined;
    if (!at) return undefined;
    let event = cache.get(at.seq);
    if (!event) {
      event = readImportEvent(ws, at.seq);
      cache.set(at.seq, event);
      if (cache.size > keep) cache.delete(cache.keys().next().value!);
    }
    return { raw: event.rows[at.idx], format: event.format, map: event.map };
  };
}

/**
 * Every stored sample in import order, reading each import event once (owner-side scans:
 * batch sampling, export). Yields the canonical sample with its source row.
 */
export function* iterateSamples(ws: Workspace): Generator<StoredSample & { ordinal: number }> {
  const events = prepared(ws.db, `SELECT seq FROM events WHERE type = 'samples.imported' ORDER BY seq`).pluck().all() as number[];
  const ordinals = prepared(ws.db, 'SELECT row_index, ordinal FROM samples WHERE event_seq = ?');
  for (const seq of events) {
    const { rows, format, map } = readImportEvent(ws, seq);
    const stored = new Map((ordinals.all(seq) as { row_index: number; ordinal: number }[]).map((r) => [r.row_index, r.ordinal]));
    for (let i = 0; i < rows.length; i++) {
      const ordinal = stored.get(i);
      if (ordinal === undefined) continue; // an id another event had already brought
      const result = normalizeRow(JSON.parse(rows[i]), map, format);
      if (!result.ok) throw new Error(`stored row ${i} of event ${seq} no longer reads as a sample: ${result.error}`);
      yield { sample: result.sample, raw: rows[i], format, map, ordinal };
    }
  }
}
