import { describe, expect, it } from 'vitest';
import { replacedVersions, staleVersionMentions, updateStaleVersionMentions } from './staleVersion';

const rubric = [
  '# Harm taxonomy v1.1.0 {#top}', // 1: named with a v
  '',
  'These guidelines are version 1.1 of the taxonomy.', // 3: short form with "version"
  '',
  '## Severity {#severity}',
  '',
  'See section 1.1 for the scale.', // 7: a section number, not a version
  '',
  'Changed in 1.2.0: satire is covered (it was not in 1.1.0).', // 9: names the new version too
  '',
  'Labels made under 1.1.0 keep their version.', // 11: bare full version
  '',
  'Not versions: 11.1.0, 1.1.0.2, 1.1.01, v1.10, x1.1.0.', // 13
].join('\n');

describe('staleVersionMentions', () => {
  it('finds the lines that still name the previous version, in any of its written forms', () => {
    const hits = staleVersionMentions(rubric, ['1.1.0'], '1.2.0');
    expect(hits.map((h) => h.line)).toEqual([1, 3, 11]);
    expect(hits[0]).toEqual({ line: 1, version: '1.1.0', excerpt: '# Harm taxonomy v1.1.0 {#top}' });
  });

  it('says nothing when the rubric names only the new version, or when there is no previous one', () => {
    const updated = rubric.replace('v1.1.0', 'v1.2.0').replace('version 1.1', 'version 1.2').replace('under 1.1.0', 'under 1.2.0');
    expect(staleVersionMentions(updated, ['1.1.0'], '1.2.0')).toEqual([]);
    expect(staleVersionMentions(rubric, [], '1.2.0')).toEqual([]);
    // Publishing the version the rubric names is no warning.
    expect(staleVersionMentions('# Guide v1.1.0', ['1.1.0'], '1.1.0')).toEqual([]);
  });

  it('checks every previous version given (the one drafted from and the newest published)', () => {
    const hits = staleVersionMentions('Intro.\nAs of 1.0.0 satire was open.\nv1.1.0 added hate.', ['1.0.0', '1.1.0'], '1.2.0');
    expect(hits.map((h) => [h.line, h.version])).toEqual([
      [2, '1.0.0'],
      [3, '1.1.0'],
    ]);
  });

  it('uses the short form only for a .0 patch release', () => {
    expect(staleVersionMentions('Version 2.3 rules.', ['2.3.1'], '2.4.0')).toEqual([]);
    expect(staleVersionMentions('v2.3 rules.', ['2.3.0'], '2.4.0').map((h) => h.line)).toEqual([1]);
  });

  it('shortens a long line in the excerpt', () => {
    const long = `Version 1.1.0 ${'x'.repeat(200)}`;
    const [hit] = staleVersionMentions(long, ['1.1.0'], '1.2.0');
    expect(hit.excerpt.length).toBe(98);
    expect(hit.excerpt.endsWith('…')).toBe(true);
  });
});

describe('updateStaleVersionMentions', () => {
  it('turns every stale mention into the new version, keeping how it was introduced, and nothing else', () => {
    const updated = updateStaleVersionMentions(rubric, ['1.1.0'], '1.2.0');
    const lines = updated.split('\n');
    expect(lines[0]).toBe('# Harm taxonomy v1.2.0 {#top}');
    expect(lines[2]).toBe('These guidelines are version 1.2.0 of the taxonomy.');
    expect(lines[10]).toBe('Labels made under 1.2.0 keep their version.');
    // The section number, the line describing the change and the look-alikes are untouched.
    for (const i of [6, 8, 12]) expect(lines[i]).toBe(rubric.split('\n')[i]);
    expect(staleVersionMentions(updated, ['1.1.0'], '1.2.0')).toEqual([]);
  });

  it('returns the rubric as it is when nothing is stale', () => {
    expect(updateStaleVersionMentions('# Guide v1.2.0', ['1.1.0'], '1.2.0')).toBe('# Guide v1.2.0');
  });
});

describe('replacedVersions', () => {
  it('is the version the draft maps from and the newest published, once each, when older than the draft', () => {
    expect(replacedVersions({ version: '1.2.0', mapping: { from: '1.1.0' } }, '1.1.0')).toEqual(['1.1.0']);
    expect(replacedVersions({ version: '2.0.0', mapping: { from: '1.0.0' } }, '1.1.0')).toEqual(['1.0.0', '1.1.0']);
    expect(replacedVersions({ version: '1.0.0' }, undefined)).toEqual([]);
    // A draft numbered at or below the newest is refused elsewhere; it replaces nothing here.
    expect(replacedVersions({ version: '1.1.0', mapping: { from: 'nonsense' } }, '1.1.0')).toEqual([]);
  });
});
