import { uuidv7 } from '../../shared/ids';
import { prepared } from './prepared';
import type { SqliteDb } from './sqlite';
import { writeTransaction } from './transaction';

// What belongs to this copy of the workspace and no other (table local_meta): never synced, never
// rebuilt from the log.

export function readLocal(db: SqliteDb, key: string): string | undefined {
  return prepared(db, 'SELECT value FROM local_meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function writeLocal(db: SqliteDb, key: string, value: string | undefined): void {
  if (value === undefined) prepared(db, 'DELETE FROM local_meta WHERE key = ?').run(key);
  else prepared(db, 'INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const replicaIds = new WeakMap<SqliteDb, string>();

/**
 * This replica's id, the `origin` of every event it writes: made when the workspace is created or
 * first opened by this version. (A workspace folder copied to another machine keeps the id: make a
 * replica with `concord bundle import` instead.)
 */
export function replicaId(db: SqliteDb): string {
  let id = replicaIds.get(db);
  if (id) return id;
  // Made under the write lock, and read again there: two processes opening a new copy at once make
  // one id. (Read first without it: a reader must not wait for a writer.)
  id = readLocal(db, 'replica_id') ?? writeTransaction(db, () => {
    const stored = readLocal(db, 'replica_id');
    if (stored) return stored;
    const made = uuidv7();
    writeLocal(db, 'replica_id', made);
    return made;
  });
  replicaIds.set(db, id);
  return id;
}

/**
 * Marks this copy as joined: made from another copy's events (a bundle; a hub later), not where the
 * workspace was created. Who acts by default differs there (core/workspace/localOwner.ts).
 */
export function markJoined(db: SqliteDb): void {
  writeTransaction(db, () => writeLocal(db, 'joined', new Date().toISOString()));
}

/** When this copy was made from another's events; undefined where the workspace was created. */
export function joinedAt(db: SqliteDb): string | undefined {
  return readLocal(db, 'joined');
}

/**
 * The team member this copy acts as, once it is connected to a hub (core/sync/connect.ts): the CLI
 * acts as that member by default, and a member's replica only as it.
 */
export function setHubMember(db: SqliteDb, member: string): void {
  writeTransaction(db, () => writeLocal(db, 'hub_member', member));
}

export function hubMember(db: SqliteDb): string | undefined {
  return readLocal(db, 'hub_member');
}
