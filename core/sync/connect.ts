import { rmSync } from 'node:fs';
import path from 'node:path';
import { concordCommand, shellQuote } from '../../shared/cli/concordCommand';
import { InputError } from '../errors';
import { setHubMember } from '../store/localMeta';
import { prepared } from '../store/prepared';
import { createReplica, openWorkspace, workspaceExists, type Workspace } from '../workspace/workspace';
import { HUB_FILE, readHubConnection, writeHubConnection, type HubConnection } from './hubConnection';
import { hubClient, HubRefusal, type HubClient } from './hubClient';
import { syncWorkspace, type SyncProgress, type SyncReport } from './sync';

export type ConnectMode =
  /** An owner's existing workspace became the project's source: its history goes to the hub. */
  | 'source'
  /** A folder without a workspace became the member's replica of the project. */
  | 'replica'
  /** A workspace that had joined the project now reaches it at a new URL or with a new token. */
  | 'updated';

export interface ConnectResult {
  mode: ConnectMode;
  member: string;
  roles: string[];
  project: string;
  projectName: string;
  sync: SyncReport;
}

/** The hub a connected workspace syncs with, as its member; InputError when it has none. */
export function connectedHub(dir: string): { connection: HubConnection; client: HubClient } {
  const connection = readHubConnection(dir);
  if (!connection) throw new InputError(`${dir} is not connected to a hub (connect it with: ${concordCommand(`connect --workspace ${shellQuote(dir)} --hub URL --token TOKEN`)})`);
  return { connection, client: hubClient(connection.url, connection.token) };
}

/**
 * Connects a workspace to a hub project as the member the token names, then syncs. The token goes
 * into hub.json (mode 0600), never into the event log.
 */
export async function connectWorkspace(dir: string, url: string, token: string, opts: { onProgress?: (p: SyncProgress) => void } = {}): Promise<ConnectResult> {
  const client = hubClient(url, token);
  let me;
  try {
    me = await client.me();
  } catch (e) {
    if (e instanceof HubRefusal && e.status === 401) throw new InputError(`the hub at ${url} does not accept this token: ${e.message}`);
    throw e;
  }
  const connection: HubConnection = { url: client.url, token, project: me.project, member: me.member, roles: me.roles };
  let mode: ConnectMode;
  let ws: Workspace;
  if (workspaceExists(dir)) {
    const before = readHubConnection(dir);
    if (before) {
      if (before.project !== me.project || before.member !== me.member) {
        throw new InputError(
          `${dir} is ${before.member}'s replica of project ${before.project}; this token is ${me.member}'s in project ${me.project}. Connect an empty folder to join as ${me.member}`,
        );
      }
      mode = 'updated';
    } else {
      if (!me.roles.includes('owner')) {
        throw new InputError(`${dir} already holds a workspace, and only an owner's workspace can become a project's source (${me.member} has ${me.roles.join(', ')}). To join as ${me.member}, connect an empty folder`);
      }
      mode = 'source';
    }
    ws = openWorkspace(dir);
  } else {
    ws = createReplica(dir);
    mode = 'replica';
  }
  try {
    if (mode === 'source' && !prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get()) {
      throw new InputError(`${dir} has no workspace yet: there is nothing to be the project's source`);
    }
    writeHubConnection(dir, connection);
    setHubMember(ws.db, me.member);
    let sync: SyncReport;
    try {
      sync = await syncWorkspace(ws, client, opts);
    } catch (e) {
      // A project that already has another source: this workspace is not part of it, so forget the hub.
      if (mode === 'source' && e instanceof HubRefusal && e.status === 409) {
        rmSync(path.join(dir, HUB_FILE), { force: true });
        throw new InputError(`the hub refused ${dir} as project ${me.project}'s source: ${e.message}`);
      }
      throw e;
    }
    return { mode, member: me.member, roles: me.roles, project: me.project, projectName: me.projectName, sync };
  } finally {
    ws.close();
  }
}
