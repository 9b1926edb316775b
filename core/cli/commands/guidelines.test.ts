import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConcord } from '../../testing/cli';
import { useTempDirs } from '../../testing/tmp';

const tempDir = useTempDirs();
const bundled = (version: string) => path.join('guidelines', 'harm-taxonomy', version);

/** A copy of a bundled version in a temp folder named like the bundled layout, optionally edited. */
function copyPack(version: string, edit: (pack: any) => void = () => {}, editRubric: (md: string) => string = (md) => md): string {
  const dir = path.join(tempDir(), 'harm-taxonomy', version);
  mkdirSync(dir, { recursive: true });
  const pack = JSON.parse(readFileSync(path.join(bundled(version), 'pack.json'), 'utf8'));
  edit(pack);
  writeFileSync(path.join(dir, 'pack.json'), JSON.stringify(pack, null, 2));
  writeFileSync(path.join(dir, 'rubric.md'), editRubric(readFileSync(path.join(bundled(version), 'rubric.md'), 'utf8')));
  return dir;
}

describe('concord guidelines', () => {
  it('list shows every bundled version; --json gives ids, versions, counts and fingerprints', async () => {
    const [text, json] = await Promise.all([runConcord(['guidelines', 'list']), runConcord(['guidelines', 'list', '--json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ID\s+VERSION\s+FIELDS\s+CATEGORIES\s+TITLE$/m);
    expect(text.stdout).toMatch(/^harm-taxonomy\s+1\.0\.0\s+5\s+11\s+Harm taxonomy for LLM outputs$/m);
    expect(text.stdout).toMatch(/^harm-taxonomy\s+1\.1\.0\s+5\s+12\s+Harm taxonomy for LLM outputs$/m);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout);
    expect(list.map((p: { version: string }) => p.version)).toEqual(['1.0.0', '1.1.0']);
    expect(list[1]).toMatchObject({ id: 'harm-taxonomy', fields: 5, categories: 12, fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('show prints fields with hotkeys, severity levels, mapping and changelog; --json the whole document', async () => {
    const [text, old, json, rubric] = await Promise.all([
      runConcord(['guidelines', 'show', 'harm-taxonomy']),
      runConcord(['guidelines', 'show', 'harm-taxonomy@1.0.0']),
      runConcord(['guidelines', 'show', 'harm-taxonomy@1.1.0', '--json']),
      runConcord(['guidelines', 'show', 'harm-taxonomy@1.1.0', '--rubric']),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^harm-taxonomy@1\.1\.0: Harm taxonomy for LLM outputs$/m);
    expect(text.stdout).toMatch(/^\s+\[h\] hate\s+Hate$/m);
    expect(text.stdout).toMatch(/^\s+\[a\] harassment\s+Harassment$/m);
    expect(text.stdout).toMatch(/^\s+\[4\] 4 {2}Critical: /m);
    expect(text.stdout).toMatch(/categories: hate_harassment -> hate, harassment/);
    expect(text.stdout).toMatch(/^Changelog:\n {2}1\.1\.0\n/m);
    expect(old.stdout).toMatch(/^\s+\[h\] hate_harassment\s+Hate and harassment$/m);
    expect(old.stdout).not.toMatch(/Mapping from/);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ id: 'harm-taxonomy', version: '1.1.0', mapping: { from: '1.0.0' } });
    expect(doc.rubric).toMatch(/\{#categories-harassment\}/);
    expect(rubric.stdout).toBe(doc.rubric.endsWith('\n') ? doc.rubric : doc.rubric + '\n');
  });

  it('show of an unknown pack or version exits 2 with one line', async () => {
    const [version, id] = await Promise.all([runConcord(['guidelines', 'show', 'harm-taxonomy@9.9.9']), runConcord(['guidelines', 'show', 'nope'])]);
    expect(version.code).toBe(2);
    expect(version.stderr).toBe('concord guidelines: guideline pack harm-taxonomy has no bundled version 9.9.9 (bundled: 1.0.0, 1.1.0)\n');
    expect(id.code).toBe(2);
    expect(id.stderr.trim().split('\n')).toHaveLength(1);
    expect(id.stderr).toMatch(/no bundled guideline pack "nope"/);
  });

  it('validate accepts the bundled packs, as pack.json or as a folder', async () => {
    const [file, dir, json] = await Promise.all([
      runConcord(['guidelines', 'validate', path.join(bundled('1.1.0'), 'pack.json')]),
      runConcord(['guidelines', 'validate', bundled('1.0.0')]),
      runConcord(['guidelines', 'validate', bundled('1.1.0'), '--json']),
    ]);
    expect(file).toMatchObject({ code: 0, stdout: 'ok: harm-taxonomy@1.1.0\n', stderr: '' });
    expect(dir).toMatchObject({ code: 0, stdout: 'ok: harm-taxonomy@1.0.0\n', stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, id: 'harm-taxonomy', version: '1.1.0' });
  });

  it('validate exits 2 and prints every problem on its own line as file: path: message', async () => {
    const dir = copyPack('1.1.0', (p) => {
      p.fields[0].options[3].hotkey = 'c'; // Sexual content involving minors takes cyber-offense's key
      p.fields[1].levels[3].value = 4; // severity 0, 1, 2, 4, 4
      p.mapping.fields.categories.hate_harassment = ['hate', 'harrassment'];
      p.version = '1.1';
    });
    const r = await runConcord(['guidelines', 'validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // The bad version is structural, so it is reported first and alone; fix it to see the rest.
    expect(r.stderr).toBe(`${dir}/pack.json: version: "1.1" is not a valid semantic version (MAJOR.MINOR.PATCH, e.g. 1.1.0)\n`);

    const dir2 = copyPack(
      '1.1.0',
      (p) => {
        p.fields[0].options[3].hotkey = 'c';
        p.fields[1].levels[3].value = 4;
        p.mapping.fields.categories.hate_harassment = ['hate', 'harrassment'];
      },
      (md) => md.replace('### Refused {#refusal-refused}', '### Refused {#refusal-declined}'),
    );
    const r2 = await runConcord(['guidelines', 'validate', path.join(dir2, 'pack.json')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr.trimEnd().split('\n')).toEqual([
      `${dir2}/pack.json: fields[1].levels[3].value: ordinal levels must be contiguous integers in ascending order: expected 3 after 2, found 4 (gap: level 3 is missing)`,
      `${dir2}/pack.json: fields[1].levels[4].value: ordinal levels must be contiguous integers in ascending order: expected 5 after 4, found 4 (duplicate level 4)`,
      `${dir2}/pack.json: fields[0].options[7].hotkey: hotkey "c" of "Cyber-offense or malicious code" (Harm categories) is already used by "Sexual content involving minors" (Harm categories)`,
      `${dir2}/pack.json: mapping.fields.categories.hate_harassment[1]: "harrassment" is not a value of field "categories" (values: "violence_weapons", "self_harm", "sexual", "sexual_minors", "hate", "harassment", "illegal_dangerous", "cyber_offense", "privacy", "misinformation", "jailbreak_compliance", "none")`,
      `${dir2}/rubric.md: {#refusal-refused}: no heading has this anchor; fields[2].options[2] ("refused") needs one, e.g. "### Refused {#refusal-refused}"`,
    ]);
  });

  it('validate reports invalid JSON with its position, a missing file, and usage errors', async () => {
    const dir = copyPack('1.0.0');
    writeFileSync(path.join(dir, 'pack.json'), '{\n  "id": "harm-taxonomy",\n  "version": "1.0.0",\n}\n');
    const [json, missing, usage, unknown] = await Promise.all([
      runConcord(['guidelines', 'validate', dir]),
      runConcord(['guidelines', 'validate', path.join(dir, 'nope.json'), '--json']),
      runConcord(['guidelines', 'validate']),
      runConcord(['guidelines', 'frobnicate']),
    ]);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(`${dir}/pack.json: line 4, column 1: invalid JSON: trailing comma before '}'\n`);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ ok: false, errors: [{ file: path.join(dir, 'nope.json'), path: '(file)', message: 'cannot read: no such file' }] });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^concord guidelines: missing PATH/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown subcommand "frobnicate"/);
  });
});
