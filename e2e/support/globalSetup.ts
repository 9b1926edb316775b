import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The browser project runs against the production build of the renderer: build it once.
export default function globalSetup() {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}
