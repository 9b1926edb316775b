// `npm start`: opens the demo workspace (created on first run) in the desktop app, or, where
// Electron's binary is not available, in the browser build served on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoWorkspace } from '../core/demo/demoWorkspace';
import { serveWorkspace } from '../core/server/main';

const root = fileURLToPath(new URL('../', import.meta.url));
const workspace = process.env.CONCORD_WORKSPACE ?? path.join(root, 'demo-workspace');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** Electron's npm package fetches its binary on first launch; try that once, briefly. */
function electronBinary(): string | undefined {
  const pkg = path.join(root, 'node_modules/electron');
  const binary = () => {
    const p = path.join(pkg, 'path.txt');
    if (!existsSync(p)) return undefined;
    const exe = path.join(pkg, 'dist', readFileSync(p, 'utf8'));
    return existsSync(exe) ? exe : undefined;
  };
  if (binary()) return binary();
  if (process.env.CONCORD_NO_ELECTRON) return undefined;
  spawnSync(process.execPath, [path.join(pkg, 'install.js')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  return binary();
}

async function main() {
  if (await ensureDemoWorkspace(workspace, { team: true })) console.log(`First run: created the demo workspace (with its team) in ${workspace}`);
  console.log('Building the UI ...');
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);

  const electron = electronBinary();
  if (electron) {
    run(process.execPath, [path.join(root, 'scripts/build-electron.mjs')]);
    const child = spawn(electron, [path.join(root, 'dist/electron/main.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, CONCORD_WORKSPACE: workspace } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const server = await serveWorkspace(workspace);
  console.log(`\nElectron's binary is not available on this machine (it could not be downloaded), so Concord runs in your browser instead.`);
  console.log(`Open:\n\n  ${server.openUrl}\n\nThe link carries this session's access token. Press Ctrl+C to stop.`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`concord: ${(e as Error).message}`);
  process.exit(1);
});
