import { z } from 'zod';
import type { DisagreementView } from '../../shared/api/types';
import { aggregateLabels } from '../agreement/aggregate';
import { collectItemLabels } from '../agreement/itemLabels';
import { collectLabelSets, type LabelSets } from '../agreement/labelSets';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { conflictingAdjudications } from './adjudicate';
import type { Workspace } from '../workspace/workspace';

/** How the owner decides which items go to adjudication. */
export const disagreementRuleSchema = z.discriminatedUnion('kind', [
  /** Any two raters gave different values for the field (any field when none is named). */
  z.object({ kind: z.literal('any'), field: z.string().optional() }),
  /** The ordinal field's highest and lowest values are at least `levels` apart. */
  z.object({ kind: z.literal('spread'), field: z.string().default('severity'), levels: z.number().int().min(1) }),
  /** The aggregated label's confidence is below the threshold. */
  z.object({ kind: z.literal('low-confidence'), threshold: z.number().gt(0).max(1), method: z.enum(['majority', 'dawid-skene']).default('dawid-skene') }),
]);
export type DisagreementRule = z.input<typeof disagreementRuleSchema>;

/** What the disagreement list shows of an item, before the content warning the API adds. */
export type Disagreement = Omit<DisagreementView, 'contentWarning'>;

const canonical = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : v ?? null);

/** A rule's field must be one the guideline measures, and a spread needs an ordinal one (its levels are in order). */
function checkRuleField(sets: LabelSets, rule: z.output<typeof disagreementRuleSchema>): void {
  if (rule.kind === 'low-confidence' || rule.field === undefined) return;
  const field = sets.fields.find((f) => f.key === rule.field);
  const ordinals = sets.fields.filter((f) => f.type === 'ordinal').map((f) => f.key);
  if (!field) throw new InputError(`no field "${rule.field}" in ${sets.guideline.id}@${sets.guideline.version} (fields: ${sets.fields.map((f) => f.key).join(', ')})`);
  if (rule.kind === 'spread' && field.type !== 'ordinal') {
    throw new InputError(`--spread needs an ordinal field, and "${rule.field}" is ${field.type.replace('_', '-')}${ordinals.length ? ` (ordinal fields: ${ordinals.join(', ')})` : ''}; use --any --field ${rule.field} for any disagreement on it`);
  }
}

/** Items with at least two raters that the rule selects, plus every unresolved item, in sample order. */
export function findDisagreements(ws: Workspace, ruleInput: DisagreementRule): Disagreement[] {
  const rule = disagreementRuleSchema.parse(ruleInput);
  const sets: LabelSets = collectLabelSets(ws);
  checkRuleField(sets, rule);
  const byItem = new Map<string, Record<string, unknown>[]>();
  for (const l of sets.labels) byItem.set(l.sampleId, [...(byItem.get(l.sampleId) ?? []), l.values]);
  const adjudicated = new Set(prepared(ws.db, 'SELECT DISTINCT sample_id FROM adjudications').pluck().all() as string[]);
  const conflicting = conflictingAdjudications(ws);
  // Items aggregation leaves without a label under either export method are in the queue whatever
  // the rule: an export can only give them a label once someone adjudicates them.
  const itemLabels = collectItemLabels(ws);
  const aggregations = { majority: aggregateLabels(ws, 'majority', itemLabels), 'dawid-skene': aggregateLabels(ws, 'dawid-skene', itemLabels) };
  const unresolved = new Map<string, string>();
  for (const [method, agg] of Object.entries(aggregations)) {
    for (const item of agg.items) {
      if (item.status === 'unresolved' && item.raters >= 2 && !unresolved.has(item.sampleId)) {
        unresolved.set(item.sampleId, `no label can be formed (${method === 'majority' ? 'majority vote' : 'Dawid-Skene'}): ${item.unresolved}`);
      }
    }
  }
  const confidences = rule.kind === 'low-confidence' ? new Map(aggregations[rule.method].items.map((i) => [i.sampleId, i])) : undefined;

  /** The fields the rule picks the item for, and why; null when it does not. */
  const byRule = (sampleId: string, labels: Record<string, unknown>[]): { fields: string[]; why: string } | null => {
    if (rule.kind === 'any') {
      const fields = sets.fields.map((f) => f.key).filter((k) => !rule.field || k === rule.field);
      const disputed = fields.filter((k) => new Set(labels.map((l) => canonical(l[k]))).size > 1);
      return disputed.length ? { fields: disputed, why: `raters differ on ${disputed.join(', ')}` } : null;
    }
    if (rule.kind === 'spread') {
      const values = labels.map((l) => l[rule.field]).filter((v): v is number => typeof v === 'number');
      if (values.length < 2) return null;
      const spread = Math.max(...values) - Math.min(...values);
      return spread >= rule.levels ? { fields: [rule.field], why: `${rule.field} spread ${spread} (${Math.min(...values)} to ${Math.max(...values)})` } : null;
    }
    const agg = confidences!.get(sampleId);
    const low = Object.entries(agg?.fields ?? {}).filter(([, f]) => f.confidence === null || f.confidence < rule.threshold);
    if (!low.length) return null;
    return { fields: low.map(([k]) => k), why: low.map(([k, f]) => `${k} ${f.confidence === null ? 'tied' : `confidence ${f.confidence.toFixed(2)}`}`).join(', ') + ` (< ${rule.threshold})` };
  };

  const out: Disagreement[] = [];
  for (const [sampleId, labels] of [...byItem].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (labels.length < 2) continue;
    const picked = byRule(sampleId, labels);
    const why = unresolved.get(sampleId);
    if (!picked && !why) continue;
    out.push({
      sampleId,
      raters: labels.length,
      adjudicated: adjudicated.has(sampleId),
      conflicting: conflicting.has(sampleId),
      unresolved: why !== undefined,
      fields: picked?.fields ?? [],
      why: [picked?.why, why].filter(Boolean).join('; '),
    });
  }
  return out;
}
