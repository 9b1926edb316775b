import type { ApiContract } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/define';
import { InputError } from '../errors';
import type { BackgroundSync } from '../sync/background';
import { connectedHub, replaceHubToken } from '../sync/connect';
import { readHubConnection } from '../sync/hubConnection';
import { syncStatus } from '../sync/status';
import { syncWorkspace } from '../sync/sync';
import { hubMember, joinedAt } from '../store/localMeta';
import type { Workspace } from '../workspace/workspace';

type LaunchAndSync = 'launchState' | 'startDemo' | 'startLocal' | 'joinTeam' | 'syncStatus' | 'syncNow' | 'setHubToken';

/** The member a joined replica acts as (only it may sign in there), or null. */
export function replicaMember(ws: Workspace): string | null {
  const member = hubMember(ws.db);
  return member !== undefined && joinedAt(ws.db) !== undefined ? member : null;
}

/**
 * The first-run and sync calls on an open workspace. The first-run ones are refused (the app has its
 * workspace; core/launch/appEngine.ts answers them before there is one); sync goes through the
 * background sync when the engine runs one, else once, here.
 */
export function createSyncHandlers(ws: Workspace, sync?: BackgroundSync): Pick<Handlers<ApiContract>, LaunchAndSync> {
  const alreadyOpen = () => {
    throw new InputError(`this app already has its workspace (${ws.dir}); a first-run choice applies only before there is one`);
  };
  const needsHub = () => {
    if (!readHubConnection(ws.dir)) throw new InputError(`this workspace is not connected to a hub: there is nothing to sync with`);
  };
  const status = (author: string) => syncStatus(ws, sync?.state(), author);
  const syncOnce = async () => {
    if (sync) return void (await sync.syncNow());
    // No background sync (tests, tools): one sync here; its failure is in the status, not thrown.
    await syncWorkspace(ws, connectedHub(ws.dir).client).catch(() => undefined);
  };
  return {
    launchState: () => ({ stage: 'ready', join: null, member: replicaMember(ws) }),
    startDemo: alreadyOpen,
    startLocal: alreadyOpen,
    joinTeam: alreadyOpen,
    syncStatus: (_input, { actor }) => status(actor.id),
    async syncNow(_input, { actor }) {
      needsHub();
      await syncOnce();
      return status(actor.id);
    },
    async setHubToken({ token }, { actor }) {
      needsHub();
      await replaceHubToken(ws.dir, token);
      await syncOnce();
      return status(actor.id);
    },
  };
}
