// The browser build's server: `tsx core/server/main.ts --workspace DIR [--port N] [--static DIR]`.
// Runs the app's engine over the workspace folder (core/launch/appEngine.ts: an empty folder gets the
// first-run choice), serves the built renderer and the API on 127.0.0.1, prints the URL to open.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDemoWorkspace } from '../demo/demoWorkspace';
import { startAppEngine, type AppEngineOptions } from '../launch/appEngine';
import { startHttpBridge, type HttpBridge } from './httpBridge';
import { newToken, readLaunchState, writeLaunchState } from './launchState';

const defaultStatic = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/**
 * Starts the bridge on the workspace's saved port and token (launchState.ts), so tabs left open keep
 * working across restarts; on another port when that one is taken (or `port` was asked for).
 */
async function startStable(dir: string, options: Omit<Parameters<typeof startHttpBridge>[0], 'port' | 'token'>, port?: number): Promise<HttpBridge> {
  const saved = readLaunchState(dir);
  const token = saved?.token ?? newToken();
  let bridge: HttpBridge;
  if (port !== undefined || !saved) bridge = await startHttpBridge({ ...options, token, port });
  else {
    try {
      bridge = await startHttpBridge({ ...options, token, port: saved.port });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      bridge = await startHttpBridge({ ...options, token });
    }
  }
  writeLaunchState(dir, { port: bridge.port, token });
  return bridge;
}

export async function serveWorkspace(dir: string, options: { port?: number; staticDir?: string } & AppEngineOptions = {}) {
  mkdirSync(dir, { recursive: true });
  const app = await startAppEngine(dir, { sync: options.sync });
  let bridge: HttpBridge;
  try {
    bridge = await startStable(dir, { engine: app.engine, staticDir: options.staticDir ?? defaultStatic }, options.port);
  } catch (e) {
    await app.close();
    throw e;
  }
  return {
    ...bridge,
    app,
    async close() {
      await bridge.close();
      await app.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      port: { type: 'string' },
      static: { type: 'string' },
      demo: { type: 'boolean' },
      'demo-team': { type: 'boolean' },
      'pull-every': { type: 'string' },
      'push-delay': { type: 'string' },
    },
  });
  if (!values.workspace) {
    console.error('usage: tsx core/server/main.ts --workspace DIR [--demo | --demo-team] [--port N] [--static DIR] [--pull-every MS] [--push-delay MS]');
    process.exit(2);
  }
  // --demo-team: create the demo workspace there on first run with its team, exactly as `npm start`
  // does; --demo: the bare demo (one rater, no batch), which tests build their own teams on.
  if (values.demo || values['demo-team']) await ensureDemoWorkspace(values.workspace, { team: values['demo-team'] });
  // --pull-every: how often the background sync pulls (ms; tests shorten it), its backoff scaled to it;
  // --push-delay: how long after a change its push starts.
  const pullEveryMs = values['pull-every'] ? Number(values['pull-every']) : undefined;
  const pushDelayMs = values['push-delay'] ? Number(values['push-delay']) : pullEveryMs ? Math.min(1_000, pullEveryMs / 4) : undefined;
  const sync = pullEveryMs ? { pullEveryMs, pushDelayMs, backoff: { firstMs: pullEveryMs / 2, capMs: pullEveryMs * 4 } } : undefined;
  const server = await serveWorkspace(values.workspace, { port: values.port ? Number(values.port) : undefined, staticDir: values.static, sync });
  // Machine-readable first line for scripts and tests, then the human message.
  console.log(JSON.stringify({ url: server.url, openUrl: server.openUrl, token: server.token }));
  console.log(`Concord is running in your browser at:\n  ${server.openUrl}\nPress Ctrl+C to stop.`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
