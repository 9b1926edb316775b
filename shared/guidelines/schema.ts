// Guideline packs: the versioned document raters label against.
//
// A pack has an id (e.g. "harm-taxonomy"), a semantic version, a changelog, a label schema (`fields`),
// optional cross-field `rules`, an optional `mapping` from the previous version's values, and the
// Markdown rubric raters read. On disk (guidelines/<id>/<version>/pack.json) `rubric` names the
// Markdown file next to pack.json; the loaded document carries the Markdown text itself.
//
// This module holds the structural (zod) schema. Cross-references (unique keys, unique hotkeys,
// contiguous ordinal levels, mappings and rules that point at real values, rubric anchors) are checked
// in validate.ts; always validate through validatePack / validatePackFile, not these schemas alone.
import { z } from 'zod';
import { isSemver } from './semver';

/** Field keys: lowercase identifiers, e.g. `categories`, `needs_expert_review`. */
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Option values of choice fields: lowercase identifiers that may start with a digit, e.g. `self_harm`. */
export const OPTION_VALUE_PATTERN = /^[a-z0-9][a-z0-9_]*$/;
/** Pack ids: lowercase words joined by hyphens, e.g. `harm-taxonomy`. */
export const PACK_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Hotkeys: one unshifted key: a lowercase letter, a digit, or one of - = [ ] ; ' , . ` \ */
export const HOTKEY_PATTERN = /^[a-z0-9\-=[\];',.`\\]$/;

/**
 * Keys the labeling app keeps for itself; a pack may never bind them. Keys are compared
 * case-insensitively; named keys (Enter, Space, ...) are listed by their KeyboardEvent.key name.
 */
export const RESERVED_HOTKEYS: Readonly<Record<string, string>> = {
  Enter: 'submit',
  ' ': 'the app (Space)',
  Space: 'the app (Space)',
  '?': 'keyboard help',
  s: 'skip',
  f: 'flag',
  z: 'undo',
  u: 'undo',
  b: 'back',
  Backspace: 'back',
  e: 'edit',
  '/': 'search',
  j: 'next item',
  k: 'previous item',
  Escape: 'cancel',
};

/** Why a hotkey is not allowed, or undefined when it is fine on its own (clashes are checked pack-wide). */
export function hotkeyProblem(key: string): string | undefined {
  const reserved = RESERVED_HOTKEYS[key] ?? RESERVED_HOTKEYS[key.toLowerCase()];
  if (reserved) return `hotkey ${JSON.stringify(key)} is reserved by the app (${reserved})`;
  if (key.length === 1 && key !== key.toLowerCase()) return `hotkey ${JSON.stringify(key)} must be lowercase (hotkeys are single unshifted keys)`;
  if (!HOTKEY_PATTERN.test(key)) return `hotkey ${JSON.stringify(key)} must be a single key: a lowercase letter, a digit, or one of - = [ ] ; ' , . \` \\`;
  return undefined;
}

const text = z.string().refine((s) => s.trim().length > 0, 'must not be empty');
const examples = z.array(text).default([]);
const semver = z.string().refine(isSemver, {
  error: (iss) => `${JSON.stringify(iss.input)} is not a valid semantic version (MAJOR.MINOR.PATCH, e.g. 1.1.0)`,
});
const fieldKey = z.string().regex(FIELD_KEY_PATTERN, 'must be a lowercase identifier (a-z, 0-9, _; starting with a letter)');
const optionValue = z.string().regex(OPTION_VALUE_PATTERN, 'must be a lowercase identifier (a-z, 0-9, _)');
const hotkey = z.string().superRefine((key, ctx) => {
  const problem = hotkeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// ---------------------------------------------------------------------------------------------
// Fields

const fieldBase = {
  /** Stable identifier: the key in label values, and the rubric anchor of the field's definition. */
  key: fieldKey,
  title: text,
  description: text,
  examples,
  /** Focuses the field (text), toggles it (boolean), or focuses the group (choice fields). */
  hotkey: hotkey.optional(),
  /** A label must give this field a value (multi-select: at least one option; text: non-blank). */
  required: z.boolean().default(false),
};

const optionBase = {
  value: optionValue,
  title: text,
  description: text,
  examples,
  hotkey: hotkey.optional(),
  /** Shown prominently; a critical option usually has rules (e.g. a minimum severity) attached. */
  critical: z.boolean().optional(),
};

export const choiceOptionSchema = z.strictObject(optionBase);
export const multiSelectOptionSchema = z.strictObject({
  ...optionBase,
  /** Cannot be combined with any other option of the field (e.g. "none"). */
  exclusive: z.boolean().optional(),
});

export const ordinalLevelSchema = z.strictObject({
  /** Levels are contiguous integers in ascending order, e.g. 0, 1, 2, 3, 4. */
  value: z.number().int(),
  title: text,
  description: text,
  examples,
  hotkey: hotkey.optional(),
});

export const multiSelectFieldSchema = z.strictObject({
  type: z.literal('multi_select'),
  ...fieldBase,
  options: z.array(multiSelectOptionSchema).min(1, 'must list at least one option'),
});

export const singleChoiceFieldSchema = z.strictObject({
  type: z.literal('single_choice'),
  ...fieldBase,
  options: z.array(choiceOptionSchema).min(2, 'must list at least two options'),
});

export const ordinalFieldSchema = z.strictObject({
  type: z.literal('ordinal'),
  ...fieldBase,
  levels: z.array(ordinalLevelSchema).min(2, 'must list at least two levels'),
});

export const booleanFieldSchema = z.strictObject({
  type: z.literal('boolean'),
  ...fieldBase,
});

export const textFieldSchema = z.strictObject({
  type: z.literal('text'),
  ...fieldBase,
  maxLength: z.number().int().positive().optional(),
  placeholder: z.string().optional(),
});

export const fieldSchema = z.discriminatedUnion('type', [
  multiSelectFieldSchema,
  singleChoiceFieldSchema,
  ordinalFieldSchema,
  booleanFieldSchema,
  textFieldSchema,
]);

export const FIELD_TYPES = ['multi_select', 'single_choice', 'ordinal', 'boolean', 'text'] as const;

// ---------------------------------------------------------------------------------------------
// Rules: "when <condition> then <condition> must hold", checked on every label (labelValues.ts).

/**
 * A test on one field's value. Exactly one kind of test:
 * `includesAny` (multi-select: any of these options selected), `oneOf` (single choice: one of these),
 * `atLeast` / `atMost` (ordinal; either or both), `equals` (boolean; absent counts as false),
 * `filled` (any field: has a value; text: non-blank).
 */
export const conditionSchema = z
  .strictObject({
    field: fieldKey,
    includesAny: z.array(z.string()).min(1).optional(),
    oneOf: z.array(z.string()).min(1).optional(),
    atLeast: z.number().int().optional(),
    atMost: z.number().int().optional(),
    equals: z.boolean().optional(),
    filled: z.literal(true).optional(),
  })
  .superRefine((c, ctx) => {
    const kinds = [
      c.includesAny !== undefined,
      c.oneOf !== undefined,
      c.atLeast !== undefined || c.atMost !== undefined,
      c.equals !== undefined,
      c.filled !== undefined,
    ].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', message: 'a condition needs exactly one test: includesAny, oneOf, atLeast/atMost, equals or filled' });
    }
  });

export const ruleSchema = z.strictObject({
  when: conditionSchema,
  require: conditionSchema,
  /** Shown to the rater when a label breaks the rule. */
  message: text,
});

// ---------------------------------------------------------------------------------------------
// Mapping from the previous version, so labels made under both can be compared.

/**
 * `fields.<key>.<old value>` lists the values of this version that the old value became. A value
 * not listed maps to itself (it must then exist in this version). Split: `{"a": ["a1", "a2"]}`;
 * merge: `{"a": ["ab"], "b": ["ab"]}`. Ordinal levels are written as strings: `{"4": [3]}`.
 */
export const mappingSchema = z.strictObject({
  from: semver,
  fields: z.record(fieldKey, z.record(z.string(), z.array(z.union([z.string(), z.number().int()])).min(1, 'must list at least one value'))),
});

export const changelogEntrySchema = z.strictObject({
  version: semver,
  /** ISO date, YYYY-MM-DD. */
  date: z.iso.date().optional(),
  changes: z.array(text).min(1, 'must list at least one change'),
});

const packBase = {
  id: z.string().regex(PACK_ID_PATTERN, 'must be lowercase words joined by hyphens, e.g. "harm-taxonomy"'),
  version: semver,
  title: text,
  description: text,
  /** Newest first by convention; must include an entry for `version`. */
  changelog: z.array(changelogEntrySchema).min(1, 'must list at least one entry'),
  fields: z.array(fieldSchema).min(1, 'must list at least one field'),
  rules: z.array(ruleSchema).default([]),
  mapping: mappingSchema.optional(),
};

/** The loaded document: `rubric` is the Markdown text. */
export const guidelinePackSchema = z.strictObject({
  ...packBase,
  rubric: text,
});

function isSafeRelativePath(p: string): boolean {
  if (p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:/.test(p)) return false;
  return !p.split(/[\\/]/).some((seg) => seg === '..' || seg === '');
}

/** pack.json on disk: `rubric` names the Markdown file, relative to pack.json's folder. */
export const packFileSchema = z.strictObject({
  ...packBase,
  rubric: z
    .string()
    .refine(isSafeRelativePath, 'must be a file name relative to the pack folder (no "..", not absolute), e.g. "rubric.md"'),
});

export type GuidelinePack = z.output<typeof guidelinePackSchema>;
/** What a pack author writes (defaults not yet applied). */
export type GuidelinePackInput = z.input<typeof guidelinePackSchema>;
export type PackFile = z.output<typeof packFileSchema>;
export type PackFileInput = z.input<typeof packFileSchema>;
export type Field = z.output<typeof fieldSchema>;
export type FieldType = Field['type'];
export type MultiSelectField = z.output<typeof multiSelectFieldSchema>;
export type SingleChoiceField = z.output<typeof singleChoiceFieldSchema>;
export type OrdinalField = z.output<typeof ordinalFieldSchema>;
export type BooleanField = z.output<typeof booleanFieldSchema>;
export type TextField = z.output<typeof textFieldSchema>;
export type ChoiceField = MultiSelectField | SingleChoiceField | OrdinalField;
export type FieldOption = z.output<typeof multiSelectOptionSchema> | z.output<typeof choiceOptionSchema>;
export type OrdinalLevel = z.output<typeof ordinalLevelSchema>;
export type Condition = z.output<typeof conditionSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type PackMapping = z.output<typeof mappingSchema>;
export type ChangelogEntry = z.output<typeof changelogEntrySchema>;

/** A label's values: field key -> value (string[] for multi-select, number for ordinal, ...). */
export type LabelValues = Record<string, unknown>;
/** A value a choice field can take: an option value or an ordinal level. */
export type ChoiceValue = string | number;

/** The fields whose values come from a fixed set (multi-select, single choice, ordinal). */
export function isChoiceField(f: Field): f is ChoiceField {
  return f.type === 'multi_select' || f.type === 'single_choice' || f.type === 'ordinal';
}

/** The values a choice field can take, in order (option values, or level numbers). */
export function choiceValues(f: ChoiceField): ChoiceValue[] {
  return f.type === 'ordinal' ? f.levels.map((l) => l.value) : f.options.map((o) => o.value);
}

/** Everything in the pack that can carry a hotkey, with the hotkey. */
export function packHotkeys(pack: Pick<GuidelinePack, 'fields'>): { key: string; path: string; field: string; value?: ChoiceValue; title: string }[] {
  const out: { key: string; path: string; field: string; value?: ChoiceValue; title: string }[] = [];
  pack.fields.forEach((f, i) => {
    if (f.hotkey) out.push({ key: f.hotkey, path: `fields[${i}]`, field: f.key, title: f.title });
    if (f.type === 'ordinal') {
      f.levels.forEach((l, j) => l.hotkey && out.push({ key: l.hotkey, path: `fields[${i}].levels[${j}]`, field: f.key, value: l.value, title: l.title }));
    } else if (f.type === 'multi_select' || f.type === 'single_choice') {
      f.options.forEach((o, j) => o.hotkey && out.push({ key: o.hotkey, path: `fields[${i}].options[${j}]`, field: f.key, value: o.value, title: o.title }));
    }
  });
  return out;
}
