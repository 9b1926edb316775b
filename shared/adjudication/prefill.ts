// The adjudicator's starting point: the raters' majority, field by field, and the votes behind it.
// Used by the adjudication screen; pure functions over the guideline pack and the raters' labels.
import type { LabelValues } from '../api/types';
import { hasValue } from '../guidelines/labelValues';
import type { Field, GuidelinePack } from '../guidelines/schema';

/** How many raters gave each value of a field (per option for multi-select, `true` for booleans). */
export type Votes = Map<string, number>;

/** A value as a vote key: option values as they are, levels as their number, booleans as true/false. */
export const voteKey = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

/** Every rater's vote per field: for multi-select, each option a rater selected counts once. */
export function fieldVotes(field: Field, labels: { values: LabelValues }[]): Votes {
  const votes: Votes = new Map();
  const add = (k: string) => votes.set(k, (votes.get(k) ?? 0) + 1);
  for (const l of labels) {
    const v = l.values[field.key];
    if (field.type === 'multi_select') {
      if (Array.isArray(v)) for (const x of new Set(v.map(String))) add(x);
    } else if (field.type === 'boolean') {
      add(voteKey(v === true));
    } else if (field.type !== 'text' && hasValue(v)) {
      add(voteKey(v));
    }
  }
  return votes;
}

/** A field the raters split on with no strict majority: each value's votes, most first (then the guideline's order). */
export interface Split {
  field: string;
  /** Vote keys (see voteKey) with their counts; for a multi-select, the options exactly half chose. */
  votes: { value: string; count: number }[];
}

/** The adjudicator's starting point: the majority's values, and the fields the raters split on. */
export interface Prefill {
  values: LabelValues;
  splits: Split[];
}

/**
 * The raters' majority, field by field, and only a strict one (more than half of the raters): a
 * multi-select option more than half chose; the choice or level more than half gave; a boolean true
 * when more than half said so, false when more than half said no. A field without a strict majority
 * stays empty and is listed in `splits` (a 1-1 split is the adjudicator's call, never the lower level,
 * "No", or a dropped option presented as the majority's). For a multi-select, the options with a
 * majority are pre-filled and those exactly half chose are the split. Text fields (the rationale)
 * start empty: the final label's text is the adjudicator's own, never a rater's presented as the
 * final rationale (a rater's "severity 3" rationale once stayed in a label adjudicated to severity 4).
 */
export function majorityPrefill(pack: GuidelinePack, labels: { values: LabelValues }[]): Prefill {
  const n = labels.length;
  const values: LabelValues = {};
  const splits: Split[] = [];
  if (n === 0) return { values, splits };
  const strict = (count: number) => count * 2 > n;
  for (const f of pack.fields) {
    if (f.type === 'text') continue;
    const votes = fieldVotes(f, labels);
    if (f.type === 'multi_select') {
      const count = (o: { value: string }) => votes.get(o.value) ?? 0;
      const picked = f.options.filter((o) => strict(count(o))).map((o) => o.value);
      if (picked.length) values[f.key] = picked;
      const half = f.options.filter((o) => count(o) * 2 === n);
      if (half.length) splits.push({ field: f.key, votes: half.map((o) => ({ value: o.value, count: count(o) })) });
      continue;
    }
    const order = f.type === 'boolean' ? ['true', 'false'] : f.type === 'ordinal' ? f.levels.map((l) => voteKey(l.value)) : f.options.map((o) => o.value);
    const ranked = [...votes].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || rank(order, a.value) - rank(order, b.value));
    if (!ranked.length) continue;
    if (strict(ranked[0].count)) values[f.key] = f.type === 'single_choice' ? ranked[0].value : JSON.parse(ranked[0].value);
    else splits.push({ field: f.key, votes: ranked });
  }
  return { values, splits };
}

/** Where a vote key sits in the guideline's order (unknown values last). */
function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
