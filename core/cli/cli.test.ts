import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDataFile, ensureDemoWorkspace } from '../demo/demoWorkspace';
import { runConcord } from '../testing/cli';
import { useTempDirs } from '../testing/tmp';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '../..');

async function initWorkspace(): Promise<string> {
  const ws = path.join(tempDir(), 'ws');
  const r = await runConcord(['init', '--workspace', ws]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return ws;
}

describe('concord CLI', () => {
  it('prints help listing every command', async () => {
    const r = await runConcord(['help']);
    expect(r.code).toBe(0);
    for (const c of ['init', 'import', 'status', 'guidelines']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('init creates a workspace under the newest bundled guideline; status reports it', async () => {
    const ws = await initWorkspace();
    const r = await runConcord(['status', '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    // Its one profile is its owner, named after the OS user (CONCORD_USER in tests).
    expect(status).toMatchObject({ samples: 0, labels: 0, raters: 1, adjudications: 0, activeGuideline: { id: 'harm-taxonomy', version: '1.1.0' } });
  });

  it('init --guideline ID@VERSION picks an older version; an unknown one exits 2 and creates nothing', async () => {
    const dir = tempDir();
    const ok = await runConcord(['init', '--workspace', path.join(dir, 'a'), '--guideline', 'harm-taxonomy@1.0.0', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).activeGuideline).toEqual({ id: 'harm-taxonomy', version: '1.0.0' });
    const bad = await runConcord(['init', '--workspace', path.join(dir, 'b'), '--guideline', 'harm-taxonomy@9.9.9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/9\.9\.9/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const status = await runConcord(['status', '--workspace', path.join(dir, 'b')]);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/no workspace at/);
  });

  it('the commands its messages tell the user to run work as written', async () => {
    const dir = path.join(tempDir(), 'my workspace');
    const missing = await runConcord(['status', '--workspace', dir]);
    const create = /\(create one with: (.+)\)$/.exec(missing.stderr.trim())?.[1];
    expect(create).toBe(`npx concord init --workspace '${dir}'`);
    const created = spawnSync('sh', ['-c', create!], { cwd: root, encoding: 'utf8' });
    expect(created.stderr).toBe('');
    expect((await runConcord(['status', '--workspace', dir])).code).toBe(0);

    const unknown = await runConcord(['stauts']);
    const help = /Run '(.+)' for the list/.exec(unknown.stderr)?.[1];
    expect(help).toBe('npx concord help');
    const listed = spawnSync('sh', ['-c', help!], { cwd: root, encoding: 'utf8' });
    expect(listed.stdout).toMatch(/^Usage: npx concord <command> \[options\]$/m);
  });

  it('usage errors exit 2 with one line and no stack trace; --debug adds the stack', async () => {
    const r = await runConcord(['import', '--workspace']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await runConcord(['import', '--workspace', tempDir(), '--file', 'x.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const debug = await runConcord(['status', '--workspace', path.join(tempDir(), 'nope'), '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('import --json reports counts; a bad file exits 2, names every bad line, and imports nothing', async () => {
    const ws = await initWorkspace();
    const file = path.join(tempDir(), 'in.jsonl');
    writeFileSync(file, ['{"id":"a","input":"q","output":"o"}', '{"id":"b","input":"q"}', 'not json', '{"id":"a","input":"q","output":"o"}'].join('\n'));
    const bad = await runConcord(['import', '--workspace', ws, '--file', file, '--json']);
    expect(bad.code).toBe(2);
    const report = JSON.parse(bad.stdout);
    expect(report.imported).toBe(0);
    expect(report.invalid.map((i: { line: number }) => i.line)).toEqual([2, 3, 4]);
    expect(bad.stderr).toMatch(/nothing imported: 3 invalid row\(s\), first on line 2/);

    const text = await runConcord(['import', '--workspace', ws, '--file', file]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/line 2: missing "output"/);
    expect(text.stderr).toMatch(/line 3: invalid JSON/);
    expect(text.stderr).toMatch(/line 4: duplicate id "a" \(first on line 1\)/);

    const skip = await runConcord(['import', '--workspace', ws, '--file', file, '--skip-invalid', '--json']);
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ imported: 1, unchanged: 0, conflicts: [] });
  });

  it('imports 100,000 rows with a field map through the CLI', async () => {
    const ws = await initWorkspace();
    const file = path.join(tempDir(), 'big.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      lines.push(JSON.stringify({ sample_id: `s${i}`, prompt: [{ role: 'user', content: `question ${i}` }], response: { text: `answer ${i}` }, scores: { toxicity: (i % 100) / 100 } }));
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await runConcord(['import', '--workspace', ws, '--file', file, '--map', 'id=sample_id,input=prompt,output=response.text', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 100_000, unchanged: 0, conflicts: [], invalid: [] });
    const status = JSON.parse((await runConcord(['status', '--workspace', ws, '--json'])).stdout);
    expect(status.samples).toBe(100_000);
    const again = await runConcord(['import', '--workspace', ws, '--file', file, '--map', 'id=sample_id,input=prompt,output=response.text', '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, unchanged: 100_000, conflicts: [], invalid: [] });
  });
  it('batch draws only from the samples its filter flags select; a bad filter flag exits 2', async () => {
    const dir = path.join(tempDir(), 'demo');
    await ensureDemoWorkspace(dir);
    const samples = readFileSync(demoDataFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; metadata?: { topic?: string }; scores?: { toxicity?: number } });
    const wanted = new Set(samples.filter((r) => r.metadata?.topic === 'weapons' && (r.scores?.toxicity ?? -1) >= 0.1).map((r) => r.id));
    expect(wanted.size).toBeGreaterThan(2);
    const r = await runConcord(['batch', '--workspace', dir, '--name', 'weapons', '--size', String(wanted.size), '--seed', '5', '--raters', 'demo-rater', '--where', 'topic=weapons', '--score-min', 'toxicity=0.1', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ items: wanted.size, gold: 0 });
    const bad = await runConcord(['batch', '--workspace', dir, '--name', 'x', '--size', '1', '--seed', '5', '--raters', 'demo-rater', '--score-min', 'toxicity']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--score-min takes KEY=NUMBER, not "toxicity"/);
    const none = await runConcord(['batch', '--workspace', dir, '--name', 'x', '--size', '1', '--seed', '5', '--raters', 'demo-rater', '--where', 'topic=weapons', '--score-min', 'toxicity=0.1']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/only 0 match/);
  });
});
