import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../store/sqlite';
import { runConcord } from '../../testing/cli';
import { harmLabel, makeWorkspace } from '../../testing/fixtures';
import { useTempDirs } from '../../testing/tmp';
import { listGold } from '../../workspace/gold';
import { DB_FILE, openWorkspace } from '../../workspace/workspace';

const tempDir = useTempDirs();

async function setup(lines: unknown[]) {
  const dir = tempDir();
  const ws = await makeWorkspace(dir, 10);
  ws.close();
  const file = path.join(dir, 'gold.jsonl');
  writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return { ws: path.join(dir, 'ws'), file };
}

const gold = (sample: string, severity = 0) => ({ sample, values: harmLabel(['none'], severity) });

describe('concord gold', () => {
  it('names every bad line, like import, and sets nothing', async () => {
    const { ws, file } = await setup([gold('s1'), '{not json', { sample: 's2' }, gold('nope'), gold('s3', 9), gold('s1', 1)]);
    const r = await runConcord(['gold', '--workspace', ws, '--file', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing set: 5 invalid line\(s\)/);
    for (const [line, what] of [
      [2, /invalid JSON/],
      [3, /"values" must be an object/],
      [4, /no sample "nope"/],
      [5, /severity/],
      [6, /second gold label for "s1" \(first on line 1\)/],
    ] as const) {
      expect(r.stderr).toMatch(new RegExp(`line ${line}: .*${what.source}`));
    }
    const after = openWorkspace(ws);
    expect(listGold(after)).toEqual([]);
    after.close();
  });

  it('a workspace held by another writer is a failure that says so (exit 1), never bad input', async () => {
    const { ws, file } = await setup([gold('s1'), gold('s2')]);
    const holder = openSqlite(path.join(ws, DB_FILE));
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = await runConcord(['gold', '--workspace', ws, '--file', file], { CONCORD_WRITE_WAIT_MS: '300' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/another writer holds the workspace/);
      expect(r.stderr).not.toMatch(/database is locked/);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    const r = await runConcord(['gold', '--workspace', ws, '--file', file]);
    expect(r.code, r.stderr).toBe(0);
    const after = openWorkspace(ws);
    expect(listGold(after).map((g) => g.sampleId)).toEqual(['s1', 's2']);
    after.close();
  });
});
