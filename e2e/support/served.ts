import { test } from '@playwright/test';
import { removeWorkspace, startApp, tempWorkspaceDir, type RunningApp } from './app';

/** The app a file's (or a describe block's) tests run against; `app` may be replaced by a restart. */
export interface ServedApp {
  app: RunningApp;
  workspace: string;
}

/**
 * Starts the app on a fresh workspace before the tests of the file or describe block this is called
 * in (then `prepare` adds what they need, through the engine or the CLI), and after them stops it and
 * removes the workspace.
 */
export function serveAppForTests(opts: Parameters<typeof startApp>[1] = {}, prepare?: (workspace: string) => unknown): ServedApp {
  const served = {} as ServedApp;
  test.beforeAll(async () => {
    served.workspace = tempWorkspaceDir();
    served.app = await startApp(served.workspace, opts);
    await prepare?.(served.workspace);
  });
  test.afterAll(async () => {
    await served.app?.stop();
    if (served.workspace) removeWorkspace(served.workspace);
  });
  return served;
}
