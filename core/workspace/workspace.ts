import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { concordCommand, shellQuote } from '../../shared/cli/concordCommand';
import { uuidv7 } from '../../shared/ids';
import { InputError } from '../errors';
import { checkProfileId, type Rater } from './raters';
import { appendEvents, newEvent } from '../store/eventLog';
import { markJoined, replicaId } from '../store/localMeta';
import { migrate } from '../store/migrate';
import { openSqlite, type SqliteDb } from '../store/sqlite';
import { recoverUnfinishedImports } from '../store/unfinishedImports';
import { defaultOwner } from './localOwner';

export const DB_FILE = 'workspace.db';

/**
 * An open workspace. It carries no identity: every write names the profile acting (`by`), which the
 * session (app), `--as` or the local owner (CLI) supplies.
 */
export interface Workspace {
  dir: string;
  db: SqliteDb;
  close(): void;
}

export function workspaceExists(dir: string): boolean {
  return existsSync(path.join(dir, DB_FILE));
}

function handle(dir: string, db: SqliteDb): Workspace {
  return { dir, db, close: () => db.close() };
}

/** Where opening a workspace tells the user what it did on their behalf (the CLI and the server: stderr). */
export type Notify = (message: string) => void;
const toStderr: Notify = (m) => void process.stderr.write(`concord: ${m}\n`);

/**
 * Opens an existing workspace, applying any pending migrations, and discards what imports killed
 * before they finished left behind (saying so through `notify`).
 */
export function openWorkspace(dir: string, notify: Notify = toStderr): Workspace {
  if (!workspaceExists(dir)) {
    throw new InputError(`no workspace at ${dir} (create one with: ${concordCommand(`init --workspace ${shellQuote(dir)}`)})`);
  }
  const db = openSqlite(path.join(dir, DB_FILE));
  try {
    migrate(db);
    replicaId(db); // made on first open by a version with replicas
    for (const note of recoverUnfinishedImports(db)) notify(note);
  } catch (e) {
    db.close();
    throw e;
  }
  return handle(dir, db);
}

/**
 * Creates the folder and an empty, migrated workspace: its creation event and its first profile,
 * the owner (by default named after the OS user, core/workspace/localOwner.ts), who authors both.
 */
export function createWorkspace(dir: string, options: { owner?: Rater; name?: string } = {}): Workspace {
  const owner = options.owner ?? defaultOwner();
  if (!owner.roles.includes('owner')) throw new InputError(`the first profile of a workspace is its owner: "${owner.id}" needs the owner role`);
  checkProfileId(owner.id);
  const ws = createEmpty(dir);
  appendEvents(ws.db, [
    newEvent('workspace.created', owner.id, { workspaceId: uuidv7(), name: options.name ?? path.basename(path.resolve(dir)) }),
    newEvent('rater.created', owner.id, { raterId: owner.id, name: owner.name, roles: owner.roles }),
  ]);
  return ws;
}

/**
 * Creates the folder and an empty, migrated database with its own replica id but no workspace yet:
 * it becomes a copy of the workspace whose events it receives (a bundle's, a hub's), its owner and
 * profiles included.
 */
export function createReplica(dir: string): Workspace {
  const ws = createEmpty(dir);
  markJoined(ws.db);
  return ws;
}

function createEmpty(dir: string): Workspace {
  if (workspaceExists(dir)) throw new InputError(`a workspace already exists at ${dir}`);
  mkdirSync(dir, { recursive: true });
  const db = openSqlite(path.join(dir, DB_FILE));
  migrate(db);
  replicaId(db);
  return handle(dir, db);
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
