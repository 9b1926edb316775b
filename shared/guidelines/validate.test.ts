import { describe, expect, it } from 'vitest';
import { packV1, packV2, rubricFor } from './fixtures';
import { checkMappingBetween, formatIssue, formatPath, validatePack, validatePackFile, type PackIssue } from './validate';
import type { GuidelinePack } from './schema';

type Json = Record<string, any>;

function issuesOf(doc: unknown): string[] {
  const r = validatePack(doc);
  if (r.ok) return [];
  return r.issues.map(formatIssue);
}

function valid(doc: unknown): GuidelinePack {
  const r = validatePack(doc);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.pack;
}

describe('validatePack', () => {
  it('accepts the fixtures and fills in defaults', () => {
    const pack = valid(packV1());
    expect(pack.fields[0].examples).toEqual([]);
    expect(pack.fields[2].required).toBe(false);
    expect(valid(packV2()).mapping?.from).toBe('1.0.0');
  });

  it('reports a missing field title with its path', () => {
    const doc: Json = packV1();
    delete doc.fields[0].title;
    expect(issuesOf(doc)).toEqual(['fields[0].title: missing required property "title"']);
  });

  it('reports a blank title and a wrong type', () => {
    const doc: Json = packV1();
    doc.fields[1].title = '   ';
    doc.fields[1].required = 'yes';
    expect(issuesOf(doc)).toEqual(['fields[1].title: must not be empty', 'fields[1].required: expected boolean, received string']);
  });

  it('reports unknown properties and unknown field types precisely', () => {
    const doc: Json = packV1();
    doc.fields[0].options[1].hotkeys = 'x';
    doc.fields[3].type = 'checkbox';
    const issues = issuesOf(doc);
    expect(issues).toContain('fields[0].options[1].hotkeys: unknown property "hotkeys"');
    expect(issues.find((i) => i.startsWith('fields[3].type: must be one of'))).toMatch(/"multi_select".*"text"/);
  });

  it('reports a duplicate option value within a field, naming the first one', () => {
    const doc: Json = packV1();
    doc.fields[0].options[2].value = 'a';
    doc.fields[0].options[2].hotkey = 'g';
    expect(issuesOf(doc)).toContain('fields[0].options[2].value: duplicate value "a" in field "categories" (also fields[0].options[0])');
  });

  it('allows the same option value in different fields', () => {
    const doc: Json = packV1();
    doc.fields[2].options[0].value = 'a';
    doc.rubric = rubricFor(doc.fields);
    expect(issuesOf(doc)).toEqual([]);
  });

  it('reports a duplicate field key', () => {
    const doc: Json = packV1();
    doc.fields[4].key = 'severity';
    expect(issuesOf(doc)).toContain('fields[4].key: duplicate field key "severity" (also fields[1])');
  });

  it('reports a hotkey clash across the whole pack, naming both by their titles', () => {
    const doc: Json = packV1();
    doc.fields[0].options[3].hotkey = 'c';
    expect(issuesOf(doc)).toEqual(['fields[0].options[3].hotkey: hotkey "c" of "None" (Categories) is already used by "B" (Categories)']);
    const across: Json = packV1();
    across.fields[1].levels[2].hotkey = 'r'; // the boolean field's key
    expect(issuesOf(across)).toEqual(['fields[3].hotkey: hotkey "r" of the field "Expert" is already used by "2 · Much" (Severity)']);
  });

  it('refuses hotkeys the app reserves, uppercase keys and multi-character keys', () => {
    const doc: Json = packV1();
    doc.fields[0].options[0].hotkey = 's';
    doc.fields[0].options[1].hotkey = '?';
    doc.fields[0].options[2].hotkey = 'D';
    doc.fields[3].hotkey = 'F1';
    doc.fields[4].hotkey = ' ';
    expect(issuesOf(doc)).toEqual([
      'fields[0].options[0].hotkey: hotkey "s" is reserved by the app (skip)',
      'fields[0].options[1].hotkey: hotkey "?" is reserved by the app (keyboard help)',
      'fields[0].options[2].hotkey: hotkey "D" must be lowercase (hotkeys are single unshifted keys)',
      "fields[3].hotkey: hotkey \"F1\" must be a single key: a lowercase letter, a digit, or one of - = [ ] ; ' , . ` \\",
      'fields[4].hotkey: hotkey " " is reserved by the app (the app (Space))',
    ]);
  });

  it('reports an invalid semantic version, in the pack and in the changelog', () => {
    const doc: Json = packV1();
    doc.version = '1.1';
    doc.changelog[0].version = 'v1.0.0';
    expect(issuesOf(doc)).toEqual([
      'version: "1.1" is not a valid semantic version (MAJOR.MINOR.PATCH, e.g. 1.1.0)',
      'changelog[0].version: "v1.0.0" is not a valid semantic version (MAJOR.MINOR.PATCH, e.g. 1.1.0)',
    ]);
  });

  it('requires a changelog entry for the version, unique and not newer', () => {
    const doc: Json = packV2();
    doc.changelog = [{ version: '1.2.0', changes: ['Future.'] }, { version: '1.0.0', changes: ['x'] }, { version: '1.0.0', changes: ['y'] }];
    expect(issuesOf(doc)).toEqual([
      'changelog[0].version: 1.2.0 is newer than the pack version 1.1.0',
      'changelog[2].version: duplicate changelog entry for 1.0.0 (also changelog[1])',
      'changelog: has no entry for this version (1.1.0)',
    ]);
  });

  it('reports a gap in ordinal levels, and levels out of order', () => {
    const doc: Json = packV1();
    doc.fields[1].levels[2].value = 3;
    doc.rubric = rubricFor(doc.fields);
    expect(issuesOf(doc)).toEqual([
      'fields[1].levels[2].value: ordinal levels must be contiguous integers in ascending order: expected 2 after 1, found 3 (gap: level 2 is missing)',
    ]);
    const order: Json = packV1();
    order.fields[1].levels.reverse();
    expect(issuesOf(order)[0]).toMatch(/^fields\[1\]\.levels\[1\]\.value: .*expected 3 after 2, found 1 \(level 1 is out of order\)/);
    const frac: Json = packV1();
    frac.fields[1].levels[1].value = 0.5;
    expect(issuesOf(frac)).toEqual(['fields[1].levels[1].value: expected int, received number']);
  });

  it('reports a mapping to a value this version does not have', () => {
    const doc: Json = packV2();
    doc.mapping.fields.categories.b = ['b1', 'b9'];
    expect(issuesOf(doc)).toEqual([
      'mapping.fields.categories.b[1]: "b9" is not a value of field "categories" (values: "ac", "b1", "b2", "none")',
    ]);
  });

  it('reports mappings of unknown or unmappable fields, a wrong level type, and a "from" that is not older', () => {
    const doc: Json = packV2();
    doc.mapping.from = '1.1.0';
    doc.mapping.fields.nope = { x: ['y'] };
    doc.mapping.fields.notes = { x: ['y'] };
    doc.mapping.fields.severity = { '2': ['1'], '1': [1, 1] };
    expect(issuesOf(doc)).toEqual([
      'mapping.from: must be an older version than 1.1.0, not 1.1.0',
      'mapping.fields.nope: "nope" is not a field of this pack',
      'mapping.fields.notes: field "notes" is a text field; only multi_select, single_choice and ordinal values can be mapped',
      'mapping.fields.severity["1"][1]: 1 is listed twice',
      'mapping.fields.severity["2"][0]: must be a level number of field "severity"',
    ]);
  });

  it('checks that rules reference real fields and values with a test that fits the field', () => {
    const doc: Json = packV1();
    doc.rules.push(
      { when: { field: 'categories', includesAny: ['zz'] }, require: { field: 'missing', filled: true }, message: 'm' },
      { when: { field: 'severity', atLeast: 5 }, require: { field: 'refusal', includesAny: ['complied'] }, message: 'm' },
      { when: { field: 'expert', equals: true, filled: true }, require: { field: 'notes', filled: true }, message: 'm' },
    );
    expect(issuesOf(doc)).toEqual([
      'rules[5].when: a condition needs exactly one test: includesAny, oneOf, atLeast/atMost, equals or filled',
    ]);
    doc.rules.pop();
    expect(issuesOf(doc)).toEqual([
      'rules[3].when.includesAny[0]: "zz" is not a value of field "categories"',
      'rules[3].require.field: "missing" is not a field of this pack',
      'rules[4].when.atLeast: 5 is outside the levels of "severity" (0-2)',
      'rules[4].require.includesAny: includesAny applies to multi_select fields; "refusal" is single_choice',
    ]);
  });

  it('reports every problem at once', () => {
    const doc: Json = packV1();
    doc.fields[0].options[3].hotkey = 'c';
    doc.fields[1].levels[2].value = 5;
    doc.changelog[0].version = '0.9.0';
    expect(issuesOf(doc)).toHaveLength(3 + 1); // + the rubric anchor of the moved level
  });

  it('requires a rubric heading anchored at every field, option and level, and unique anchors', () => {
    const doc: Json = packV1();
    doc.rubric = doc.rubric.replace('{#categories-b}', '{#categories-bee}').replace('{#severity}', '{#top}');
    const r = validatePack(doc);
    expect(r.ok).toBe(false);
    const issues = (r as { issues: PackIssue[] }).issues;
    expect(issues.every((i) => i.source === 'rubric')).toBe(true);
    expect(issues.map(formatIssue)).toEqual([
      'line 25: duplicate anchor {#top} (first on line 1)',
      '{#categories-b}: no heading has this anchor; fields[0].options[1] ("b") needs one, e.g. "### B {#categories-b}"',
      '{#severity}: no heading has this anchor; fields[1] ("severity") needs one, e.g. "## Severity {#severity}"',
    ]);
  });

  it('ignores anchors inside fenced code blocks', () => {
    const doc: Json = packV1();
    doc.rubric = doc.rubric.replace('## Notes {#notes}', '```\n## Notes {#notes}\n```');
    expect(issuesOf(doc)).toEqual(['{#notes}: no heading has this anchor; fields[4] ("notes") needs one, e.g. "## Notes {#notes}"']);
  });

  it('validates pack.json content with a rubric file name, refusing paths outside the folder', () => {
    const doc: Json = { ...packV1(), rubric: 'rubric.md' };
    expect(validatePackFile(doc).ok).toBe(true);
    const bad = validatePackFile({ ...doc, rubric: '../other/rubric.md' });
    expect(bad.ok).toBe(false);
    expect((bad as { issues: PackIssue[] }).issues.map(formatIssue)).toEqual([
      'rubric: must be a file name relative to the pack folder (no "..", not absolute), e.g. "rubric.md"',
    ]);
  });

  it('reports a non-object document at the root', () => {
    expect(issuesOf(42)).toEqual(['(root): expected object, received number']);
  });
});

describe('checkMappingBetween', () => {
  it('accepts the declared mapping between the fixture versions', () => {
    expect(checkMappingBetween(valid(packV1()), valid(packV2()))).toEqual([]);
  });

  it('reports old values that are neither mapped nor kept, new values nothing maps to, and unknown sources', () => {
    const v2: Json = packV2();
    v2.mapping.fields.categories = { b: ['b1'], a: ['ac'], zz: ['ac'] };
    const issues = checkMappingBetween(valid(packV1()), valid(v2)).map(formatIssue);
    expect(issues).toEqual([
      'mapping.fields.categories.zz: "zz" is not a value of field "categories" in 1.0.0',
      'mapping.fields.categories: value "c" of 1.0.0 is neither mapped nor a value in 1.1.0: list the 1.1.0 values it became',
      'mapping.fields.categories: value "b2" is new in 1.1.0 and no value of 1.0.0 maps to it: add it to the targets of the 1.0.0 value(s) such items were labeled as',
    ]);
  });

  it('reports a field whose type changed under the same key, and a mismatched "from"', () => {
    const v2: Json = packV2();
    v2.fields[4] = { type: 'boolean', key: 'notes', title: 'Notes', description: 'Now a flag.' };
    expect(checkMappingBetween(valid(packV1()), valid(v2)).map(formatIssue)).toEqual([
      'fields[4].type: field "notes" was text in 1.0.0 and is boolean here; give the changed field a new key',
    ]);
    const v3: Json = packV2();
    v3.version = '2.0.0';
    v3.changelog[0].version = '2.0.0';
    v3.mapping.from = '1.5.0';
    expect(checkMappingBetween(valid(packV1()), valid(v3)).map(formatIssue)).toEqual(['mapping.from: is 1.5.0, not 1.0.0']);
  });
});

describe('formatPath', () => {
  it('writes dotted paths with indexes, and quotes keys that are not identifiers', () => {
    expect(formatPath(['fields', 0, 'options', 3, 'hotkey'])).toBe('fields[0].options[3].hotkey');
    expect(formatPath(['mapping', 'fields', 'severity', '2'])).toBe('mapping.fields.severity["2"]');
    expect(formatPath([])).toBe('(root)');
  });
});
