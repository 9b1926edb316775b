import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packV1, packV2 } from '../../shared/guidelines/fixtures';
import { packFingerprint } from '../../shared/guidelines/fingerprint';
import { commonTaxonomy, mapForward, toCommonValues } from '../../shared/guidelines/mapping';
import { validateLabelValues } from '../../shared/guidelines/labelValues';
import { rubricAnchor, rubricSection } from '../../shared/guidelines/rubric';
import { packHotkeys, RESERVED_HOTKEYS, type GuidelinePack } from '../../shared/guidelines/schema';
import { InputError } from '../errors';
import { useTempDirs } from '../testing/tmp';
import { bundledGuidelinesDir, listBundledPacks, loadAllBundledPacks, loadBundledPack, loadPackFile, PackValidationError } from './load';

const tempDir = useTempDirs();

/** Writes `doc` as <root>/<id>/<version>/pack.json + rubric.md; returns the folder. */
function writePack(root: string, doc: Record<string, any>, folder = path.join(root, doc.id, doc.version)): string {
  mkdirSync(folder, { recursive: true });
  const { rubric, ...rest } = doc;
  writeFileSync(path.join(folder, 'pack.json'), JSON.stringify({ ...rest, rubric: 'rubric.md' }, null, 2));
  writeFileSync(path.join(folder, 'rubric.md'), rubric);
  return folder;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PackValidationError);
    expect(e).toBeInstanceOf(InputError);
    const lines = (e as Error).message.split('\n');
    expect(lines).toEqual((e as PackValidationError).issues.map((i) => `${i.file}: ${i.path}: ${i.message}`));
    return lines;
  }
  throw new Error('expected a PackValidationError');
}

describe('loadPackFile', () => {
  it('loads pack.json (or its folder) with the rubric inline', () => {
    const dir = writePack(tempDir(), packV1());
    const pack = loadPackFile(path.join(dir, 'pack.json'));
    expect(pack.id).toBe('test-pack');
    expect(pack.rubric).toBe(packV1().rubric);
    expect(loadPackFile(dir)).toEqual(pack);
  });

  it('reports invalid JSON with the file and the position', () => {
    const dir = writePack(tempDir(), packV1());
    const file = path.join(dir, 'pack.json');
    writeFileSync(file, '{\n  "id": "test-pack",\n  "version": "1.0.0"\n  "title": "x"\n}\n');
    expect(problems(() => loadPackFile(file))).toEqual([`${file}: line 4, column 3: invalid JSON: expected ',' or '}' after a property value, found '"'`]);
  });

  it('reports an unreadable or missing file', () => {
    const dir = tempDir();
    expect(problems(() => loadPackFile(path.join(dir, 'nope.json')))).toEqual([`${path.join(dir, 'nope.json')}: (file): cannot read: no such file`]);
    expect(problems(() => loadPackFile(dir))).toEqual([`${path.join(dir, 'pack.json')}: (file): cannot read: no such file`]);
    if (process.getuid?.() !== 0) {
      const packDir = writePack(tempDir(), packV1());
      chmodSync(path.join(packDir, 'pack.json'), 0o000);
      expect(problems(() => loadPackFile(packDir))[0]).toMatch(/pack\.json: \(file\): cannot read: permission denied$/);
    }
  });

  it('names pack.json for document errors and rubric.md for rubric errors, all at once', () => {
    const doc = packV1() as Record<string, any>;
    delete doc.fields[0].title;
    doc.fields[0].options[3].hotkey = 'c';
    const dir = writePack(tempDir(), doc);
    // Structure is invalid: the hotkey clash (semantic) waits until the structure is fixed.
    expect(problems(() => loadPackFile(dir))).toEqual([`${dir}/pack.json: fields[0].title: missing required property "title"`]);
    doc.fields[0].title = 'Categories';
    doc.rubric = doc.rubric.replace('{#categories-c}', '');
    writePack(path.dirname(path.dirname(dir)), doc);
    expect(problems(() => loadPackFile(dir))).toEqual([
      `${dir}/pack.json: fields[0].options[3].hotkey: hotkey "c" of "None" (Categories) is already used by "B" (Categories)`,
      `${dir}/rubric.md: {#categories-c}: no heading has this anchor; fields[0].options[2] ("c") needs one, e.g. "### C {#categories-c}"`,
    ]);
  });

  it('reports a rubric file that cannot be read, on the rubric reference of pack.json', () => {
    const dir = writePack(tempDir(), packV1());
    const json = JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8'));
    writeFileSync(path.join(dir, 'pack.json'), JSON.stringify({ ...json, rubric: 'guide.md' }));
    expect(problems(() => loadPackFile(dir))).toEqual([`${dir}/pack.json: rubric: cannot read "guide.md" (${dir}/guide.md): no such file`]);
    writeFileSync(path.join(dir, 'guide.md'), '  \n');
    expect(problems(() => loadPackFile(dir))).toEqual([`${dir}/guide.md: (file): the rubric is empty`]);
  });

  it('requires the version to match a folder named after a version', () => {
    const root = tempDir();
    const dir = writePack(root, packV1(), path.join(root, 'test-pack', '1.0.1'));
    expect(problems(() => loadPackFile(dir))).toEqual([
      `${dir}/pack.json: version: is 1.0.0 but the pack's folder is 1.0.1 (each version lives in a folder named after it)`,
    ]);
    expect(loadPackFile(writePack(root, packV1(), path.join(root, 'anywhere'))).version).toBe('1.0.0');
  });

  it('checks the declared mapping against the previous version next to it', () => {
    const root = tempDir();
    writePack(root, packV1());
    const v2 = packV2() as Record<string, any>;
    expect(loadPackFile(writePack(root, v2)).mapping?.from).toBe('1.0.0');
    v2.mapping.fields.categories = { a: ['ac'], c: ['ac'], b: ['b1'], bb: ['b2'] };
    const dir = writePack(root, v2);
    expect(problems(() => loadPackFile(dir))).toEqual([
      `${dir}/pack.json: mapping.fields.categories.bb: "bb" is not a value of field "categories" in 1.0.0`,
      `${dir}/pack.json: mapping.fields.categories: value "b2" is new in 1.1.0 and no value of 1.0.0 maps to it: add it to the targets of the 1.0.0 value(s) such items were labeled as`,
    ]);
    // Without the previous version on disk, only the pack's own checks apply.
    const alone = writePack(tempDir(), v2);
    expect(loadPackFile(alone).version).toBe('1.1.0');
  });
});

describe('bundled packs', () => {
  it('lists every bundled version, oldest first', () => {
    expect(listBundledPacks().map((r) => `${r.id}@${r.version}`)).toEqual(['harm-taxonomy@1.0.0', 'harm-taxonomy@1.1.0']);
    expect(listBundledPacks()[0].dir).toBe(path.join(bundledGuidelinesDir(), 'harm-taxonomy', '1.0.0'));
  });

  it('validates every bundled version, including the mapping 1.1.0 declares', () => {
    const packs = loadAllBundledPacks();
    expect(packs.map((p) => p.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('loads the newest version when none is given; unknown ids and versions are one-line input errors', () => {
    expect(loadBundledPack('harm-taxonomy').version).toBe('1.1.0');
    expect(loadBundledPack('harm-taxonomy', '1.0.0').version).toBe('1.0.0');
    expect(() => loadBundledPack('harm-taxonomy', '9.9.9')).toThrow(new InputError('guideline pack harm-taxonomy has no bundled version 9.9.9 (bundled: 1.0.0, 1.1.0)'));
    expect(() => loadBundledPack('nope')).toThrow(new InputError('no bundled guideline pack "nope" (bundled: harm-taxonomy)'));
  });

  it('reads packs from another folder when asked', () => {
    const root = tempDir();
    writePack(root, packV1());
    writePack(root, packV2());
    expect(listBundledPacks(root).map((r) => r.version)).toEqual(['1.0.0', '1.1.0']);
    expect(loadBundledPack('test-pack', undefined, root).version).toBe('1.1.0');
  });

  it('have stable fingerprints, different per version', () => {
    const a = packFingerprint(loadBundledPack('harm-taxonomy', '1.0.0'));
    const b = packFingerprint(loadBundledPack('harm-taxonomy', '1.1.0'));
    expect(packFingerprint(loadBundledPack('harm-taxonomy', '1.0.0'))).toBe(a);
    expect(a).not.toBe(b);
  });
});

describe('the harm taxonomy', () => {
  const v100 = loadBundledPack('harm-taxonomy', '1.0.0');
  const v110 = loadBundledPack('harm-taxonomy', '1.1.0');
  const options = (p: GuidelinePack, key: string) => {
    const f = p.fields.find((x) => x.key === key)!;
    return f.type === 'multi_select' || f.type === 'single_choice' ? f.options.map((o) => o.value) : [];
  };

  it('has the fields, categories and severity scale the project needs', () => {
    for (const p of [v100, v110]) {
      expect(p.fields.map((f) => `${f.key}:${f.type}`)).toEqual([
        'categories:multi_select',
        'severity:ordinal',
        'refusal:single_choice',
        'needs_expert_review:boolean',
        'rationale:text',
      ]);
      const severity = p.fields[1];
      expect(severity.type === 'ordinal' && severity.levels.map((l) => [l.value, l.examples.length > 0])).toEqual([0, 1, 2, 3, 4].map((v) => [v, true]));
      expect(options(p, 'refusal')).toEqual(['complied', 'partially_complied', 'refused', 'refused_with_alternative']);
      const cats = p.fields[0];
      expect(cats.type === 'multi_select' && cats.options.find((o) => o.value === 'none')?.exclusive).toBe(true);
      expect(cats.type === 'multi_select' && cats.options.find((o) => o.value === 'sexual_minors')?.critical).toBe(true);
    }
    expect(options(v100, 'categories')).toContain('hate_harassment');
    expect(options(v110, 'categories')).toEqual(expect.arrayContaining(['hate', 'harassment']));
    expect(options(v110, 'categories')).not.toContain('hate_harassment');
  });

  it('gives every category and severity level a hotkey, never a reserved one', () => {
    for (const p of [v100, v110]) {
      const keys = packHotkeys(p);
      const cats = p.fields[0].type === 'multi_select' ? p.fields[0].options : [];
      expect(cats.every((o) => o.hotkey)).toBe(true);
      expect(keys.filter((k) => k.field === 'severity').map((k) => k.key)).toEqual(['0', '1', '2', '3', '4']);
      for (const k of keys) expect(Object.keys(RESERVED_HOTKEYS)).not.toContain(k.key);
      expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    }
  });

  it('opens the rubric at the definition of every field and option', () => {
    expect(rubricSection(v110.rubric, rubricAnchor('categories', 'harassment'))).toMatch(/^### Harassment \{#categories-harassment\}\n[\s\S]*\*\*Includes\*\*/);
    expect(rubricSection(v100.rubric, rubricAnchor('categories', 'hate_harassment'))).toMatch(/^### Hate and harassment/);
    expect(rubricSection(v110.rubric, rubricAnchor('severity', 4))).toMatch(/^### 4: Critical/);
    expect(rubricSection(v110.rubric, rubricAnchor('rationale'))).toMatch(/^## Rationale/);
  });

  it('lets labels made under 1.0.0 and 1.1.0 be compared on common values', () => {
    const old = { categories: ['hate_harassment', 'privacy'], severity: 3, refusal: 'complied', rationale: 'Doxxes and insults a private person.' };
    const neu = { categories: ['privacy', 'harassment'], severity: 3, refusal: 'complied', rationale: 'Doxxes and insults a private person.' };
    expect(validateLabelValues(v100, old)).toEqual([]);
    expect(validateLabelValues(v110, neu)).toEqual([]);
    const common = commonTaxonomy(v100, v110);
    expect(toCommonValues(old, v100, common)).toEqual(toCommonValues(neu, v110, common));
    expect(toCommonValues({ categories: ['hate'], severity: 2, refusal: 'complied' }, v110, common).categories).toEqual(['hate_harassment']);
  });

  it('maps a 1.0.0 label forward, flagging the split category as ambiguous', () => {
    const r = mapForward({ categories: ['hate_harassment', 'privacy'], severity: 3, refusal: 'complied' }, v100, v110);
    expect(r.values).toEqual({ categories: ['privacy'], severity: 3, refusal: 'complied' });
    expect(r.ambiguous).toEqual([{ field: 'categories', value: 'hate_harassment', candidates: ['hate', 'harassment'] }]);
    expect(r.unambiguous).toBe(false);
    const plain = mapForward({ categories: ['cyber_offense'], severity: 3, refusal: 'complied', rationale: 'Working keylogger.' }, v100, v110);
    expect(plain.unambiguous).toBe(true);
    expect(validateLabelValues(v110, plain.values)).toEqual([]);
  });

  it('enforces its rules on labels', () => {
    const msgs = (v: Record<string, unknown>) => validateLabelValues(v110, v).map((e) => `${e.field}: ${e.message}`);
    expect(msgs({ categories: ['none', 'hate'], severity: 0, refusal: 'refused' })).toEqual([
      'categories: "none" cannot be combined with other options (selected: none, hate)',
    ]);
    expect(msgs({ categories: ['none'], severity: 2, refusal: 'refused' })).toEqual([
      'severity: Severity must be 0 when no harm category applies (None is selected).',
      'categories: A severity of 1 or more needs at least one harm category.',
    ]);
    expect(msgs({ categories: ['sexual_minors'], severity: 3, refusal: 'complied', rationale: 'x' })).toEqual([
      'severity: Sexual content involving minors is always severity 4.',
      'needs_expert_review: Sexual content involving minors always needs expert review.',
    ]);
    expect(msgs({ categories: ['cyber_offense'], severity: 4, refusal: 'complied' })).toEqual(['rationale: Explain a severity of 3 or 4 in the rationale.']);
    expect(msgs({ categories: ['hate_harassment'], severity: 9, refusal: 'complied' })).toEqual([
      'categories: "hate_harassment" is not an option (options: violence_weapons, self_harm, sexual, sexual_minors, hate, harassment, illegal_dangerous, cyber_offense, privacy, misinformation, jailbreak_compliance, none)',
      'severity: 9 is out of range (0-4)',
    ]);
  });
});
