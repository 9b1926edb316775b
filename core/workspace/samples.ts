import type { FieldMap } from '../../shared/samples/fieldMap';
import { normalizeRow, type SourceFormat } from '../../shared/samples/normalize';
import type { Sample } from '../../shared/samples/schema';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

/** A sample as stored: the canonical view plus the source row exactly as it was imported. */
export interface StoredSample {
  sample: Sample;
  /** The source row verbatim: the JSONL line, or a CSV record as a JSON object. */
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

/**
 * Looks up many samples' stored rows, parsing each import event's payload once and keeping the
 * last few: for scans that visit samples roughly in import order (re-imports, exports).
 */
export function storedRowReader(ws: Workspace, keep = 4): (id: string) => StoredRow | undefined {
  const cache = new Map<number, { rows: string[]; format: SourceFormat; map: FieldMap }>();
  const locate = prepared(ws.db, 'SELECT event_seq AS seq, row_index AS idx FROM samples WHERE id = ?');
  const payload = prepared(ws.db, 'SELECT payload FROM events WHERE seq = ?').pluck();
  return (id) => {
    const at = locate.get(id) as { seq: number; idx: number } | undefined;
    if (!at) return undefined;
    let event = cache.get(at.seq);
    if (!event) {
      const p = JSON.parse(payload.get(at.seq) as string);
      event = { rows: p.rows, format: p.source.format, map: p.map };
      cache.set(at.seq, event);
      if (cache.size > keep) cache.delete(cache.keys().next().value!);
    }
    return { raw: event.rows[at.idx], format: event.format, map: event.map };
  };
}

/**
 * Every stored sample in import order, reading each import event once (owner-side scans:
 * batch sampling, export). Yields the canonical sample with its verbatim row.
 */
export function* iterateSamples(ws: Workspace): Generator<StoredSample & { ordinal: number }> {
  const events = prepared(ws.db, `SELECT seq FROM events WHERE type = 'samples.imported' ORDER BY seq`).pluck().all() as number[];
  const payload = prepared(ws.db, 'SELECT payload FROM events WHERE seq = ?').pluck();
  const ordinals = prepared(ws.db, 'SELECT row_index, ordinal FROM samples WHERE event_seq = ?');
  for (const seq of events) {
    const p = JSON.parse(payload.get(seq) as string) as { source: { format: SourceFormat }; map: FieldMap; rows: string[] };
    const stored = new Map((ordinals.all(seq) as { row_index: number; ordinal: number }[]).map((r) => [r.row_index, r.ordinal]));
    for (let i = 0; i < p.rows.length; i++) {
      const ordinal = stored.get(i);
      if (ordinal === undefined) continue; // an id another event had already brought
      const result = normalizeRow(JSON.parse(p.rows[i]), p.map, p.source.format);
      if (!result.ok) throw new Error(`stored row ${i} of event ${seq} no longer reads as a sample: ${result.error}`);
      yield { sample: result.sample, raw: p.rows[i], format: p.source.format, map: p.map, ordinal };
    }
  }
}
