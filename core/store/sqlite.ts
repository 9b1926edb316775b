import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packagedBuild } from '../packaged';

// better-sqlite3 is native. Plain Node (CLI, tests, the browser-mode server) uses the build npm made
// in node_modules. Electron has another ABI, so a second copy built for Electron goes into
// build/native/electron/ (scripts/build-electron-sqlite.mjs; `npm run dist` packs it, unpacked
// from the asar) and the app points `nativeBinding` at it: running the app never replaces the Node
// build, so `npm test` keeps working.
const electronBinding = fileURLToPath(new URL('../../build/native/electron/better_sqlite3.node', import.meta.url));

/** The better-sqlite3 build this process must load, or undefined for the one npm built. */
export function nativeBinding(): string | undefined {
  // CONCORD_SQLITE_BINDING picks another build in development. A packaged app ignores it: it would
  // load any native module into the main process of an app that holds every rater's labels.
  if (!packagedBuild && process.env.CONCORD_SQLITE_BINDING) return process.env.CONCORD_SQLITE_BINDING;
  if ((packagedBuild || process.versions.electron) && existsSync(electronBinding)) return electronBinding;
  return undefined;
}

export type SqliteDb = Database.Database;

/** How long a statement waits on a locked database (writers: see core/store/transaction.ts). */
export const BUSY_TIMEOUT_MS = 5000;

export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteDb {
  const db = new Database(file, { readonly: options.readonly ?? false, nativeBinding: nativeBinding() });
  // 16 KiB pages: import events carry hundreds of rows, and fewer, larger overflow pages write faster.
  // Only takes effect when the database is created.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Checkpoint every ~32 MB of WAL rather than every 1000 pages: fewer fsyncs during big imports.
  db.pragma('wal_autocheckpoint = 2048');
  return db;
}
