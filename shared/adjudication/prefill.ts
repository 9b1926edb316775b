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

/**
 * The raters' majority, field by field: multi-select options more than half of the raters chose;
 * the most common choice (none on a tie); the most common level (the median level on a tie);
 * booleans true when more than half said so. Text fields (the rationale) start empty: the final
 * label's text is the adjudicator's own, never a rater's presented as the final rationale (a rater's
 * "severity 3" rationale once stayed in a label adjudicated to severity 4).
 */
export function majorityValues(pack: GuidelinePack, labels: { values: LabelValues }[]): LabelValues {
  const n = labels.length;
  const out: LabelValues = {};
  if (n === 0) return out;
  for (const f of pack.fields) {
    const votes = fieldVotes(f, labels);
    if (f.type === 'multi_select') {
      const picked = f.options.filter((o) => (votes.get(o.value) ?? 0) * 2 > n).map((o) => o.value);
      if (picked.length) out[f.key] = picked;
    } else if (f.type === 'boolean') {
      out[f.key] = (votes.get('true') ?? 0) * 2 > n;
    } else if (f.type === 'single_choice' || f.type === 'ordinal') {
      const ranked = [...votes].sort((a, b) => b[1] - a[1]);
      if (!ranked.length) continue;
      const tie = ranked.length > 1 && ranked[0][1] === ranked[1][1];
      if (!tie) out[f.key] = f.type === 'ordinal' ? Number(ranked[0][0]) : ranked[0][0];
      else if (f.type === 'ordinal') {
        const all = labels.map((l) => l.values[f.key]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
        out[f.key] = all[Math.floor((all.length - 1) / 2)];
      }
    }
  }
  return out;
}
