// Pure helpers of the guideline draft editor: starting a draft, cleaning it for the engine, the
// mapping from the previous version, and where a new option's rubric heading goes.
import { parseRubricHeadings, rubricAnchor } from '../../../shared/guidelines/rubric';
import type { ChoiceField, ChoiceValue, Field, GuidelinePack } from '../../../shared/guidelines/schema';
import { choiceValues, isChoiceField } from '../../../shared/guidelines/schema';
import { parseSemver } from '../../../shared/guidelines/semver';

/** 1.1.0 -> 1.2.0 (pre-release and build dropped). */
export function nextMinor(version: string): string {
  const v = parseSemver(version);
  return v ? `${v.major}.${v.minor + 1}.0` : version;
}

export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * A draft from a published pack: the next minor after the newest published version, a changelog
 * entry for it (to be written), and a mapping declared from the version it started from (empty:
 * every value maps to itself until options are added, removed or split).
 */
export function newDraftPack(base: GuidelinePack, newest: string): GuidelinePack {
  const copy = structuredClone(base);
  const version = nextMinor(newest);
  return {
    ...copy,
    version,
    changelog: [{ version, date: today(), changes: [''] }, ...copy.changelog.filter((e) => e.version !== version)],
    mapping: { from: base.version, fields: {} },
  };
}

const lines = (xs: readonly string[]) => xs.map((x) => x.trim()).filter(Boolean);

function cleanEntry<T extends { examples: string[]; hotkey?: string }>(e: T): T {
  const out = { ...e, examples: lines(e.examples) };
  if (!out.hotkey) delete out.hotkey;
  return out;
}

/** What the draft sends: blank example and change lines dropped, empty hotkeys and empty mappings removed. */
export function cleanPack(pack: GuidelinePack): GuidelinePack {
  const fields = pack.fields.map((f): Field => {
    const base = cleanEntry(f);
    if (f.type === 'multi_select') return { ...base, type: f.type, options: f.options.map(cleanEntry) } as Field;
    if (f.type === 'single_choice') return { ...base, type: f.type, options: f.options.map(cleanEntry) } as Field;
    if (f.type === 'ordinal') return { ...base, type: f.type, levels: f.levels.map(cleanEntry) } as Field;
    return base;
  });
  const out: GuidelinePack = {
    ...pack,
    changelog: pack.changelog.map((e) => ({ ...e, changes: lines(e.changes) })),
    fields,
  };
  if (pack.mapping) {
    const mf = Object.fromEntries(Object.entries(pack.mapping.fields).filter(([, v]) => Object.keys(v).length > 0));
    out.mapping = { from: pack.mapping.from, fields: mf };
  }
  return out;
}

/** Why the form cannot edit this document (undefined when it can): the JSON mode accepts anything. */
export function looksLikePack(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'it is not a JSON object';
  const p = v as Record<string, unknown>;
  if (typeof p.version !== 'string') return '"version" is not a string';
  if (typeof p.rubric !== 'string') return '"rubric" is not a string';
  if (!Array.isArray(p.changelog) || !p.changelog.every((e) => e && typeof e === 'object' && Array.isArray((e as { changes?: unknown }).changes))) {
    return '"changelog" is not a list of entries with "changes"';
  }
  if (!Array.isArray(p.fields)) return '"fields" is not a list';
  for (const [i, f] of (p.fields as unknown[]).entries()) {
    if (!f || typeof f !== 'object') return `fields[${i}] is not an object`;
    const x = f as Record<string, unknown>;
    if (typeof x.key !== 'string' || typeof x.title !== 'string') return `fields[${i}] has no key or title`;
    if (!Array.isArray(x.examples ?? [])) return `fields[${i}].examples is not a list`;
    if ((x.type === 'multi_select' || x.type === 'single_choice') && !Array.isArray(x.options)) return `fields[${i}].options is not a list`;
    if (x.type === 'ordinal' && !Array.isArray(x.levels)) return `fields[${i}].levels is not a list`;
    const entries = (x.type === 'ordinal' ? x.levels : x.options) as unknown[] | undefined;
    for (const [j, e] of (entries ?? []).entries()) {
      if (!e || typeof e !== 'object' || !Array.isArray((e as { examples?: unknown }).examples ?? [])) return `fields[${i}] entry ${j} is malformed`;
    }
  }
  if (p.mapping !== undefined) {
    const m = p.mapping as Record<string, unknown> | null;
    if (!m || typeof m !== 'object' || typeof m.from !== 'string' || !m.fields || typeof m.fields !== 'object') return '"mapping" needs "from" and "fields"';
  }
  return undefined;
}

/** Examples and changes are missing in hand-written JSON sometimes: the form model always has arrays. */
export function normalizeForForm(p: GuidelinePack): GuidelinePack {
  return {
    ...p,
    rules: p.rules ?? [],
    fields: p.fields.map((f) => {
      const base = { ...f, examples: f.examples ?? [] };
      if (f.type === 'multi_select' || f.type === 'single_choice') return { ...base, options: f.options.map((o) => ({ ...o, examples: o.examples ?? [] })) } as Field;
      if (f.type === 'ordinal') return { ...base, levels: f.levels.map((l) => ({ ...l, examples: l.examples ?? [] })) } as Field;
      return base as Field;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Mapping from the previous version

export type MapTargets = (string | number)[];

/** What an old value becomes, as declared: its explicit targets, or itself when it still exists. */
export function targetsOf(pack: GuidelinePack, field: ChoiceField, oldValue: ChoiceValue): MapTargets {
  const explicit = pack.mapping?.fields[field.key]?.[String(oldValue)];
  if (explicit) return explicit;
  return choiceValues(field).includes(oldValue) ? [oldValue] : [];
}

/** Sets the targets of one old value; identity mappings are left implicit. */
export function setTargets(pack: GuidelinePack, fieldKey: string, oldValue: ChoiceValue, targets: MapTargets, newField: ChoiceField): GuidelinePack {
  const mapping = pack.mapping ?? { from: '', fields: {} };
  const forField = { ...(mapping.fields[fieldKey] ?? {}) };
  const identity = targets.length === 1 && String(targets[0]) === String(oldValue) && choiceValues(newField).includes(oldValue);
  if (targets.length === 0 || identity) delete forField[String(oldValue)];
  else forField[String(oldValue)] = targets;
  const fields = { ...mapping.fields, [fieldKey]: forField };
  if (Object.keys(forField).length === 0) delete fields[fieldKey];
  return { ...pack, mapping: { ...mapping, fields } };
}

export interface FieldMappingNeeds {
  field: ChoiceField;
  old: ChoiceField;
  /** Old values that are gone in the draft: each must say what it became. */
  removed: ChoiceValue[];
  /** Values new in the draft: some old value must map onto each. */
  added: ChoiceValue[];
}

/** Choice fields of the draft whose values differ from the base version's. */
export function mappingNeeds(base: GuidelinePack, draft: GuidelinePack): FieldMappingNeeds[] {
  const out: FieldMappingNeeds[] = [];
  for (const f of draft.fields) {
    if (!isChoiceField(f)) continue;
    const old = base.fields.find((x) => x.key === f.key);
    if (!old || !isChoiceField(old) || old.type !== f.type) continue;
    const ov = choiceValues(old);
    const nv = choiceValues(f);
    const removed = ov.filter((v) => !nv.includes(v));
    const added = nv.filter((v) => !ov.includes(v));
    const explicit = Object.keys(draft.mapping?.fields[f.key] ?? {}).length > 0;
    if (removed.length || added.length || explicit) out.push({ field: f, old, removed, added });
  }
  return out;
}

/** Old values whose declared targets include `newValue`. */
export function sourcesOf(draft: GuidelinePack, field: ChoiceField, old: ChoiceField, newValue: ChoiceValue): ChoiceValue[] {
  return choiceValues(old).filter((ov) => targetsOf(draft, field, ov).some((t) => String(t) === String(newValue)));
}

/** Makes `sources` exactly the old values that map onto `newValue` (keeping each one's other targets). */
export function setSources(draft: GuidelinePack, field: ChoiceField, old: ChoiceField, newValue: ChoiceValue, sources: ChoiceValue[]): GuidelinePack {
  let out = draft;
  const want = new Set(sources.map(String));
  for (const ov of choiceValues(old)) {
    const current = targetsOf(out, field, ov);
    const has = current.some((t) => String(t) === String(newValue));
    if (want.has(String(ov)) && !has) out = setTargets(out, field.key, ov, [...current, newValue], field);
    else if (!want.has(String(ov)) && has) out = setTargets(out, field.key, ov, current.filter((t) => String(t) !== String(newValue)), field);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rubric headings for new options

/** Inserts a heading (with its anchor) for a new option after the last option heading of its field, or at the end. */
export function insertOptionHeading(rubric: string, fieldKey: string, value: string, title: string, description: string): string {
  const anchor = rubricAnchor(fieldKey, value);
  const headings = parseRubricHeadings(rubric);
  if (headings.some((h) => h.anchor === anchor)) return rubric;
  const own = headings.filter((h) => h.anchor.startsWith(`${fieldKey}-`));
  const fieldHeading = headings.find((h) => h.anchor === rubricAnchor(fieldKey));
  const anchorHeading = own.at(-1) ?? fieldHeading;
  const level = own.at(-1)?.level ?? (fieldHeading ? fieldHeading.level + 1 : 3);
  const block = `${'#'.repeat(level)} ${title || value} {#${anchor}}\n\n${description || 'Definition of the new category.'}\n`;
  const all = rubric.split('\n');
  if (!anchorHeading) return `${rubric.replace(/\n*$/, '')}\n\n${block}`;
  // The section of anchorHeading ends at the next heading of the same or a higher level.
  const next = headings.find((h) => h.line > anchorHeading.line && h.level <= anchorHeading.level);
  const at = next ? next.line - 1 : all.length;
  const before = all.slice(0, at).join('\n').replace(/\n*$/, '');
  const after = all.slice(at).join('\n');
  return `${before}\n\n${block}${after ? `\n${after}` : ''}`;
}

/** A value for a new option that the field does not use yet. */
export function freshValue(field: ChoiceField): string {
  const used = new Set(choiceValues(field).map(String));
  for (let i = 1; ; i++) {
    const v = i === 1 ? 'new_category' : `new_category_${i}`;
    if (!used.has(v)) return v;
  }
}
