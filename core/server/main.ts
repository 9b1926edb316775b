// The browser build's server: `tsx core/server/main.ts --workspace DIR [--port N] [--static DIR]`.
// Opens the workspace, serves the built renderer and the API on 127.0.0.1, prints the URL to open.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../api/handlers';
import { ensureDemoWorkspace } from '../demo/demoWorkspace';
import { openWorkspace } from '../workspace/workspace';
import { startHttpBridge } from './httpBridge';

const defaultStatic = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export async function serveWorkspace(dir: string, options: { port?: number; staticDir?: string } = {}) {
  const ws = openWorkspace(dir);
  const bridge = await startHttpBridge({ engine: createEngine(ws), staticDir: options.staticDir ?? defaultStatic, port: options.port });
  return {
    ...bridge,
    async close() {
      await bridge.close();
      ws.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' }, demo: { type: 'boolean' } } });
  if (!values.workspace) {
    console.error('usage: tsx core/server/main.ts --workspace DIR [--demo] [--port N] [--static DIR]');
    process.exit(2);
  }
  // --demo: create the demo workspace there on first run, exactly as `npm start` does.
  if (values.demo) await ensureDemoWorkspace(values.workspace);
  const server = await serveWorkspace(values.workspace, { port: values.port ? Number(values.port) : undefined, staticDir: values.static });
  // Machine-readable first line for scripts and tests, then the human message.
  console.log(JSON.stringify({ url: server.url, openUrl: server.openUrl, token: server.token }));
  console.log(`Concord is running in your browser at:\n  ${server.openUrl}\nPress Ctrl+C to stop.`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
