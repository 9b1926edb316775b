import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqliteDb } from './sqlite';
import { rebuildProjections } from './eventLog';
import { migrationSteps, type MigrationStep } from './migrationSteps';
import { writeTransaction } from './transaction';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Code that runs after the SQL, in the same transaction (core/store/migrationSteps.ts). */
  step?: MigrationStep;
}

/** Migrations are files named NNN_name.sql, applied in number order; user_version records the last. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const version = Number(f.slice(0, 3));
      return { version, name: f, sql: readFileSync(path.join(dir, f), 'utf8'), step: migrationSteps[version] };
    });
}

const rebuildPending = (db: SqliteDb) =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_meta'`).get() !== undefined &&
  db.prepare(`SELECT 1 FROM local_meta WHERE key = 'rebuild_pending'`).get() !== undefined;

/**
 * Applies every migration newer than the database, each in its own transaction, then rebuilds the
 * projections if a migration asked for it. Returns what ran.
 */
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
      m.step?.(db);
      db.pragma(`user_version = ${m.version}`);
    });
  }
  if (rebuildPending(db)) rebuildProjections(db);
  return pending;
}
