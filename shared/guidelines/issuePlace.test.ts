import { describe, expect, it } from 'vitest';
import { issuePlace } from './issuePlace';

const pack = {
  fields: [
    { key: 'categories', title: 'Harm categories', type: 'multi_select', options: [{ value: 'hate', title: 'Hate' }, { value: 'cyber', title: 'Cyber' }, { value: 'x', title: '' }] },
    { key: 'severity', title: 'Severity', type: 'ordinal', levels: [{ value: 0, title: 'None' }, { value: 1, title: 'Low' }] },
  ],
};

describe('issuePlace', () => {
  it('names the field and the option or level by title', () => {
    expect(issuePlace(pack, 'fields[0].options[1].hotkey')).toBe('Harm categories › Cyber › hotkey');
    expect(issuePlace(pack, 'fields[1].levels[1].value')).toBe('Severity › 1 · Low › value');
    expect(issuePlace(pack, 'fields[1].hotkey')).toBe('Severity › hotkey');
    expect(issuePlace(pack, 'fields[0]')).toBe('Harm categories');
  });

  it('numbers an untitled option rather than showing its index', () => {
    expect(issuePlace(pack, 'fields[0].options[2].title')).toBe('Harm categories › option 3 › title');
  });

  it('leaves paths outside the fields, and documents without them, to the caller', () => {
    expect(issuePlace(pack, 'version')).toBeUndefined();
    expect(issuePlace(pack, 'line 12')).toBeUndefined();
    expect(issuePlace(pack, 'fields[7].title')).toBeUndefined();
    expect(issuePlace('not a pack', 'fields[0].title')).toBeUndefined();
    expect(issuePlace({ fields: 'x' }, 'fields[0].title')).toBeUndefined();
  });
});
