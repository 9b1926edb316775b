// Bundles the Electron main process (ESM) with its worker threads, and the preload (CommonJS:
// sandboxed preloads cannot load ES modules) into dist/electron/ (or the directory given), with
// the SQL migrations beside the main bundle.
//   node scripts/build-electron.mjs [--packaged] [OUT_DIR]
// --packaged builds the bundle the installers carry (`npm run dist`): core/packaged.ts is true in
// it, so it ignores development overrides such as CONCORD_SQLITE_BINDING.
import { build } from 'esbuild';
import path from 'node:path';
import { buildInto, nodeBundle, packagedDefine, root, workerEntries } from './nodeBundle.mjs';

const args = process.argv.slice(2);
const packaged = args.includes('--packaged');
const dir = args.find((a) => !a.startsWith('--'));
const out = dir ? path.resolve(dir) : path.join(root, 'dist/electron');

// Electron 45 runs Node 22.
const target = 'node22';
await buildInto(out, {
  entryPoints: { main: 'electron/main.ts', ...Object.fromEntries(workerEntries.map((e) => [path.basename(e, '.ts'), e])) },
  target,
  define: packaged ? packagedDefine : {},
});
await build({
  ...nodeBundle,
  banner: {},
  target,
  format: 'cjs',
  outExtension: {},
  entryPoints: ['electron/preload.ts'],
  outfile: path.join(out, 'preload.cjs'),
});
