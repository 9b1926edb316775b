import { describe, expect, it } from 'vitest';
import { diffLines, diffSchema } from './diff';

describe('guideline diff', () => {
  it('finds added, removed and changed fields and options', () => {
    const a = { fields: [{ key: 'cats', type: 'multi_select', title: 'Categories', description: '', examples: [], options: [{ value: 'hh', title: 'Hate and harassment', description: 'd', examples: [] }, { value: 'none', title: 'None', description: 'n', examples: [] }] }] };
    const b = { fields: [{ key: 'cats', type: 'multi_select', title: 'Categories', description: '', examples: [], options: [{ value: 'hate', title: 'Hate', description: 'd', examples: [] }, { value: 'none', title: 'No harm', description: 'n', examples: [] }] }, { key: 'note', type: 'text', title: 'Note', description: '', examples: [] }] };
    expect(diffSchema(a as never, b as never)).toEqual([
      { kind: 'removed', path: 'cats.hh', detail: '"Hate and harassment" removed' },
      { kind: 'changed', path: 'cats.none', detail: 'title: None -> No harm' },
      { kind: 'added', path: 'cats.hate', detail: '"Hate" added' },
      { kind: 'added', path: 'note', detail: 'field "Note" (text) added' },
    ]);
  });

  it('diffs prose line by line', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});
