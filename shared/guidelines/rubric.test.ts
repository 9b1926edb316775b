import { describe, expect, it } from 'vitest';
import { parseRubricHeadings, rubricAnchor, rubricSection, stripHeadingAnchors } from './rubric';

const md = [
  '# Title {#top}',
  '',
  'Intro.',
  '',
  '## Harm categories {#categories}',
  '',
  '### Hate {#categories-hate}',
  '',
  'Hate text.',
  '',
  '```md',
  '### Not a heading {#categories-fake}',
  '```',
  '',
  '### Self-harm {#categories-self_harm}',
  '',
  'Self-harm text.',
  '',
  '## Severity {#severity}',
  '',
  '### 3: High',
].join('\n');

describe('rubric anchors', () => {
  it('follows the convention: field key, or field key and value joined by "-"', () => {
    expect(rubricAnchor('categories')).toBe('categories');
    expect(rubricAnchor('categories', 'self_harm')).toBe('categories-self_harm');
    expect(rubricAnchor('severity', 3)).toBe('severity-3');
    expect(rubricAnchor('Odd Key', 'A value!')).toBe('odd-key-a-value');
  });

  it('parses headings with explicit anchors, skipping fenced code', () => {
    const hs = parseRubricHeadings(md);
    expect(hs.map((h) => [h.level, h.text, h.anchor, h.explicit, h.line])).toEqual([
      [1, 'Title', 'top', true, 1],
      [2, 'Harm categories', 'categories', true, 5],
      [3, 'Hate', 'categories-hate', true, 7],
      [3, 'Self-harm', 'categories-self_harm', true, 15],
      [2, 'Severity', 'severity', true, 19],
      [3, '3: High', '3-high', false, 21],
    ]);
  });

  it('extracts the section under an anchor, up to the next heading of the same or a higher level', () => {
    expect(rubricSection(md, 'categories-self_harm')).toBe('### Self-harm {#categories-self_harm}\n\nSelf-harm text.');
    expect(rubricSection(md, 'categories')).toContain('### Self-harm');
    expect(rubricSection(md, 'categories')).not.toContain('## Severity');
    expect(rubricSection(md, 'categories-fake')).toBeUndefined();
  });

  it('strips the anchor markers from headings only', () => {
    const out = stripHeadingAnchors(md);
    expect(out).toContain('### Hate\n');
    expect(out).toContain('### Not a heading {#categories-fake}');
    expect(out).not.toContain('{#categories-hate}');
    expect(out.split('\n')).toHaveLength(md.split('\n').length);
  });
});
