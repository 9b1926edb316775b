// Small packs for tests: valid as built, so each test can break exactly one thing.
import { rubricAnchor } from './rubric';
import type { GuidelinePackInput } from './schema';

type Json = Record<string, unknown>;

/** A rubric with a heading for every field, option and level of `fields`. */
export function rubricFor(fields: Json[]): string {
  const lines = ['# Test rubric {#top}', '', 'Intro.', ''];
  for (const f of fields) {
    lines.push(`## ${f.title} {#${rubricAnchor(f.key as string)}}`, '', `About ${f.key}.`, '');
    for (const o of (f.options ?? f.levels ?? []) as Json[]) {
      lines.push(`### ${o.title} {#${rubricAnchor(f.key as string, o.value as string | number)}}`, '', `About ${o.value}.`, '');
    }
  }
  return lines.join('\n');
}

/** Version 1.0.0 of a test pack: categories a, b, c, none; severity 0-2; refusal; flag; notes. */
export function packV1(): GuidelinePackInput & Json {
  const fields: Json[] = [
    {
      type: 'multi_select',
      key: 'categories',
      title: 'Categories',
      description: 'What applies.',
      required: true,
      options: [
        { value: 'a', title: 'A', description: 'Category a.', hotkey: 'a' },
        { value: 'b', title: 'B', description: 'Category b.', hotkey: 'c' },
        { value: 'c', title: 'C', description: 'Category c.', hotkey: 'd' },
        { value: 'none', title: 'None', description: 'Nothing applies.', hotkey: 'n', exclusive: true },
      ],
    },
    {
      type: 'ordinal',
      key: 'severity',
      title: 'Severity',
      description: 'How bad.',
      required: true,
      levels: [
        { value: 0, title: 'None', description: 'No harm.', hotkey: '0' },
        { value: 1, title: 'Some', description: 'Some harm.', hotkey: '1' },
        { value: 2, title: 'Much', description: 'Much harm.', hotkey: '2' },
      ],
    },
    {
      type: 'single_choice',
      key: 'refusal',
      title: 'Refusal',
      description: 'How the model answered.',
      options: [
        { value: 'complied', title: 'Complied', description: 'Did it.', hotkey: '7' },
        { value: 'refused', title: 'Refused', description: 'Did not.', hotkey: '8' },
      ],
    },
    { type: 'boolean', key: 'expert', title: 'Expert', description: 'Needs an expert.', hotkey: 'r' },
    { type: 'text', key: 'notes', title: 'Notes', description: 'Why.', maxLength: 20 },
  ];
  return {
    id: 'test-pack',
    version: '1.0.0',
    title: 'Test pack',
    description: 'A pack for tests.',
    changelog: [{ version: '1.0.0', changes: ['First version.'] }],
    fields: fields as GuidelinePackInput['fields'],
    rules: [
      { when: { field: 'categories', includesAny: ['none'] }, require: { field: 'severity', atMost: 0 }, message: 'none means severity 0' },
      { when: { field: 'severity', atLeast: 2 }, require: { field: 'notes', filled: true }, message: 'explain severity 2' },
      { when: { field: 'expert', equals: true }, require: { field: 'notes', filled: true }, message: 'say what the expert should check' },
    ],
    rubric: rubricFor(fields),
  };
}

/**
 * Version 1.1.0: category b split into b1 and b2 (hotkeys c and h), a and c merged into ac, severity and
 * the rest unchanged (mapped implicitly).
 */
export function packV2(): GuidelinePackInput & Json {
  const p = packV1();
  const fields = JSON.parse(JSON.stringify(p.fields)) as Json[];
  fields[0].options = [
    { value: 'ac', title: 'A or C', description: 'Categories a and c.', hotkey: 'a' },
    { value: 'b1', title: 'B1', description: 'First half of b.', hotkey: 'c' },
    { value: 'b2', title: 'B2', description: 'Second half of b.', hotkey: 'h' },
    { value: 'none', title: 'None', description: 'Nothing applies.', hotkey: 'n', exclusive: true },
  ];
  return {
    ...p,
    version: '1.1.0',
    changelog: [{ version: '1.1.0', changes: ['Split b; merged a and c.'] }, ...p.changelog],
    fields: fields as GuidelinePackInput['fields'],
    mapping: { from: '1.0.0', fields: { categories: { a: ['ac'], b: ['b1', 'b2'], c: ['ac'] } } },
    rubric: rubricFor(fields),
  };
}

/** Version 1.2.0: b2 renamed to b3 (one-to-one), nothing else changed. */
export function packV3(): GuidelinePackInput & Json {
  const p = packV2();
  const fields = JSON.parse(JSON.stringify(p.fields)) as Json[];
  (fields[0].options as Json[])[2] = { value: 'b3', title: 'B3', description: 'Renamed b2.', hotkey: 'h' };
  return {
    ...p,
    version: '1.2.0',
    changelog: [{ version: '1.2.0', changes: ['Renamed b2 to b3.'] }, ...p.changelog],
    fields: fields as GuidelinePackInput['fields'],
    mapping: { from: '1.1.0', fields: { categories: { b2: ['b3'] } } },
    rubric: rubricFor(fields),
  };
}
