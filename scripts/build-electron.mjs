// Bundles the Electron main process (ESM) with its worker threads, and the preload (CommonJS: sandboxed preloads cannot
// load ES modules) into dist/electron/, with the SQL migrations beside the main bundle.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/electron`;
mkdirSync(out, { recursive: true });
const common = { bundle: true, platform: 'node', target: 'node22', external: ['electron', 'better-sqlite3'], logLevel: 'warning', absWorkingDir: root };
// Worker-thread entries sit beside main.mjs, where core/threads/startWorker.ts looks for them.
await build({
  ...common,
  entryPoints: ['electron/main.ts', 'core/import/validateWorker.ts'],
  outdir: out,
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  format: 'esm',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: `${out}/preload.cjs`, format: 'cjs' });
cpSync(`${root}core/store/migrations`, `${out}/migrations`, { recursive: true });
