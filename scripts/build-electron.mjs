// Bundles the Electron main process (ESM) with its worker threads, and the preload (CommonJS: sandboxed preloads cannot
// load ES modules) into dist/electron/ (or the directory given as the first argument), with the SQL
// migrations beside the main bundle.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = process.argv[2] ? path.resolve(process.argv[2]) : `${root}dist/electron`;
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
  // Aliased: bundled modules may import createRequire themselves, and a second binding of the same
  // name would make main.mjs a syntax error.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: `${out}/preload.cjs`, format: 'cjs' });
cpSync(`${root}core/store/migrations`, `${out}/migrations`, { recursive: true });
