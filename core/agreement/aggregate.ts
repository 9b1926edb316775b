import { validateLabelValues, withoutFreeText } from '../../shared/guidelines/labelValues';
import type { GuidelinePack, LabelValues } from '../../shared/guidelines/schema';
import { compareSemver } from '../../shared/guidelines/semver';
import { compileRatings, dawidSkene, dawidSkeneSupport, laplaceConfidence, majorityVote, type RatingMatrix, type Value } from '../../shared/stats';
import type { GuidelineRef } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';
import { collectItemLabels, type ItemLabels, type VersionMapping, type WorkspaceLabels } from './itemLabels';
import { fieldValue, measuredFields, type MeasuredField } from './labelSets';

// The calibrated label of each item from its raters' labels, by majority vote or Dawid-Skene, under
// the guideline version the labels were made under (core/agreement/itemLabels.ts). A label is only
// produced when it is one the guideline allows: a tie, or a combination the pack's rules forbid,
// leaves the item unresolved, for an adjudicator (core/adjudication/disagreements.ts).

export type AggregationMethod = 'majority' | 'dawid-skene';

export interface AggregatedField {
  /** The calibrated value: a category list for multi-select; null when tied. */
  value: unknown;
  /** See AggregationGroup.confidence for what it means under the method used; null when tied. */
  confidence: number | null;
  tie: boolean;
  /** Dawid-Skene: posterior per class (per category for multi-select: P(present)). */
  posterior?: Record<string, number>;
}

export interface AggregatedItem {
  sampleId: string;
  raters: number;
  /** The version the label is made under (see ItemLabels). */
  guideline: GuidelineRef;
  labelVersions: string[];
  mapping: VersionMapping[];
  status: 'resolved' | 'unresolved';
  /** The label (choice, level and yes/no fields; free text is never aggregated); null when unresolved. */
  values: Record<string, unknown> | null;
  fields: Record<string, AggregatedField>;
  /** How sure the label is as a whole; null when unresolved. */
  confidence: number | null;
  /** Why no label could be formed. */
  unresolved?: string;
}

/** The items under one guideline version, aggregated together. */
export interface AggregationGroup {
  guideline: GuidelineRef;
  items: number;
  /** The method used: majority when Dawid-Skene was asked for but the data cannot carry it. */
  method: AggregationMethod;
  fallback: string | null;
  /** What `confidence` means for these items. */
  confidence: string;
}

export interface Aggregation {
  /** The method asked for. */
  method: AggregationMethod;
  groups: AggregationGroup[];
  items: AggregatedItem[];
}

const MEANING: Record<AggregationMethod, string> = {
  'dawid-skene': "Dawid-Skene posterior probability that the value is the true one (MAP-EM); a whole label's is the product over its fields",
  majority: "Laplace-smoothed share of raters who gave the value, (agreeing + 1) / (raters + 2); a whole label's counts the raters who gave it on every field",
};

interface Decision {
  value: Value | null;
  confidence: number | null;
  tie: boolean;
  posterior?: Record<string, number>;
}

type RatingSet = { field: MeasuredField; category?: Value; matrix: RatingMatrix };

function ratingSet(items: ItemLabels[], field: MeasuredField, category?: Value): RatingSet {
  const ratings = items.flatMap((it) =>
    it.labels.flatMap((l) => {
      const v = fieldValue(l.values, field, category);
      return v === undefined ? [] : [{ item: it.sampleId, rater: l.raterId, value: v }];
    }),
  );
  return { field, category, matrix: compileRatings(ratings, category === undefined ? { order: field.values.map((v) => v.value) } : {}) };
}

function goldFor(gold: Map<string, LabelValues>, set: RatingSet): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [item, values] of gold) {
    const v = fieldValue(values, set.field, set.category);
    if (v !== undefined) out.set(item, v);
  }
  return out;
}

function decide(set: RatingSet, method: AggregationMethod, gold: Map<string, LabelValues>): Map<string, Decision> {
  const mat = set.matrix;
  const out = new Map<string, Decision>();
  if (method === 'majority') {
    for (const m of majorityVote(mat)) out.set(m.item, { value: m.label, confidence: m.tie ? null : laplaceConfidence(m.votes, m.ratings), tie: m.tie });
    return out;
  }
  const ds = dawidSkene(mat, { gold: goldFor(gold, set) });
  const k = ds.classes.length;
  mat.items.forEach((item, i) => {
    const posterior: Record<string, number> = {};
    ds.classes.forEach((c, j) => (posterior[String(c)] = ds.posterior[i * k + j]));
    const tie = ds.tied[i] === 1;
    const label = ds.label[i];
    out.set(item, { value: label >= 0 && !tie ? ds.classes[label] : null, confidence: label >= 0 && !tie ? ds.confidence[i] : null, tie, posterior });
  });
  return out;
}

/** What one field's value is in a label, comparable across raters (sets sorted). */
const canonical = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : (v ?? null));

function aggregateGroup(items: ItemLabels[], pack: GuidelinePack, method: AggregationMethod, gold: Map<string, LabelValues>): { group: AggregationGroup; items: AggregatedItem[] } {
  const fields = measuredFields(pack);
  const sets = fields.flatMap((f) => (f.type === 'multi_select' ? f.values.map((c) => ratingSet(items, f, c.value)) : [ratingSet(items, f)]));
  let used = method;
  let fallback: string | null = null;
  if (method === 'dawid-skene') {
    for (const s of sets) {
      const support = dawidSkeneSupport(s.matrix, s.category === undefined ? s.matrix.categories.length : 2);
      if (!support.supported && s.matrix.counts.ratings > 0) {
        used = 'majority';
        fallback = `Dawid-Skene is not identifiable on these labels (${s.field.key}${s.category === undefined ? '' : ` = ${s.category}`}: ${support.reason}); majority vote used instead`;
        break;
      }
    }
  }
  const decisions = sets.map((s) => ({ set: s, d: decide(s, used, gold) }));

  const out = items.map((it): AggregatedItem => {
    const base = { sampleId: it.sampleId, raters: it.labels.length, guideline: it.guideline, labelVersions: it.labelVersions, mapping: it.mapping };
    if (it.unmappable) return { ...base, status: 'unresolved', values: null, fields: {}, confidence: null, unresolved: it.unmappable };
    const fieldsOut: Record<string, AggregatedField> = {};
    const ties: string[] = [];
    for (const f of fields) {
      const own = decisions.filter((x) => x.set.field === f);
      if (f.type === 'multi_select') {
        const per = own.map(({ set, d }) => ({ c: set.category!, dec: d.get(it.sampleId) })).filter((x) => x.dec);
        if (!per.length) continue;
        const tie = per.some((x) => x.dec!.tie);
        const chosen = per.filter((x) => x.dec!.value === 1).map((x) => x.c);
        let confidence: number | null = null;
        if (!tie && used === 'dawid-skene') confidence = per.reduce((p, x) => p * x.dec!.confidence!, 1);
        if (!tie && used === 'majority') {
          const sets = it.labels.map((l) => l.values[f.key]).filter(Array.isArray);
          confidence = laplaceConfidence(sets.filter((s) => canonical(s) === canonical(chosen)).length, sets.length);
        }
        const posterior = used === 'dawid-skene' ? Object.fromEntries(per.map((x) => [String(x.c), x.dec!.posterior?.['1'] ?? 0])) : undefined;
        fieldsOut[f.key] = { value: tie ? null : chosen, confidence, tie, ...(posterior ? { posterior } : {}) };
        if (tie) ties.push(`${f.key} (${per.filter((x) => x.dec!.tie).map((x) => x.c).join(', ')} tied)`);
        continue;
      }
      const dec = own[0]?.d.get(it.sampleId);
      if (!dec) continue;
      const value = f.type === 'boolean' && dec.value !== null ? dec.value === 'true' : dec.value;
      fieldsOut[f.key] = { value, confidence: dec.confidence, tie: dec.tie, ...(dec.posterior ? { posterior: dec.posterior } : {}) };
      if (dec.tie) ties.push(f.key);
    }
    if (ties.length) return { ...base, status: 'unresolved', values: null, fields: fieldsOut, confidence: null, unresolved: `the raters are tied on ${ties.join(', ')}` };
    const values = Object.fromEntries(Object.entries(fieldsOut).map(([k, f]) => [k, f.value]));
    const errors = validateLabelValues(withoutFreeText(pack), values);
    if (errors.length) {
      return { ...base, status: 'unresolved', values: null, fields: fieldsOut, confidence: null, unresolved: `the aggregated label breaks ${pack.id}@${pack.version}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` };
    }
    const confidence =
      used === 'dawid-skene'
        ? Object.values(fieldsOut).reduce((p, f) => p * f.confidence!, 1)
        : laplaceConfidence(it.labels.filter((l) => Object.keys(fieldsOut).every((k) => canonical(l.values[k]) === canonical(values[k]))).length, it.labels.length);
    return { ...base, status: 'resolved', values, fields: fieldsOut, confidence };
  });
  return { group: { guideline: { id: pack.id, version: pack.version }, items: items.length, method: used, fallback, confidence: MEANING[used] }, items: out };
}

/** The calibrated label per labelled item, with its confidence and the method that produced it. */
export function aggregateLabels(ws: Workspace, method: AggregationMethod, labels: WorkspaceLabels = collectItemLabels(ws)): Aggregation {
  const byVersion = new Map<string, ItemLabels[]>();
  for (const it of labels.items) byVersion.set(it.guideline.version, [...(byVersion.get(it.guideline.version) ?? []), it]);
  const groups: AggregationGroup[] = [];
  const items: AggregatedItem[] = [];
  for (const [version, its] of byVersion) {
    const r = aggregateGroup(its, labels.packs.get(version)!, method, labels.gold);
    groups.push(r.group);
    items.push(...r.items);
  }
  groups.sort((a, b) => compareSemver(a.guideline.version, b.guideline.version));
  return { method, groups, items: items.sort((a, b) => (a.sampleId < b.sampleId ? -1 : 1)) };
}
