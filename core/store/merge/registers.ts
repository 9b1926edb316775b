import { compareStamps } from '../../../shared/clock/hlc';
import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';

// A register is one value many events write (a sample's gold label, a rater's mark on an item, a
// setting): whichever event sorts last by (hlc, id) holds it, in whatever order they arrive, so a
// register remembers its writer's clock even when the value is a deletion (merge_clocks).

type Stamp = Pick<ConcordEvent, 'id' | 'hlc'>;

export function registerWriter(db: SqliteDb, entity: string): Stamp | undefined {
  const r = prepared(db, 'SELECT hlc, event_id AS id FROM merge_clocks WHERE entity = ?').get(entity) as Stamp | undefined;
  return r;
}

function hold(db: SqliteDb, entity: string, e: Stamp): void {
  prepared(db, 'INSERT INTO merge_clocks (entity, hlc, event_id) VALUES (?, ?, ?) ON CONFLICT (entity) DO UPDATE SET hlc = excluded.hlc, event_id = excluded.event_id').run(
    entity,
    e.hlc,
    e.id,
  );
}

/** Last writer wins: true (and e now holds the register) when e sorts after its current writer. */
export function newestWins(db: SqliteDb, entity: string, e: Stamp): boolean {
  const current = registerWriter(db, entity);
  if (current && compareStamps(e, current) <= 0) return false;
  hold(db, entity, e);
  return true;
}

/** First writer wins: true (and e now holds the register) when e sorts before its current writer. */
export function oldestWins(db: SqliteDb, entity: string, e: Stamp): boolean {
  const current = registerWriter(db, entity);
  if (current && compareStamps(e, current) >= 0) return false;
  hold(db, entity, e);
  return true;
}
