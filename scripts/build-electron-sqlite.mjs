// Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node, where
// core/store/sqlite.ts points the Electron app (`npm start` with Electron, and the packaged app,
// which carries it unpacked from the asar). Built in a scratch copy: node_modules keeps the Node
// build that the CLI and `npm test` load. Needs the network (Electron's headers, or a prebuilt
// binary), so it runs in `npm run dist`, never in `npm install`.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './nodeBundle.mjs';

const require = createRequire(import.meta.url);
// The same @electron/rebuild electron-builder itself uses.
const builderLib = createRequire(require.resolve('electron-builder')).resolve('app-builder-lib');
const { rebuild } = await import(pathToFileURL(createRequire(builderLib).resolve('@electron/rebuild')).href);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const { version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));

const scratch = mkdtempSync(path.join(os.tmpdir(), 'concord-electron-sqlite-'));
try {
  const copy = path.join(scratch, 'node_modules/better-sqlite3');
  cpSync(source, copy, { recursive: true, filter: (p) => !p.startsWith(path.join(source, 'build')) });
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, dependencies: { 'better-sqlite3': version } }));
  console.log(`building better-sqlite3 ${version} for Electron ${electronVersion} ...`);
  await rebuild({ buildPath: scratch, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  const outDir = path.join(root, 'build/native/electron');
  mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, 'better_sqlite3.node');
  cpSync(path.join(copy, 'build/Release/better_sqlite3.node'), `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  console.log(`wrote ${path.relative(root, target)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
