import type { BatchPoolView } from '../../shared/api/types';
import { matchesFilters, type BatchFilters } from '../../shared/sampling/batchFilters';
import type { Sample } from '../../shared/samples/schema';
import { prepared } from '../store/prepared';
import { iterateSamples } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';

// The samples a new batch may draw from, and what the owner can filter them by.

/** Metadata keys with more distinct values than this (ids, free text) are not offered as filters. */
const MAX_FACET_VALUES = 100;

/** Calls `visit` for every sample the filters let into a batch, with whether it is a gold item. */
export function forEachCandidate(ws: Workspace, filters: BatchFilters, visit: (sample: Sample, gold: boolean) => void): void {
  const gold = new Set(prepared(ws.db, 'SELECT sample_id FROM gold_labels').pluck().all() as string[]);
  const batched = new Set(filters.excludeBatched ? (prepared(ws.db, 'SELECT DISTINCT sample_id FROM batch_items').pluck().all() as string[]) : []);
  for (const { sample } of iterateSamples(ws)) {
    if (batched.has(sample.id) || !matchesFilters(sample, filters)) continue;
    visit(sample, gold.has(sample.id));
  }
}

/** How many samples (and gold items) the filters leave, and the models, metadata values and scores to filter by. */
export function batchPool(ws: Workspace, filters: BatchFilters): BatchPoolView {
  const unfiltered: BatchFilters = { excludeBatched: filters.excludeBatched };
  const models = new Map<string, number>();
  const metadata = new Map<string, Map<string, number> | null>(); // null: too many values to offer
  const scores = new Set<string>();
  let available = 0;
  let gold = 0;
  forEachCandidate(ws, unfiltered, (s, isGold) => {
    if (s.model) models.set(s.model, (models.get(s.model) ?? 0) + 1);
    for (const [k, v] of Object.entries(s.metadata ?? {})) {
      if (v === null || typeof v === 'object') continue;
      let values = metadata.get(k);
      if (values === null) continue;
      if (!values) metadata.set(k, (values = new Map()));
      values.set(String(v), (values.get(String(v)) ?? 0) + 1);
      if (values.size > MAX_FACET_VALUES) metadata.set(k, null);
    }
    for (const k of Object.keys(s.scores ?? {})) scores.add(k);
    if (matchesFilters(s, filters)) {
      available++;
      if (isGold) gold++;
    }
  });
  const facet = (m: Map<string, number>) => [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    available,
    gold,
    models: facet(models),
    metadata: [...metadata]
      .filter((e): e is [string, Map<string, number>] => e[1] !== null && e[1].size > 1)
      .map(([key, values]) => ({ key, values: facet(values) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    scores: [...scores].sort(),
  };
}
