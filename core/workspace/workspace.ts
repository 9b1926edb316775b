import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concordCommand, shellQuote } from '../../shared/cli/concordCommand';
import { uuidv7 } from '../../shared/ids';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { replicaId } from '../store/localMeta';
import { migrate } from '../store/migrate';
import { openSqlite, type SqliteDb } from '../store/sqlite';

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

/** Opens an existing workspace, applying any pending migrations. */
export function openWorkspace(dir: string, author = defaultAuthor()): Workspace {
  if (!workspaceExists(dir)) {
    throw new InputError(`no workspace at ${dir} (create one with: ${concordCommand(`init --workspace ${shellQuote(dir)}`)})`);
  }
  const db = openSqlite(path.join(dir, DB_FILE));
  try {
    migrate(db);
    replicaId(db); // made on first open by a version with replicas
  } catch (e) {
    db.close();
    throw e;
  }
  return handle(dir, db, author);
}

/** Creates the folder and an empty, migrated workspace with its creation event. */
export function createWorkspace(dir: string, author = defaultAuthor(), name = path.basename(path.resolve(dir))): Workspace {
  const ws = createReplica(dir, author);
  appendEvents(ws.db, [newEvent('workspace.created', author, { workspaceId: uuidv7(), name })]);
  return ws;
}

/**
 * Creates the folder and an empty, migrated database with its own replica id but no workspace yet:
 * it becomes a copy of the workspace whose events it receives (a bundle's, a hub's).
 */
export function createReplica(dir: string, author = defaultAuthor()): Workspace {
  if (workspaceExists(dir)) throw new InputError(`a workspace already exists at ${dir}`);
  mkdirSync(dir, { recursive: true });
  const db = openSqlite(path.join(dir, DB_FILE));
  migrate(db);
  replicaId(db);
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
