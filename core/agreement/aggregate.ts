import { compileRatings, dawidSkene, majorityVote, type Value } from '../../shared/stats';
import type { Workspace } from '../workspace/workspace';
import { collectLabelSets, fieldValue, type LabelSets, type MeasuredField } from './labelSets';

export type AggregationMethod = 'majority' | 'dawid-skene';

export interface AggregatedField {
  /** The calibrated value: a category list for multi-select; null when tied or undecided. */
  value: unknown;
  /** Posterior (Dawid-Skene) or vote share (majority) of the chosen value; for multi-select the lowest over its categories. */
  confidence: number | null;
  tie: boolean;
  /** Dawid-Skene: posterior per class (per category for multi-select: P(present)). */
  posterior?: Record<string, number>;
}

export interface AggregatedItem {
  sampleId: string;
  raters: number;
  values: Record<string, unknown>;
  fields: Record<string, AggregatedField>;
  /** Lowest field confidence: how sure the calibrated label is as a whole. */
  confidence: number | null;
}

export interface Aggregation {
  method: AggregationMethod;
  guideline: { id: string; version: string };
  items: AggregatedItem[];
}

interface Decision {
  value: Value | null;
  confidence: number | null;
  tie: boolean;
  posterior?: Record<string, number>;
}

/** One value per item for one rating set, by the chosen method. */
function decide(sets: LabelSets, field: MeasuredField, method: AggregationMethod, category?: Value): Map<string, Decision> {
  const ratings = sets.labels.flatMap((l) => {
    const v = fieldValue(l.values, field, category);
    return v === undefined ? [] : [{ item: l.sampleId, rater: l.raterId, value: v }];
  });
  const mat = compileRatings(ratings);
  const out = new Map<string, Decision>();
  if (method === 'majority') {
    for (const m of majorityVote(mat)) out.set(m.item, { value: m.label, confidence: m.confidence, tie: m.tie });
    return out;
  }
  const gold = new Map<string, Value>();
  for (const [item, values] of sets.gold) {
    const v = fieldValue(values, field, category);
    if (v !== undefined) gold.set(item, v);
  }
  const ds = dawidSkene(mat, { gold });
  const k = ds.classes.length;
  mat.items.forEach((item, i) => {
    const posterior: Record<string, number> = {};
    ds.classes.forEach((c, j) => (posterior[String(c)] = ds.posterior[i * k + j]));
    const label = ds.label[i];
    out.set(item, { value: label >= 0 ? ds.classes[label] : null, confidence: label >= 0 ? ds.confidence[i] : null, tie: false, posterior });
  });
  return out;
}

/** The calibrated label per labeled item, with its confidence and the method that produced it. */
export function aggregateLabels(ws: Workspace, method: AggregationMethod): Aggregation {
  const sets = collectLabelSets(ws);
  const items = new Map<string, AggregatedItem>();
  const raterCount = new Map<string, Set<string>>();
  for (const l of sets.labels) raterCount.set(l.sampleId, (raterCount.get(l.sampleId) ?? new Set()).add(l.raterId));
  for (const [sampleId, raters] of raterCount) items.set(sampleId, { sampleId, raters: raters.size, values: {}, fields: {}, confidence: null });

  for (const field of sets.fields) {
    if (field.type === 'multi_select') {
      // Each category is decided as present/absent; the set is the categories decided present.
      const perCategory = field.values.map((c) => ({ c, d: decide(sets, field, method, c.value) }));
      for (const item of items.values()) {
        const chosen: Value[] = [];
        let confidence: number | null = 1;
        let tie = false;
        const posterior: Record<string, number> = {};
        for (const { c, d } of perCategory) {
          const dec = d.get(item.sampleId);
          if (!dec) continue;
          if (dec.tie) tie = true;
          if (dec.value === 1) chosen.push(c.value);
          confidence = dec.confidence === null || confidence === null ? null : Math.min(confidence, dec.confidence);
          if (dec.posterior) posterior[String(c.value)] = dec.posterior['1'] ?? 0;
        }
        if (!perCategory.some(({ d }) => d.has(item.sampleId))) continue;
        item.fields[field.key] = { value: tie ? null : chosen, confidence: tie ? null : confidence, tie, ...(method === 'dawid-skene' ? { posterior } : {}) };
      }
      continue;
    }
    const d = decide(sets, field, method);
    for (const item of items.values()) {
      const dec = d.get(item.sampleId);
      if (!dec) continue;
      const value = field.type === 'boolean' && dec.value !== null ? dec.value === 'true' : dec.value;
      item.fields[field.key] = { value, confidence: dec.confidence, tie: dec.tie, ...(dec.posterior ? { posterior: dec.posterior } : {}) };
    }
  }
  for (const item of items.values()) {
    const fs = Object.entries(item.fields);
    for (const [key, f] of fs) item.values[key] = f.value;
    const confidences = fs.map(([, f]) => f.confidence);
    item.confidence = confidences.length && confidences.every((c) => c !== null) ? Math.min(...(confidences as number[])) : null;
  }
  return { method, guideline: sets.guideline, items: [...items.values()].sort((a, b) => (a.sampleId < b.sampleId ? -1 : 1)) };
}
