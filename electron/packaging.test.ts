// The desktop installers, as far as they can be built without Electron's binary (it cannot be
// downloaded on these machines): electron-builder itself runs on electron-builder.yml against a
// stand-in Electron distribution, packs the real bundles into an asar and flips the fuses, and
// the tests read back what it made.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/testing/tmp';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// electron-builder's own modules, and the @electron/fuses and @electron/asar it packs with.
const builderRequire = createRequire(createRequire(require.resolve('electron-builder')).resolve('app-builder-lib'));
const { getConfig, validateConfiguration } = builderRequire('./util/config/config.js');
const { DebugLogger } = builderRequire('builder-util');
const fuses = builderRequire('@electron/fuses');
// The fuse wire's marker and byte values (not re-exported by the package's index).
const { SENTINEL, FuseState } = builderRequire('@electron/fuses/dist/constants.js');
const asar = builderRequire('@electron/asar');

const exec = promisify(execFile);
const node = (args: string[], cwd = root) => exec(process.execPath, args, { cwd, maxBuffer: 1 << 24 });

/** The fuses the installers must carry (issue: Concord as installable software). */
const requiredFuses = {
  RunAsNode: 'off',
  EnableCookieEncryption: 'on',
  EnableNodeOptionsEnvironmentVariable: 'off',
  EnableNodeCliInspectArguments: 'off',
  EnableEmbeddedAsarIntegrityValidation: 'on',
  OnlyLoadAppFromAsar: 'on',
} as const;

const loadConfig = () => getConfig(root, null, null);

describe('the electron-builder configuration', () => {
  it("validates against electron-builder's own schema, which rejects a misspelt fuse", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: expect.any(String), productName: 'Concord', asar: true, npmRebuild: false, extraMetadata: { main: 'dist/electron/main.mjs' } });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) expect(existsSync(path.join(root, icon)), icon).toBe(true);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('packs the packaged bundles into an asar with the Electron binding unpacked, and sets the fuses as declared', async () => {
    // A copy of the project holding what `npm run dist` builds first: the renderer, the packaged
    // main-process bundle, and (here a stand-in: the Node build) better-sqlite3 for Electron.
    const project = path.join(tempDir(), 'concord');
    mkdirSync(project);
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml', 'guidelines', 'build', 'demo/samples.jsonl']) cpSync(path.join(root, f), path.join(project, f), { recursive: true });
    // The production dependencies as real folders: through a symlinked node_modules, npm (which
    // electron-builder asks for the dependency tree) reads every package as extraneous once anything
    // has written into node_modules after its install (vite's cache does), and packs none of them.
    const { stdout: prod } = await exec('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, maxBuffer: 1 << 24 });
    for (const dir of prod.split('\n').filter((d) => d.startsWith(path.join(root, 'node_modules') + path.sep))) {
      cpSync(dir, path.join(project, path.relative(root, dir)), { recursive: true });
    }
    // electron-builder reads the Electron version from the installed package.
    cpSync(path.join(root, 'node_modules/electron/package.json'), path.join(project, 'node_modules/electron/package.json'));
    await node(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', path.join(project, 'dist/renderer'), '--emptyOutDir']);
    await node(['scripts/build-electron.mjs', '--packaged', path.join(project, 'dist/electron')]);
    const binding = path.join(project, 'build/native/electron/better_sqlite3.node');
    mkdirSync(path.dirname(binding), { recursive: true });
    cpSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), binding);

    // A stand-in Electron distribution: an "electron" file carrying the fuse wire, in Electron's
    // default states (RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on, the rest off).
    const electronDist = path.join(tempDir(), 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in for the Electron binary\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.alloc(32)]), { mode: 0o755 });

    const out = path.join(project, 'release');
    await node([require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--projectDir', project, `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`]);
    const app = path.join(out, 'linux-unpacked');
    const archive = path.join(app, 'resources/app.asar');
    const files = new Set<string>(asar.listPackage(archive, { isPack: false }).map((f: string) => f.split(path.sep).join('/')));

    // The packed package.json starts the bundle; the bundles, their worker, migrations and data are inside.
    expect(JSON.parse(asar.extractFile(archive, 'package.json').toString()).main).toBe('dist/electron/main.mjs');
    for (const f of ['dist/electron/main.mjs', 'dist/electron/preload.cjs', 'dist/electron/validateWorker.mjs', 'dist/electron/inspectWorker.mjs', 'dist/electron/migrations/001_event_log.sql', 'dist/renderer/index.html', 'guidelines/harm-taxonomy/1.1.0/pack.json', 'demo/samples.jsonl', 'node_modules/better-sqlite3/lib/index.js']) {
      expect(files.has(`/${f}`), f).toBe(true);
    }
    // Only what the bundles leave outside: no bundled library, no Node build or sources of better-sqlite3.
    expect([...files].filter((f) => /^\/node_modules\/(react|zod|echarts|@mantine)\//.test(f))).toEqual([]);
    expect([...files].filter((f) => /^\/node_modules\/better-sqlite3\/(build|deps|src)\//.test(f))).toEqual([]);
    // The Electron binding is listed in the asar but stored beside it, where Electron loads it from.
    expect(files.has('/build/native/electron/better_sqlite3.node')).toBe(true);
    expect(existsSync(path.join(app, 'resources/app.asar.unpacked/build/native/electron/better_sqlite3.node'))).toBe(true);

    // DuckDB (the Parquet reader): its JavaScript inside, its platform binding and library unpacked side by side.
    const duckdbBinding = `node_modules/@duckdb/node-bindings-${process.platform}-${process.arch}`;
    for (const f of ['node_modules/@duckdb/node-api/lib/index.js', 'node_modules/@duckdb/node-bindings/duckdb.js', `${duckdbBinding}/duckdb.node`]) expect(files.has(`/${f}`), f).toBe(true);
    const unpacked = path.join(app, 'resources/app.asar.unpacked');
    expect(existsSync(path.join(unpacked, duckdbBinding, 'duckdb.node'))).toBe(true);
    expect(readdirSync(path.join(unpacked, duckdbBinding)).some((f) => /^(lib)?duckdb\.(so|dylib|dll)$/.test(f))).toBe(true);
    expect([...files].filter((f) => f.startsWith('/node_modules/@duckdb/') && f.endsWith('.d.ts'))).toEqual([]);

    // The packed bundles parse, and main.mjs is the packaged build (core/packaged.ts is true in it).
    const extracted = path.join(tempDir(), 'extracted');
    asar.extractAll(archive, extracted);
    // What the app loads DuckDB from (the asar's JavaScript, the unpacked binding) answers a query.
    cpSync(unpacked, extracted, { recursive: true });
    const probe = `const { DuckDBInstance } = require('@duckdb/node-api'); DuckDBInstance.create(':memory:').then((db) => db.connect()).then((c) => c.runAndReadAll('SELECT 6 * 7 AS answer')).then((r) => console.log(r.getRows()[0][0]));`;
    expect((await node(['-e', probe], extracted)).stdout.trim()).toBe('42');
    for (const f of ['main.mjs', 'validateWorker.mjs', 'inspectWorker.mjs', 'preload.cjs']) await node(['--check', path.join(extracted, 'dist/electron', f)]);
    const main = readFileSync(path.join(extracted, 'dist/electron/main.mjs'), 'utf8');
    expect(main).toContain('packagedBuild = true');
    expect(main).not.toContain('__CONCORD_PACKAGED__');

    // electron-builder flipped the fuses the configuration declares, and those are the required ones.
    const config = await loadConfig();
    const declared = Object.fromEntries(Object.entries(config.electronFuses as Record<string, boolean>).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v ? 'on' : 'off']));
    expect(declared).toEqual(requiredFuses);
    const wire = await fuses.getCurrentFuseWire(path.join(app, 'concord'));
    const state = (name: keyof typeof requiredFuses) => (wire[fuses.FuseV1Options[name]] === FuseState.ENABLE ? 'on' : 'off');
    expect(Object.fromEntries(Object.keys(requiredFuses).map((name) => [name, state(name as keyof typeof requiredFuses)]))).toEqual(requiredFuses);
  }, 240_000);
});

describe('the packaged build and the native-binding variable', () => {
  /** Opens a database through core/store/sqlite.ts bundled with or without the packaged build's define. */
  async function openWithBinding(packaged: boolean, binding: string) {
    const dir = tempDir();
    // Two levels below dir, as dist/electron is below the root: no build/native/electron there.
    const out = path.join(dir, 'dist', 'probe');
    const entry = path.join(dir, 'probe.ts');
    writeFileSync(entry, `import { openSqlite } from ${JSON.stringify(path.join(root, 'core/store/sqlite.ts'))};\nopenSqlite(${JSON.stringify(path.join(dir, 'probe.db'))}).close();\nconsole.log('opened');\n`);
    const script = `import { buildInto, packagedDefine } from './scripts/nodeBundle.mjs';
      await buildInto(${JSON.stringify(out)}, { entryPoints: { probe: ${JSON.stringify(entry)} }, define: ${packaged} ? packagedDefine : {} });`;
    await node(['--input-type=module', '-e', script]);
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    return exec(process.execPath, [path.join(out, 'probe.mjs')], { cwd: dir, env: { ...process.env, CONCORD_SQLITE_BINDING: binding } }).then(
      (r) => ({ ok: true, output: r.stdout }),
      (e: { stderr: string }) => ({ ok: false, output: e.stderr }),
    );
  }

  it('a development build loads the module CONCORD_SQLITE_BINDING names; the packaged build ignores it', async () => {
    // Not a native module: loading it fails, so whether it was loaded shows.
    const bogus = path.join(tempDir(), 'not-a-binding.node');
    writeFileSync(bogus, 'this is not a native module');
    const development = await openWithBinding(false, bogus);
    expect(development.ok).toBe(false);
    expect(development.output).toContain('not-a-binding.node');
    expect(await openWithBinding(true, bogus)).toEqual({ ok: true, output: 'opened\n' });
  }, 120_000);
});
