// The browser build's server: `tsx core/server/main.ts --workspace DIR [--port N] [--static DIR]`.
// Opens the workspace, serves the built renderer and the API on 127.0.0.1, prints the URL to open.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../api/handlers';
import { ensureDemoWorkspace } from '../demo/demoWorkspace';
import { startBackgroundCheckpoints } from '../store/backgroundCheckpoints';
import { openWorkspace } from '../workspace/workspace';
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

export async function serveWorkspace(dir: string, options: { port?: number; staticDir?: string } = {}) {
  const ws = openWorkspace(dir);
  // A commit that finds the WAL long copies it into the database before it returns: tens of MB after
  // a CLI import. The server's requests must not pay that, so a worker checkpoints instead.
  const checkpoints = startBackgroundCheckpoints(ws.db);
  let bridge: HttpBridge;
  try {
    bridge = await startStable(dir, { engine: createEngine(ws), staticDir: options.staticDir ?? defaultStatic }, options.port);
  } catch (e) {
    await checkpoints.stop();
    ws.close();
    throw e;
  }
  return {
    ...bridge,
    async close() {
      await bridge.close();
      await checkpoints.stop();
      ws.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' }, demo: { type: 'boolean' }, 'demo-team': { type: 'boolean' } } });
  if (!values.workspace) {
    console.error('usage: tsx core/server/main.ts --workspace DIR [--demo | --demo-team] [--port N] [--static DIR]');
    process.exit(2);
  }
  // --demo-team: create the demo workspace there on first run with its team, exactly as `npm start`
  // does; --demo: the bare demo (one rater, no batch), which tests build their own teams on.
  if (values.demo || values['demo-team']) await ensureDemoWorkspace(values.workspace, { team: values['demo-team'] });
  const server = await serveWorkspace(values.workspace, { port: values.port ? Number(values.port) : undefined, staticDir: values.static });
  // Machine-readable first line for scripts and tests, then the human message.
  console.log(JSON.stringify({ url: server.url, openUrl: server.openUrl, token: server.token }));
  console.log(`Concord is running in your browser at:\n  ${server.openUrl}\nPress Ctrl+C to stop.`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
