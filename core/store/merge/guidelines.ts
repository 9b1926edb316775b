import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';
import { setAside, takeBack } from './waiting';

// A guideline version is its first publication by clock. Published again with the same content (the
// same version brought in from two machines) it changes nothing; with other content the later one is
// set aside, because a published version never changes. Versions are rarely published twice, so
// settling one reads that version's publications from the log.

type Published = ConcordEvent<'guideline.published'>;

function writeVersion(db: SqliteDb, e: Published, insert: boolean): void {
  const { pack, fingerprint } = e.payload;
  const args = [pack.title, fingerprint, JSON.stringify(pack), e.ts, e.author, e.id, e.hlc, pack.id, pack.version];
  if (insert) {
    prepared(
      db,
      `INSERT INTO guidelines (title, fingerprint, document, published_at, published_by, event_id, hlc, id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...args);
  } else {
    prepared(
      db,
      `UPDATE guidelines SET title = ?, fingerprint = ?, document = ?, published_at = ?, published_by = ?, event_id = ?, hlc = ? WHERE id = ? AND version = ?`,
    ).run(...args);
  }
}

export function guidelinePublished(db: SqliteDb, e: Published, eventAt: (seq: number) => ConcordEvent): string | void {
  const { pack } = e.payload;
  const exists = prepared(db, 'SELECT 1 FROM guidelines WHERE id = ? AND version = ?').get(pack.id, pack.version);
  if (!exists) {
    writeVersion(db, e, true);
    return;
  }
  const seqs = prepared(
    db,
    `SELECT seq FROM events WHERE type = 'guideline.published' AND json_extract(payload, '$.pack.id') = ? AND json_extract(payload, '$.pack.version') = ?
     ORDER BY hlc, id`,
  )
    .pluck()
    .all(pack.id, pack.version) as number[];
  const publications = seqs.map((s) => eventAt(s) as Published);
  const [first, ...later] = publications;
  writeVersion(db, first, false);
  let mine: string | undefined;
  for (const p of later) {
    if (p.payload.fingerprint === first.payload.fingerprint) {
      takeBack(db, p.id);
      continue;
    }
    const reason = `${pack.id}@${pack.version} was first published with other content (event ${first.id}); a published version never changes`;
    if (p.id === e.id) mine = reason;
    else setAside(db, p.id, reason);
  }
  takeBack(db, first.id);
  return mine;
}
