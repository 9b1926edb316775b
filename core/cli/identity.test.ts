import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../store/sqlite';
import { runConcord } from '../testing/cli';
import { createLegacyWorkspace } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { DB_FILE } from '../workspace/workspace';

const tempDir = useTempDirs();

/** What the events table says about who wrote what. */
function authors(ws: string): Record<string, string[]> {
  const db = openSqlite(path.join(ws, DB_FILE));
  try {
    const rows = db.prepare('SELECT type, author FROM events ORDER BY seq').all() as { type: string; author: string }[];
    const out: Record<string, string[]> = {};
    for (const r of rows) out[r.type] = [...new Set([...(out[r.type] ?? []), r.author])];
    return out;
  } finally {
    db.close();
  }
}

const eventCount = (ws: string) => Object.values(countByType(ws)).reduce((a, b) => a + b, 0);
function countByType(ws: string): Record<string, number> {
  const db = openSqlite(path.join(ws, DB_FILE));
  try {
    return Object.fromEntries((db.prepare('SELECT type, count(*) AS n FROM events GROUP BY type').all() as { type: string; n: number }[]).map((r) => [r.type, r.n]));
  } finally {
    db.close();
  }
}

async function json(args: string[]) {
  const r = await runConcord([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function samplesFile(dir: string): string {
  const file = path.join(dir, 'samples.jsonl');
  writeFileSync(file, ['a', 'b', 'c'].map((id) => JSON.stringify({ id, input: 'q', output: 'o' })).join('\n'));
  return file;
}

describe('the CLI acts as a profile: the local owner, or --as PROFILE', () => {
  it('init makes the OS user the owner (or --owner ID), who authors every event; other profiles are added by an owner', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'ws');
    expect((await json(['init', '--workspace', ws])).owner).toBe('test-runner');
    expect(await json(['profiles', 'list', '--workspace', ws])).toEqual([{ id: 'test-runner', name: 'test-runner', roles: ['owner'] }]);
    await json(['import', '--workspace', ws, '--file', samplesFile(dir)]);
    await json(['profiles', 'add', '--workspace', ws, '--id', 'ana', '--name', 'Ana Ruiz']);
    await json(['profiles', 'add', '--workspace', ws, '--id', 'olga', '--roles', 'owner,adjudicator']);
    expect(authors(ws)).toEqual({
      'workspace.created': ['test-runner'],
      'rater.created': ['test-runner'],
      'guideline.published': ['test-runner'],
      'guideline.activated': ['test-runner'],
      'samples.imported': ['test-runner'],
    });
    // --as another owner: that owner authors the act.
    expect(await json(['profiles', 'roles', '--workspace', ws, '--id', 'ana', '--roles', 'rater,adjudicator', '--as', 'olga'])).toMatchObject({ roles: ['rater', 'adjudicator'] });
    expect(authors(ws)['rater.roles_set']).toEqual(['olga']);

    const named = path.join(dir, 'named');
    expect((await json(['init', '--workspace', named, '--owner', 'lead'])).owner).toBe('lead');
    expect(authors(named)['workspace.created']).toEqual(['lead']);
    const bad = await runConcord(['init', '--workspace', path.join(dir, 'x'), '--owner', 'not an id']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/profile id "not an id" must be 1-64 letters/);
  });

  it('--as a profile without the role is refused: exit 2, the missing role named, nothing changed', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'ws');
    await json(['init', '--workspace', ws]);
    await json(['import', '--workspace', ws, '--file', samplesFile(dir)]);
    await json(['profiles', 'add', '--workspace', ws, '--id', 'ana']);
    const before = countByType(ws);
    const refusals: [string[], string][] = [
      [['batch', '--workspace', ws, '--name', 'b', '--size', '1', '--seed', '1', '--raters', 'ana'], 'concord batch needs the owner role; ana has rater'],
      [['import', '--workspace', ws, '--file', samplesFile(dir)], 'concord import needs the owner role; ana has rater'],
      [['profiles', 'add', '--workspace', ws, '--id', 'mallory', '--roles', 'owner'], 'concord profiles add needs the owner role; ana has rater'],
      [['profiles', 'roles', '--workspace', ws, '--id', 'ana', '--roles', 'owner'], 'concord profiles roles needs the owner role; ana has rater'],
      [['export', '--workspace', ws, '--out', path.join(dir, 'out.jsonl')], 'concord export needs the owner role; ana has rater'],
      [['disagreements', '--workspace', ws, '--any'], 'concord disagreements needs the adjudicator or owner role; ana has rater'],
      // Every sample's content and scores, beyond the rater's own queue: an owner's.
      [['samples', '--workspace', ws], 'concord samples needs the owner role; ana has rater'],
      [['graders', '--workspace', ws], 'concord graders needs the owner role; ana has rater'],
      [['export', '--workspace', ws, '--out', path.join(dir, 'out.parquet')], 'concord export needs the owner role; ana has rater'],
      // Refused before any request is made (nothing listens on port 9).
      [['pull', '--workspace', ws, '--from', 'http://127.0.0.1:9/samples'], 'concord pull needs the owner role; ana has rater'],
      [['push', '--workspace', ws, '--to', 'http://127.0.0.1:9/labels'], 'concord push needs the owner role; ana has rater'],
    ];
    for (const [args, message] of refusals) {
      const r = await runConcord([...args, '--as', 'ana']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim()).toBe(`concord ${args[0]}: ${message}`);
    }
    const unknown = await runConcord(['status', '--workspace', ws, '--as', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--as nobody: no profile "nobody" in this workspace/);
    expect(countByType(ws)).toEqual(before);
    // What a rater may do, they may: status is for any profile.
    expect((await json(['status', '--workspace', ws, '--as', 'ana'])).samples).toBe(3);
  });

  it('bundles: any profile exports and imports them, authoring nothing; --as is checked, and a new replica takes only a profile its bundle creates', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'ws');
    await json(['init', '--workspace', ws]);
    await json(['import', '--workspace', ws, '--file', samplesFile(dir)]);
    await json(['profiles', 'add', '--workspace', ws, '--id', 'ana']);
    const events = eventCount(ws);
    const out = path.join(dir, 'ws.bundle');
    expect(await json(['bundle', 'export', '--workspace', ws, '--out', out, '--as', 'ana'])).toMatchObject({ events });
    expect(await json(['bundle', 'import', '--workspace', ws, '--file', out, '--as', 'ana'])).toMatchObject({ applied: 0, duplicates: events, rejected: [] });
    expect(Object.values(authors(ws)).flat()).not.toContain('ana');
    for (const args of [
      ['bundle', 'export', '--workspace', ws, '--out', path.join(dir, 'other.bundle')],
      ['bundle', 'import', '--workspace', ws, '--file', out],
    ]) {
      const r = await runConcord([...args, '--as', 'nobody']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--as nobody: no profile "nobody" in this workspace/);
    }
    expect(eventCount(ws)).toBe(events);
    const fresh = path.join(dir, 'fresh');
    const refused = await runConcord(['bundle', 'import', '--workspace', fresh, '--file', out, '--as', 'nobody']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('concord bundle: --as nobody: the bundle creates no profile "nobody" (it creates test-runner, ana); nothing was imported');
    expect((await runConcord(['status', '--workspace', fresh])).code).toBe(2); // no replica was made
    expect(await json(['bundle', 'import', '--workspace', fresh, '--file', out, '--as', 'ana'])).toMatchObject({ applied: events, rejected: [] });
  });

  it('a workspace made before profiles had roles gets its local owner on the first write, not on a read', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'legacy');
    createLegacyWorkspace(ws);
    expect((await json(['status', '--workspace', ws])).raters).toBe(0);
    expect(eventCount(ws)).toBe(1);
    await json(['import', '--workspace', ws, '--file', samplesFile(dir)]);
    expect(await json(['profiles', 'list', '--workspace', ws])).toEqual([{ id: 'test-runner', name: 'test-runner', roles: ['owner'] }]);
    expect(authors(ws)).toEqual({ 'workspace.created': ['root'], 'rater.created': ['test-runner'], 'samples.imported': ['test-runner'] });
  });

  it('import-labels: the importing owner authors the events, whose label ids stay derived from the labels', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'ws');
    await json(['init', '--workspace', ws]);
    await json(['import', '--workspace', ws, '--file', samplesFile(dir)]);
    await json(['profiles', 'add', '--workspace', ws, '--id', 'olga', '--roles', 'owner']);
    const labels = path.join(dir, 'labels.jsonl');
    const values = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };
    writeFileSync(labels, ['a', 'b'].map((sample) => JSON.stringify({ sample, rater: 'vendor-1', values })).join('\n'));
    expect(await json(['import-labels', '--workspace', ws, '--file', labels, '--as', 'olga'])).toMatchObject({ imported: 2 });
    expect(authors(ws)['label.submitted']).toEqual(['olga']);
    // The same labels brought in again by another owner are the same events: nothing new.
    expect(await json(['import-labels', '--workspace', ws, '--file', labels])).toMatchObject({ imported: 0, unchanged: 2 });
    expect(authors(ws)['label.submitted']).toEqual(['olga']);
  });
});
