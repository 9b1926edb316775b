import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { harmLabel, makeWorkspace } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { runCli } from './run';

// What the CLI says when the user gets something wrong: one line that names the problem in words
// (never EISDIR, ENOENT on a temporary name, or a stack trace), and exit 2.

const tempDir = useTempDirs();
const root = fileURLToPath(new URL('../../', import.meta.url));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

async function workspace() {
  const dir = tempDir();
  const ws = await makeWorkspace(dir, 3, ['r1', 'r2']);
  for (const [r, sev] of [['r1', 1], ['r2', 3]] as const) saveLabel(ws, { raterId: r, sampleId: 's0', values: harmLabel(['hate'], sev), timeSpentMs: 1 });
  ws.close();
  return { dir, ws: path.join(dir, 'ws') };
}

const oneLine = (text: string) => expect(text.trim().split('\n')).toHaveLength(1);

describe('CLI errors', () => {
  it('a missing file says "no such file", whatever its extension', async () => {
    const { dir, ws } = await workspace();
    for (const name of ['nope.txt', 'nope.jsonl']) {
      const r = await cli('import', '--workspace', ws, '--file', path.join(dir, name));
      expect([r.code, r.err.trim()]).toEqual([2, `concord import: cannot read ${path.join(dir, name)}: no such file`]);
    }
  });

  it('a directory given as a file is one clear line for every command that reads one', async () => {
    const { dir, ws } = await workspace();
    const folder = path.join(dir, 'folder.jsonl');
    mkdirSync(folder);
    for (const argv of [
      ['import', '--workspace', ws, '--file', folder],
      ['import-labels', '--workspace', ws, '--file', folder],
      ['gold', '--workspace', ws, '--file', folder],
      ['agreement', '--ratings', folder],
      ['batch', '--workspace', ws, '--spec', folder],
    ]) {
      const r = await cli(...argv);
      expect(r.code, r.err).toBe(2);
      oneLine(r.err);
      expect(r.err).toMatch(/it is a directory/);
      expect(r.err).not.toMatch(/EISDIR/);
    }
  });

  it('a missing output folder is one clear line, and no temporary file is left', async () => {
    const { dir, ws } = await workspace();
    for (const [command, file] of [['export', 'labels.jsonl'], ['report', 'report.html']]) {
      const out = path.join(dir, 'no-such-folder', file);
      const r = await cli(command, '--workspace', ws, '--out', out);
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim()).toBe(`concord ${command}: cannot write ${out}: there is no folder ${path.dirname(out)}`);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rows without an id and no --map: the error names the fields the rows have and the --map to use', async () => {
    const { dir, ws } = await workspace();
    const file = path.join(dir, 'other.jsonl');
    writeFileSync(file, [{ sample_id: 'a', input: 'q', output: 'r' }, { sample_id: 'b', input: 'q', output: 'r' }].map((r) => JSON.stringify(r)).join('\n'));
    const r = await cli('import', '--workspace', ws, '--file', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1: missing "id": the row's fields are "sample_id", "input", "output"; .*pass --map id=sample_id/);
  });

  it('an unknown option or command suggests the nearest one', async () => {
    const { ws } = await workspace();
    const option = await cli('export', '--workspace', ws, '--ot', 'x.jsonl');
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/Unknown option '--ot' \(did you mean --out\?\)/);
    const command = await cli('exprot', '--workspace', ws);
    expect(command.err).toMatch(/unknown command 'exprot' \(did you mean 'export'\?\)/);
    expect((await cli('import', '--workspace', ws, '--zzzzzzzz')).err).not.toMatch(/did you mean/);
  });

  it('disagreements --spread on a field that is not ordinal is an error, not an empty queue', async () => {
    const { ws } = await workspace();
    const r = await cli('disagreements', '--workspace', ws, '--spread', '1', '--field', 'categories');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--spread needs an ordinal field, and "categories" is multi-select \(ordinal fields: severity\)/);
    expect((await cli('disagreements', '--workspace', ws, '--spread', '2', '--field', 'severity')).out).toMatch(/^s0 .*severity spread 2/m);
  });

  it('a closed pipe (| head) is one line, not an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'guidelines', 'show', 'harm-taxonomy', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first byte
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('concord: stopped writing: the output was closed before all of it was read (broken pipe)');
  });
});
