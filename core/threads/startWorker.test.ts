import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '../..');

// From source, workers load through tsx (core/import/validate.test.ts); these check the compiled
// path: code bundled by scripts/nodeBundle.mjs starts the worker entry built beside it.
describe('worker threads from the compiled build', () => {
  it('the CLI build carries the validation worker beside concord.mjs', () => {
    const out = path.join(tempDir(), 'dist', 'cli');
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const file of ['concord.mjs', 'validateWorker.mjs', 'inspectWorker.mjs', 'migrations/001_event_log.sql']) expect(existsSync(path.join(out, file)), file).toBe(true);
  });

  it('bundled code starts the worker entry built beside it', () => {
    const dir = tempDir();
    const rows = path.join(dir, 'rows.jsonl');
    const content = '{"id":"a","input":"q","output":"r"}\n{oops}\n{"id":"b","input":"q","output":"r"}\n';
    writeFileSync(rows, content);
    // A probe entry bundled with the CLI's options into dir/dist/probe/, workers beside it.
    const probe = path.join(dir, 'probe.ts');
    writeFileSync(
      probe,
      `import { validateInWorker } from ${JSON.stringify(path.join(root, 'core/import/validateInWorker.ts'))};
       const r = await validateInWorker(${JSON.stringify(rows)}, {}, { start: 0, end: ${Buffer.byteLength(content)} }).result;
       console.log(JSON.stringify({ ids: r.ids.count, invalid: r.invalid.map((i) => i.line) }));`,
    );
    const out = path.join(dir, 'dist', 'probe');
    const script = `import { buildInto, workerEntries } from './scripts/nodeBundle.mjs';
      import path from 'node:path';
      await buildInto(${JSON.stringify(out)}, { entryPoints: { probe: ${JSON.stringify(probe)}, ...Object.fromEntries(workerEntries.map((e) => [path.basename(e, '.ts'), e])) }, splitting: true });`;
    const build = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    // better-sqlite3 stays external: resolvable from the probe's folder as from an installed package.
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    // Without a validateWorker.mjs beside the bundle, the worker fails to start and the probe throws.
    const run = spawnSync(process.execPath, [path.join(out, 'probe.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ ids: 2, invalid: [2] });
  });
});
