import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqliteDb } from './sqlite';
import { writeTransaction } from './transaction';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are files named NNN_name.sql, applied in number order; user_version records the last. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Applies every migration newer than the database, each in its own transaction. Returns what ran. */
export function migrate(db: SqliteDb, migrations = listMigrations()): Migration[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`this workspace was written by a newer Concord (schema ${current}, this build knows ${newest})`);
  }
  const pending = migrations.filter((m) => m.version > current);
  for (const m of pending) {
    writeTransaction(db, () => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
  }
  return pending;
}
