// What the engine's two bundles share (the `concord` command: scripts/build-cli.mjs; the Electron
// main process: scripts/build-electron.mjs): esbuild options for Node, the worker-thread entries
// that must sit beside the bundle (core/threads/startWorker.ts looks for `<name>.mjs` there), and
// the SQL migrations that core/store/migrate.ts reads from `./migrations/` beside it.
import { build } from 'esbuild';
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));

/** Worker-thread entries, built as `<name>.mjs` beside every bundle that may start them. */
export const workerEntries = ['core/import/validateWorker.ts'];

/** The build-time constant of the bundle the installers carry (core/packaged.ts reads it). */
export const packagedDefine = { __CONCORD_PACKAGED__: 'true' };

/**
 * esbuild options for an ES-module bundle run by Node or Electron's main process. better-sqlite3
 * stays outside (native; each runtime loads its own build), and so does electron. Every file lands
 * in one directory two levels below the root (dist/cli, dist/electron), where the engine's
 * `new URL('../../guidelines/', import.meta.url)` finds the root exactly as it does from source.
 */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  // pg-native: pg's optional native driver, which the hub does not use.
  external: ['electron', 'better-sqlite3', 'pg-native'],
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // Aliased: bundled modules may import createRequire themselves, and a second binding of the same
  // name would be a syntax error. Bundled CommonJS needs `require` in an ES module.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
};

/**
 * Builds into a fresh directory beside `out`, adds the migrations, then puts it in place of `out`:
 * no stale chunk from an earlier build survives, and a half-built directory is never `out`.
 */
export async function buildInto(out, options) {
  const staging = `${out}.building`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({ ...nodeBundle, ...options, outdir: staging });
  cpSync(`${root}core/store/migrations`, `${staging}/migrations`, { recursive: true });
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  return result;
}
