import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from '../../shared/ids';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { migrate } from '../store/migrate';
import { openSqlite, type SqliteDb } from '../store/sqlite';
import { recoverUnfinishedImports } from '../store/unfinishedImports';

export const DB_FILE = 'workspace.db';

export interface Workspace {
  dir: string;
  db: SqliteDb;
  /** Who the events written through this handle are attributed to. */
  author: string;
  close(): void;
}

export function defaultAuthor(): string {
  if (process.env.CONCORD_USER) return process.env.CONCORD_USER;
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function workspaceExists(dir: string): boolean {
  return existsSync(path.join(dir, DB_FILE));
}

function handle(dir: string, db: SqliteDb, author: string): Workspace {
  return { dir, db, author, close: () => db.close() };
}

/** Where opening a workspace tells the user what it did on their behalf (the CLI and the server: stderr). */
export type Notify = (message: string) => void;
const toStderr: Notify = (m) => void process.stderr.write(`concord: ${m}\n`);

/**
 * Opens an existing workspace, applying any pending migrations, and discards what imports killed
 * before they finished left behind (saying so through `notify`).
 */
export function openWorkspace(dir: string, author = defaultAuthor(), notify: Notify = toStderr): Workspace {
  if (!workspaceExists(dir)) {
    throw new InputError(`no workspace at ${dir} (create one with: concord init --workspace ${dir})`);
  }
  const db = openSqlite(path.join(dir, DB_FILE));
  try {
    migrate(db);
    for (const note of recoverUnfinishedImports(db)) notify(note);
  } catch (e) {
    db.close();
    throw e;
  }
  return handle(dir, db, author);
}

/** Creates the folder and an empty, migrated workspace with its creation event. */
export function createWorkspace(dir: string, author = defaultAuthor(), name = path.basename(path.resolve(dir))): Workspace {
  if (workspaceExists(dir)) throw new InputError(`a workspace already exists at ${dir}`);
  mkdirSync(dir, { recursive: true });
  const db = openSqlite(path.join(dir, DB_FILE));
  migrate(db);
  appendEvents(db, [newEvent('workspace.created', author, { workspaceId: uuidv7(), name })]);
  return handle(dir, db, author);
}

/** Runs fn with an open workspace and always closes it. */
export async function withWorkspace<T>(dir: string, fn: (ws: Workspace) => T | Promise<T>): Promise<T> {
  const ws = openWorkspace(dir);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}
