import { z } from 'zod';
import type { CreatedBatchView } from '../../shared/api/types';
import { uuidv7 } from '../../shared/ids';
import { batchFiltersSchema } from '../../shared/sampling/batchFilters';
import { PlanError, planBatch, type Candidate } from '../../shared/sampling/batchPlan';
import type { Sample } from '../../shared/samples/schema';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline, type GuidelineRef } from '../workspace/guidelines';
import type { Workspace } from '../workspace/workspace';
import { forEachCandidate } from './batchPool';

/** What an owner asks for; validated with zod because it comes from the UI and the CLI alike. */
export const batchRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  size: z.number().int().min(1),
  seed: z.number().int(),
  strategy: z.enum(['random', 'stratified']).default('random'),
  /** Stratify by `metadata.<key>` or by a grader score bin `scores.<key>` (see bins). */
  stratifyBy: z.string().regex(/^(metadata|scores)\.[^.]+$/, 'stratifyBy must be metadata.<key> or scores.<key>').optional(),
  bins: z.number().int().min(2).max(20).default(5),
  overlap: z.object({ k: z.number().int().min(1), fraction: z.number().gt(0).max(1).default(1) }),
  goldShare: z.number().min(0).max(1).default(0),
  raters: z.array(z.string().min(1)).min(1),
  filters: batchFiltersSchema.default({ excludeBatched: true }),
  guideline: z.object({ id: z.string(), version: z.string() }).optional(),
});
export type BatchRequest = z.input<typeof batchRequestSchema>;

/** The stratum of a sample: a metadata value, or an equal-width bin of a score in [0, 1]. */
function stratumOf(s: Sample, by: string | undefined, bins: number): string | undefined {
  if (!by) return undefined;
  const [kind, key] = by.split('.') as ['metadata' | 'scores', string];
  if (kind === 'metadata') {
    const v = s.metadata?.[key];
    return v === undefined || v === null ? '(missing)' : String(v);
  }
  const v = s.scores?.[key];
  if (typeof v !== 'number') return '(missing)';
  const b = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
  return `[${(b / bins).toFixed(2)}, ${((b + 1) / bins).toFixed(2)}${b === bins - 1 ? ']' : ')'}`;
}

/** What the owner learns of a new batch: the API's view of it, declared once in the contract's types. */
export type CreatedBatch = CreatedBatchView;

/** Samples, plans and records a batch as one event by its owner (`by`): same seed and inputs, same batch. */
export function createBatch(ws: Workspace, request: BatchRequest, by: string): CreatedBatch {
  const parsed = batchRequestSchema.safeParse(request);
  if (!parsed.success) throw new InputError(`batch: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const req = parsed.data;
  if (req.strategy === 'stratified' && !req.stratifyBy) throw new InputError('a stratified batch needs stratifyBy (metadata.<key> or scores.<key>)');
  const guideline = req.guideline ?? activeGuidelineRef(ws);
  if (!guideline || !getGuideline(ws, guideline)) throw new InputError('the batch needs a published guideline version');
  for (const r of req.raters) if (!prepared(ws.db, 'SELECT 1 FROM raters WHERE id = ?').get(r)) throw new InputError(`no rater "${r}" in the pool`);

  const candidates: Candidate[] = [];
  forEachCandidate(ws, req.filters, (sample, gold) => candidates.push({ id: sample.id, gold, stratum: stratumOf(sample, req.stratifyBy, req.bins) }));
  let plan;
  try {
    plan = planBatch(candidates, { size: req.size, seed: req.seed, strategy: req.strategy, overlap: req.overlap, goldShare: req.goldShare, raters: req.raters });
  } catch (e) {
    if (e instanceof PlanError) throw new InputError(e.message);
    throw e;
  }
  const batchId = uuidv7();
  const { guideline: _g, ...options } = req;
  appendEvents(ws.db, [newEvent('batch.created', by, { batchId, name: req.name, guideline, options, items: plan.items })]);
  return {
    batchId,
    name: req.name,
    guideline,
    items: plan.items.length,
    gold: plan.items.filter((i) => i.gold).length,
    assignments: plan.items.reduce((s, i) => s + i.raters.length, 0),
    load: plan.load,
    strata: plan.strata,
  };
}
