import type { FieldMap } from '../../shared/samples/fieldMap';
import { normalizeRow, type SourceFormat } from '../../shared/samples/normalize';
import type { Sample } from '../../shared/samples/schema';
import { prepared } from '../store/prepared';
import { visibleSampleCount } from '../store/unfinishedImports';
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
  return visibleSampleCount(ws.db);
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
 * Reads rows by their place (import event, position), reading each event's rows once and keeping
 * the last few: for scans that visit samples roughly in import order.
 */
function rowsByPlace(ws: Workspace, keep = 4): (seq: number, idx: number) => StoredRow {
  const cache = new Map<number, ImportEventRows>();
  return (seq, idx) => {
    let event = cache.get(seq);
    if (!event) {
      event = readImportEvent(ws, seq);
      cache.set(seq, event);
      if (cache.size > keep) cache.delete(cache.keys().next().value!);
    }
    return { raw: event.rows[idx], format: event.format, map: event.map };
  };
}

/** Looks up many samples' stored rows by id (re-imports, queue search). */
export function storedRowReader(ws: Workspace): (id: string) => StoredRow | undefined {
  const locate = prepared(ws.db, 'SELECT event_seq AS seq, row_index AS idx FROM samples WHERE id = ?');
  const rowAt = rowsByPlace(ws);
  return (id) => {
    const at = locate.get(id) as { seq: number; idx: number } | undefined;
    return at && rowAt(at.seq, at.idx);
  };
}

/**
 * Every stored sample in import order (owner-side scans: batch sampling, export), in pages by
 * ordinal, so that the caller may write between samples. Yields the canonical sample with its row.
 */
export function* iterateSamples(ws: Workspace, pageSize = 5000): Generator<StoredSample & { ordinal: number }> {
  const page = prepared(ws.db, 'SELECT ordinal, event_seq AS seq, row_index AS idx FROM samples WHERE ordinal > ? ORDER BY ordinal LIMIT ?');
  const rowAt = rowsByPlace(ws);
  for (let after = 0; ; ) {
    const places = page.all(after, pageSize) as { ordinal: number; seq: number; idx: number }[];
    if (places.length === 0) return;
    for (const { ordinal, seq, idx } of places) {
      const { raw, format, map } = rowAt(seq, idx);
      const result = normalizeRow(JSON.parse(raw), map, format);
      if (!result.ok) throw new Error(`stored row ${idx} of event ${seq} no longer reads as a sample: ${result.error}`);
      yield { sample: result.sample, raw, format, map, ordinal };
    }
    after = places[places.length - 1].ordinal;
  }
}
