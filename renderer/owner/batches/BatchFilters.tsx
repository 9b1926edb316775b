import { Checkbox, Group, Loader, MultiSelect, NumberInput, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BatchPoolView } from '../../../shared/api/types';
import type { BatchFilters } from '../../../shared/sampling/batchFilters';
import { api, errorMessage } from '../../api/client';

// The "Filters" part of the new-batch form: which imported samples the batch may draw from (one
// model, metadata values, a grader-score range, samples already in a batch or not), with a live
// count of what they leave, from the engine (batchPool).

/** The filters as the form edits them; `toBatchFilters` makes the API's shape. */
export interface FilterForm {
  model: string | null;
  /** "key\u0000value" per metadata condition: one value per key. */
  metadata: string[];
  scoreKey: string | null;
  scoreMin: number | string;
  scoreMax: number | string;
  includeBatched: boolean;
}

export const emptyFilters = (): FilterForm => ({ model: null, metadata: [], scoreKey: null, scoreMin: '', scoreMax: '', includeBatched: false });

const SEP = '\u0000';

export function toBatchFilters(f: FilterForm): BatchFilters {
  const out: BatchFilters = { excludeBatched: !f.includeBatched };
  if (f.model) out.model = f.model;
  if (f.metadata.length) out.metadata = Object.fromEntries(f.metadata.map((m) => m.split(SEP) as [string, string]));
  if (f.scoreKey) {
    if (typeof f.scoreMin === 'number') out.scoreAtLeast = { [f.scoreKey]: f.scoreMin };
    if (typeof f.scoreMax === 'number') out.scoreAtMost = { [f.scoreKey]: f.scoreMax };
  }
  return out;
}

/** The engine's count of samples under the current filters, refreshed shortly after each change. */
export function useBatchPool(filters: BatchFilters, enabled: boolean): { pool: BatchPoolView | null; error: string | null } {
  const [pool, setPool] = useState<BatchPoolView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(filters);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      api.batchPool({ filters: JSON.parse(key) as BatchFilters }).then(
        (p) => {
          if (!live) return;
          setPool(p);
          setError(null);
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, enabled]);
  return { pool, error };
}

export function BatchFiltersSection({ value, onChange, pool, poolError }: { value: FilterForm; onChange: (f: FilterForm) => void; pool: BatchPoolView | null; poolError: string | null }) {
  const set = <K extends keyof FilterForm>(k: K, v: FilterForm[K]) => onChange({ ...value, [k]: v });
  const metadataData = (pool?.metadata ?? []).map((m) => ({
    group: m.key,
    items: m.values.map((v) => ({ value: `${m.key}${SEP}${v.value}`, label: `${m.key} = ${v.value} (${v.count.toLocaleString()})` })),
  }));
  // One value per key: picking another value of a key replaces the first.
  const setMetadata = (next: string[]) => {
    const byKey = new Map<string, string>();
    for (const m of next) byKey.set(m.split(SEP)[0], m);
    set('metadata', [...byKey.values()]);
  };
  return (
    <div className="cc-batch-section" data-testid="batch-filters">
      <Group justify="space-between" align="baseline">
        <div className="cc-section-label">Filters</div>
        <Text size="xs" c={pool && pool.available === 0 ? 'red.7' : 'dimmed'} data-testid="batch-pool" data-available={pool?.available}>
          {poolError ? (
            `Could not count the samples: ${poolError}`
          ) : pool ? (
            <>
              <b>{pool.available.toLocaleString()}</b> samples match · {pool.gold.toLocaleString()} gold
            </>
          ) : (
            <Loader size={10} type="dots" />
          )}
        </Text>
      </Group>
      <Group grow align="flex-start" gap="sm" mt={6}>
        <Select
          label="Model"
          placeholder="Any model"
          clearable
          searchable
          value={value.model}
          onChange={(v) => set('model', v)}
          data={(pool?.models ?? []).map((m) => ({ value: m.value, label: `${m.value} (${m.count.toLocaleString()})` }))}
          nothingFoundMessage="No model with that name"
          comboboxProps={{ withinPortal: true }}
          data-testid="batch-filter-model"
        />
        <MultiSelect
          label="Metadata"
          placeholder={value.metadata.length ? undefined : 'Any value'}
          searchable
          clearable
          value={value.metadata}
          onChange={setMetadata}
          data={metadataData}
          nothingFoundMessage="No such metadata value"
          comboboxProps={{ withinPortal: true }}
          data-testid="batch-filter-metadata"
        />
      </Group>
      <Group align="flex-end" gap="sm" mt="xs" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label="Grader score"
          placeholder="Any score"
          clearable
          value={value.scoreKey}
          onChange={(v) => onChange({ ...value, scoreKey: v, ...(v ? {} : { scoreMin: '', scoreMax: '' }) })}
          data={pool?.scores ?? []}
          comboboxProps={{ withinPortal: true }}
          data-testid="batch-filter-score"
        />
        <NumberInput w={96} label="at least" disabled={!value.scoreKey} value={value.scoreMin} onChange={(v) => set('scoreMin', v)} decimalScale={3} step={0.1} data-testid="batch-filter-score-min" />
        <NumberInput w={96} label="at most" disabled={!value.scoreKey} value={value.scoreMax} onChange={(v) => set('scoreMax', v)} decimalScale={3} step={0.1} data-testid="batch-filter-score-max" />
      </Group>
      <Checkbox
        mt="sm"
        size="xs"
        label="Include samples already in another batch"
        checked={value.includeBatched}
        onChange={(e) => set('includeBatched', e.currentTarget.checked)}
        data-testid="batch-filter-include-batched"
      />
    </div>
  );
}
