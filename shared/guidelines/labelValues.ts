// Checks a label's values against the pack it was made under: every field known, every value allowed,
// required fields given, exclusive options alone, and the pack's cross-field rules satisfied.
import type { Condition, Field, GuidelinePack, LabelValues } from './schema';

export interface LabelValueError {
  /** The field the problem is about (a field key, or "(label)" when the values are not an object). */
  field: string;
  message: string;
}

/** Whether a field has a value in the label: absent, null, an empty list and blank text do not count. */
export function hasValue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * The values a form sends for a label: fields without a value are left out, except booleans, which
 * are always recorded (an unticked checkbox is the rater saying "no", and agreement is measured on it).
 */
export function cleanLabelValues(pack: GuidelinePack, values: LabelValues): LabelValues {
  const out: LabelValues = {};
  for (const f of pack.fields) {
    const v = values[f.key];
    if (f.type === 'boolean') out[f.key] = v === true;
    else if (hasValue(v)) out[f.key] = v;
  }
  return out;
}

/** Whether a condition of a rule holds for these values (values of the wrong type never match). */
export function conditionHolds(c: Condition, values: LabelValues): boolean {
  const v = values[c.field];
  if (c.filled) return hasValue(v);
  if (c.includesAny) return Array.isArray(v) && v.some((x) => c.includesAny!.includes(x as string));
  if (c.oneOf) return typeof v === 'string' && c.oneOf.includes(v);
  if (c.equals !== undefined) return (v === undefined || v === null ? false : v) === c.equals;
  if (c.atLeast !== undefined || c.atMost !== undefined) {
    if (typeof v !== 'number') return false;
    return (c.atLeast === undefined || v >= c.atLeast) && (c.atMost === undefined || v <= c.atMost);
  }
  return false;
}

const quote = (v: unknown) => JSON.stringify(v);

function checkField(f: Field, v: unknown): string[] {
  if (!hasValue(v)) {
    if (!f.required) return [];
    if (f.type === 'multi_select') return ['required: select at least one option'];
    if (f.type === 'single_choice') return ['required: choose an option'];
    if (f.type === 'ordinal') return [`required: choose a level (${f.levels[0].value}-${f.levels[f.levels.length - 1].value})`];
    if (f.type === 'text') return ['required: write something'];
    return ['required: missing'];
  }
  switch (f.type) {
    case 'multi_select': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return [`must be a list of option values, not ${quote(v)}`];
      const errors: string[] = [];
      const known = new Map(f.options.map((o) => [o.value, o] as const));
      const seen = new Set<string>();
      for (const x of v as string[]) {
        if (!known.has(x)) errors.push(`${quote(x)} is not an option (options: ${f.options.map((o) => o.value).join(', ')})`);
        else if (seen.has(x)) errors.push(`${quote(x)} is selected twice`);
        seen.add(x);
      }
      for (const x of seen) {
        const o = known.get(x);
        if (o?.exclusive && seen.size > 1) {
          errors.push(`${quote(x)} cannot be combined with other options (selected: ${[...seen].join(', ')})`);
        }
      }
      return errors;
    }
    case 'single_choice':
      if (typeof v !== 'string') return [`must be one option value, not ${quote(v)}`];
      return f.options.some((o) => o.value === v) ? [] : [`${quote(v)} is not an option (options: ${f.options.map((o) => o.value).join(', ')})`];
    case 'ordinal': {
      const lo = f.levels[0].value;
      const hi = f.levels[f.levels.length - 1].value;
      if (typeof v !== 'number' || !Number.isInteger(v)) return [`must be a whole number from ${lo} to ${hi}, not ${quote(v)}`];
      return v < lo || v > hi ? [`${v} is out of range (${lo}-${hi})`] : [];
    }
    case 'boolean':
      return typeof v === 'boolean' ? [] : [`must be true or false, not ${quote(v)}`];
    case 'text':
      if (typeof v !== 'string') return [`must be text, not ${quote(v)}`];
      return f.maxLength !== undefined && v.length > f.maxLength ? [`is ${v.length} characters long; at most ${f.maxLength} allowed`] : [];
  }
}

/**
 * Every problem with a label's values under this pack, per field: unknown field, value not an option,
 * ordinal level out of range, wrong type, required field missing, an exclusive option combined with
 * others, and broken rules (reported on the rule's `require` field with the rule's message). Empty
 * when the label is valid.
 */
export function validateLabelValues(pack: Pick<GuidelinePack, 'id' | 'version' | 'fields' | 'rules'>, values: unknown): LabelValueError[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return [{ field: '(label)', message: `label values must be an object of field -> value, not ${quote(values)}` }];
  }
  const vals = values as LabelValues;
  const errors: LabelValueError[] = [];
  const byKey = new Map(pack.fields.map((f) => [f.key, f] as const));
  for (const key of Object.keys(vals)) {
    if (!byKey.has(key)) errors.push({ field: key, message: `unknown field (${pack.id}@${pack.version} has: ${pack.fields.map((f) => f.key).join(', ')})` });
  }
  for (const f of pack.fields) for (const message of checkField(f, vals[f.key])) errors.push({ field: f.key, message });
  // Rules only make sense on well-formed values: skip those involving a field that already has an error.
  const broken = new Set(errors.map((e) => e.field));
  for (const r of pack.rules) {
    if (broken.has(r.when.field) || broken.has(r.require.field)) continue;
    if (conditionHolds(r.when, vals) && !conditionHolds(r.require, vals)) errors.push({ field: r.require.field, message: r.message });
  }
  return errors;
}

/**
 * The part of a pack an aggregated label can be held to: its choice, level and yes/no fields and the
 * rules among them. Free text is not aggregated (no one wrote the aggregate's rationale, and one
 * rater's text is not the group's), so text fields and the rules that mention them are left out;
 * each rater's own label was checked against them when it was saved.
 */
export function withoutFreeText<P extends Pick<GuidelinePack, 'id' | 'version' | 'fields' | 'rules'>>(pack: P): P {
  const text = new Set(pack.fields.filter((f) => f.type === 'text').map((f) => f.key));
  return { ...pack, fields: pack.fields.filter((f) => !text.has(f.key)), rules: pack.rules.filter((r) => !text.has(r.when.field) && !text.has(r.require.field)) };
}
