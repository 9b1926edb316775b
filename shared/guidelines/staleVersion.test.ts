import { describe, expect, it } from 'vitest';
import { staleVersionMentions } from './staleVersion';

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
