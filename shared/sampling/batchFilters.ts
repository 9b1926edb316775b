import { z } from 'zod';
import type { Sample } from '../samples/schema';

// Which imported samples a new batch may draw from: one model, metadata values, grader-score
// ranges, and (by default) only samples not yet in another batch. Declared once for the API, the
// CLI and the engine.

export const batchFiltersSchema = z.object({
  /** Only outputs of this model. */
  model: z.string().min(1).optional(),
  /** metadata key -> the value it must have (compared as text). */
  metadata: z.record(z.string().min(1), z.string()).optional(),
  /** score key -> the lowest score allowed (inclusive); samples without the score are left out. */
  scoreAtLeast: z.record(z.string().min(1), z.number()).optional(),
  /** score key -> the highest score allowed (inclusive); samples without the score are left out. */
  scoreAtMost: z.record(z.string().min(1), z.number()).optional(),
  /** Leave out samples already in another batch. */
  excludeBatched: z.boolean().default(true),
});

export type BatchFilters = z.output<typeof batchFiltersSchema>;

export function matchesFilters(s: Sample, f: BatchFilters): boolean {
  if (f.model !== undefined && s.model !== f.model) return false;
  for (const [k, v] of Object.entries(f.metadata ?? {})) if (String(s.metadata?.[k] ?? '') !== v) return false;
  for (const [k, v] of Object.entries(f.scoreAtLeast ?? {})) if (!(typeof s.scores?.[k] === 'number' && s.scores[k] >= v)) return false;
  for (const [k, v] of Object.entries(f.scoreAtMost ?? {})) if (!(typeof s.scores?.[k] === 'number' && s.scores[k] <= v)) return false;
  return true;
}

/** One line for people: "model gpt-x · topic = weapons · toxicity >= 0.5". */
export function describeFilters(f: Partial<BatchFilters>): string {
  const parts: string[] = [];
  if (f.model) parts.push(`model ${f.model}`);
  for (const [k, v] of Object.entries(f.metadata ?? {})) parts.push(`${k} = ${v}`);
  for (const [k, v] of Object.entries(f.scoreAtLeast ?? {})) parts.push(`${k} >= ${v}`);
  for (const [k, v] of Object.entries(f.scoreAtMost ?? {})) parts.push(`${k} <= ${v}`);
  return parts.join(' · ');
}

/** The design of a batch as its creation recorded it, in one line for the owner's batch list. */
export function describeBatchDesign(o: {
  seed?: number;
  strategy?: string;
  stratifyBy?: string;
  overlap?: { k: number; fraction?: number };
  goldShare?: number;
  filters?: Partial<BatchFilters>;
}): string {
  const parts: string[] = [o.strategy === 'stratified' && o.stratifyBy ? `stratified by ${o.stratifyBy}` : 'random'];
  if (o.seed !== undefined) parts.push(`seed ${o.seed}`);
  if (o.overlap) {
    const k = `${o.overlap.k} ${o.overlap.k === 1 ? 'rater' : 'raters'} per item`;
    parts.push(o.overlap.fraction !== undefined && o.overlap.fraction < 1 && o.overlap.k > 1 ? `${k} on ${Math.round(o.overlap.fraction * 100)}%` : k);
  }
  if (o.goldShare) parts.push(`${Math.round(o.goldShare * 100)}% gold`);
  const filters = describeFilters(o.filters ?? {});
  if (filters) parts.push(filters);
  return parts.join(' · ');
}
