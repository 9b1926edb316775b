import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { exportTempName, writeFileAtomic } from './writeAtomic';

const tempDir = useTempDirs();
const root = fileURLToPath(new URL('../../', import.meta.url));
const moduleUrl = new URL('./writeAtomic.ts', import.meta.url).href;

/** A real process that starts writing `target` through writeFileAtomic, says so, and then hangs mid-write. */
function hangingWriter(target: string) {
  const code = `
    const { writeSync } = await import('node:fs');
    const { writeFileAtomic } = await import(${JSON.stringify(moduleUrl)});
    writeFileAtomic(${JSON.stringify(target)}, (put) => {
      put('x'.repeat(3 << 20)); // past the 1 MB buffer: on disk under the temporary name
      put('y');
      writeSync(1, 'writing\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // forever
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const writing = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('writing') && resolve());
    child.on('exit', (c) => reject(new Error(`writer exited ${c} before writing`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, writing, exited };
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('names its temporary file for what it is, and the next write removes what killed writers left', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'labels.jsonl');
    expect(path.basename(exportTempName(target, 42))).toMatch(/^\.labels\.jsonl\.unfinished-export\.pid42\.\d+\.tmp$/);

    const killed = [hangingWriter(target), hangingWriter(target)];
    await Promise.all(killed.map((w) => w.writing));
    const alive = hangingWriter(target);
    await alive.writing;
    writeFileSync(path.join(dir, `.labels.jsonl.999999999.1.tmp`), 'left by an older version'); // pid that cannot exist
    writeFileSync(path.join(dir, `.other.jsonl.999999999.1.tmp`), 'another target: not ours to touch');
    for (const w of killed) {
      w.child.kill('SIGKILL');
      await w.exited;
    }
    expect(temps(dir)).toHaveLength(5);

    writeFileAtomic(target, (put) => put('done\n'));
    expect(readFileSync(target, 'utf8')).toBe('done\n');
    // The live writer's file and the other target's stay; the dead writers' are gone.
    expect(temps(dir).filter((f) => f.startsWith('.labels.jsonl.'))).toEqual([expect.stringMatching(new RegExp(`^\\.labels\\.jsonl\\.unfinished-export\\.pid${alive.child.pid}\\.`))]);
    expect(temps(dir)).toContain('.other.jsonl.999999999.1.tmp');
    alive.child.kill('SIGKILL');
    await alive.exited;
  });

  it('says in words that the folder is missing or the target is a folder, and leaves no file behind', () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(path.join(dir, 'nope', 'out.jsonl'), (put) => put('x'))).toThrow(`cannot write ${path.join(dir, 'nope', 'out.jsonl')}: there is no folder ${path.join(dir, 'nope')}`);
    mkdirSync(path.join(dir, 'out.jsonl'));
    expect(() => writeFileAtomic(path.join(dir, 'out.jsonl'), (put) => put('x'))).toThrow(/: it is a folder$/);
    expect(temps(dir)).toEqual([]);
  });
});
