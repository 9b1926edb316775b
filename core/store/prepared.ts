import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from './sqlite';

const cache = new WeakMap<SqliteDb, Map<string, Statement>>();

/** A prepared statement, compiled once per connection: hot paths call this instead of db.prepare. */
export function prepared(db: SqliteDb, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let stmt = perDb.get(sql);
  if (!stmt) perDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
