import { existsSync, readdirSync } from 'node:fs';
import { contract, type ApiContract, type ApiName } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/define';
import type { JoinProgress, LaunchView } from '../../shared/api/types';
import type { Engine } from '../api/dispatch';
import { createEngine } from '../api/handlers';
import { replicaMember } from '../api/syncHandlers';
import { DEMO_PACK, ensureDemoWorkspace } from '../demo/demoWorkspace';
import { loadBundledPack } from '../guidelines/load';
import { activateGuideline, publishGuideline } from '../workspace/guidelines';
import { InputError } from '../errors';
import { startBackgroundCheckpoints } from '../store/backgroundCheckpoints';
import { startBackgroundSync, type BackgroundSync, type BackgroundSyncOptions } from '../sync/background';
import { hubClient } from '../sync/hubClient';
import { readHubConnection } from '../sync/hubConnection';
import { checkProfileId } from '../workspace/raters';
import { createWorkspace, openWorkspace, workspaceExists, type Workspace } from '../workspace/workspace';
import { beginJoin, checkInvitation, pendingJoin, runJoin, type JoinRun } from './join';

// The engine of a running app (the browser build's server, Electron's main process: both start it
// the same way) over the app's workspace folder. On the first run the folder is empty and the app
// offers three ways in: open the demo, create a local workspace, or join a team; until one is
// chosen only the first-run calls answer. A join in progress (even one cut off by a restart) runs
// its initial sync first. Once the workspace is open, the engine is core/api/handlers.ts over it,
// with background checkpoints and, when it is connected to a hub, the background sync.

export interface AppEngine {
  engine: Engine;
  /** The open workspace's folder is `dir`; whether it is open yet. */
  dir: string;
  launch(): LaunchView;
  /** Resolves once a workspace is open (immediately if it was). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface AppEngineOptions {
  /** Sync timing (tests and benchmarks shorten it); false: no background sync (syncNow syncs once). */
  sync?: Omit<BackgroundSyncOptions, 'client'> | false;
}

const FIRST_RUN = new Set<ApiName>(['launchState', 'startDemo', 'startLocal', 'joinTeam']);

/** A folder the first run may make a workspace in: absent, or empty but for our own files. */
function isFree(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((f) => f.startsWith('.concord-'));
}

export async function startAppEngine(dir: string, options: AppEngineOptions = {}): Promise<AppEngine> {
  let open: { ws: Workspace; engine: Engine; stop(): Promise<void> } | undefined;
  let join: JoinRun | undefined;
  let lastJoin: JoinProgress | null = null;
  let closed = false;
  const waiters: (() => void)[] = [];

  function openNow() {
    const ws = openWorkspace(dir);
    // A commit that finds the WAL long copies it into the database before it returns: the engine's
    // calls must not pay that, so a worker checkpoints instead.
    const checkpoints = startBackgroundCheckpoints(ws.db);
    let sync: BackgroundSync | undefined;
    if (options.sync !== false && readHubConnection(dir)) {
      sync = startBackgroundSync(ws, {
        ...options.sync,
        client: () => {
          const c = readHubConnection(dir);
          return c ? hubClient(c.url, c.token) : undefined;
        },
      });
    }
    open = {
      ws,
      engine: createEngine(ws, { sync }),
      async stop() {
        await sync?.stop();
        await checkpoints.stop();
        ws.close();
      },
    };
    for (const w of waiters.splice(0)) w();
  }

  function startJoin() {
    join = runJoin(dir, {
      onProgress: (p) => {
        lastJoin = p;
      },
    });
    lastJoin = join.progress;
    void join.done.then((ok) => {
      join = undefined;
      if (ok && !closed) {
        lastJoin = null;
        openNow();
      }
    });
  }

  const launch = (): LaunchView => {
    if (open) return { stage: 'ready', join: null, member: replicaMember(open.ws) };
    return { stage: join ? 'joining' : 'choose', join: lastJoin, member: null };
  };

  const mustBeFree = () => {
    if (open || join) throw new InputError('this app already has its workspace, or is joining a team: a first-run choice applies only before there is one');
    if (!isFree(dir)) throw new InputError(`${dir} is not empty: the first run makes its workspace only in an empty folder`);
  };

  // Before there is a workspace: only the first-run calls. (Access is checked by dispatch as for any call.)
  const firstRun: Pick<Handlers<ApiContract>, 'launchState' | 'startDemo' | 'startLocal' | 'joinTeam'> = {
    launchState: launch,
    async startDemo() {
      mustBeFree();
      await ensureDemoWorkspace(dir, { team: true });
      openNow();
      return launch();
    },
    startLocal({ name, ownerId, ownerName }) {
      mustBeFree();
      checkProfileId(ownerId);
      const ws = createWorkspace(dir, { name, owner: { id: ownerId, name: ownerName, roles: ['owner', 'adjudicator', 'rater'] } });
      try {
        // The bundled harm taxonomy to start from (a new version is published from Guidelines).
        const pack = loadBundledPack(DEMO_PACK);
        publishGuideline(ws, pack, ownerId);
        activateGuideline(ws, { id: pack.id, version: pack.version }, ownerId);
      } finally {
        ws.close();
      }
      openNow();
      return launch();
    },
    async joinTeam({ hubUrl, token }) {
      mustBeFree();
      const me = await checkInvitation(hubUrl, token);
      beginJoin(dir, hubUrl, token);
      startJoin();
      lastJoin = { ...lastJoin!, member: me.member, projectName: me.projectName };
      return launch();
    },
  };

  const handlers = new Proxy({} as Handlers<ApiContract>, {
    get(_t, name: string) {
      if (open) return open.engine.handlers[name as ApiName];
      if (FIRST_RUN.has(name as ApiName)) return firstRun[name as keyof typeof firstRun];
      if (!Object.hasOwn(contract, name)) return undefined;
      return () => {
        throw new InputError(join ? 'this app is still joining its team: the workspace opens when the initial sync is through' : 'this app has no workspace yet: open the demo, create a local workspace or join a team first');
      };
    },
  });

  const engine: Engine = {
    handlers,
    profile: (id) => open?.engine.profile(id),
    hasProfiles: () => open?.engine.hasProfiles() ?? false,
  };

  if (pendingJoin(dir)) startJoin();
  else if (workspaceExists(dir)) openNow();

  return {
    engine,
    dir,
    launch,
    ready: () => (open ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async close() {
      closed = true;
      join?.cancel();
      // A join's request in flight is not waited for long: what it committed is kept, and it resumes.
      await Promise.race([join?.done.catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref?.())]);
      await open?.stop();
      open = undefined;
    },
  };
}
