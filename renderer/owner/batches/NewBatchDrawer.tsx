import { ActionIcon, Alert, Autocomplete, Button, Drawer, Group, NumberInput, SegmentedControl, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CreatedBatchView, Profile } from '../../../shared/api/types';
import { api, errorMessage } from '../../api/client';
import { IconCheck } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import { notify, notifyError } from '../../stores/notices';
import { useOwner } from '../../stores/owner';
import { useSession } from '../../stores/session';
import { BatchFiltersSection, emptyFilters, toBatchFilters, useBatchPool, type FilterForm } from './BatchFilters';
import { estimateBatch, randomSeed, STRATIFY_PATTERN, STRATIFY_SUGGESTIONS } from './estimate';

// "New batch": which samples (filters, size, seed, random or stratified), how many raters label each item
// (the overlap design), how much gold is mixed in, and who labels. A live estimate shows what the
// design costs; the engine plans the batch deterministically from the seed.

interface Form {
  name: string;
  size: number | string;
  seed: number | string;
  strategy: 'random' | 'stratified';
  stratifyBy: string;
  bins: number | string;
  k: number | string;
  /** Percent of items that get k raters. */
  fraction: number | string;
  /** Percent of the batch drawn from gold items. */
  gold: number | string;
  raters: string[];
}

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));

function initialForm(raters: Profile[] | null, available: number, batchCount: number): Form {
  const ids = (raters ?? []).map((r) => r.id);
  return {
    name: `Batch ${batchCount + 1}`,
    size: Math.max(1, Math.min(60, available || 60)),
    seed: randomSeed(),
    strategy: 'random',
    stratifyBy: 'metadata.topic',
    bins: 5,
    k: Math.max(1, Math.min(3, ids.length || 1)),
    fraction: 100,
    gold: 0,
    raters: ids,
  };
}

type Errors = Partial<Record<keyof Form, string>>;

/** `available`: samples the filters leave, when known; `goldWanted`/`gold`: gold items the design needs and the filters leave. */
function validate(f: Form, available: number | null, goldWanted: number, gold: number | null): Errors {
  const e: Errors = {};
  if (!f.name.trim()) e.name = 'Give the batch a name';
  const size = num(f.size);
  if (!Number.isInteger(size) || size < 1) e.size = 'A whole number, at least 1';
  else if (available !== null && size > available) e.size = `Only ${available.toLocaleString()} samples match the filters`;
  if (!Number.isInteger(num(f.seed))) e.seed = 'A whole number';
  if (f.strategy === 'stratified') {
    if (!STRATIFY_PATTERN.test(f.stratifyBy.trim())) e.stratifyBy = 'metadata.<key> or scores.<key>';
    const bins = num(f.bins);
    if (f.stratifyBy.startsWith('scores.') && !(Number.isInteger(bins) && bins >= 2 && bins <= 20)) e.bins = '2 to 20';
  }
  const k = num(f.k);
  if (!Number.isInteger(k) || k < 1) e.k = 'At least 1';
  else if (k > f.raters.length) e.k = `Needs ${k} raters; the pool below has ${f.raters.length}`;
  const fr = num(f.fraction);
  if (!(fr > 0 && fr <= 100)) e.fraction = 'More than 0, at most 100';
  const g = num(f.gold);
  if (!(g >= 0 && g <= 100)) e.gold = '0 to 100';
  else if (gold !== null && goldWanted > gold) e.gold = `Needs ${goldWanted} gold items; ${gold} match`;
  if (f.raters.length === 0) e.raters = 'Choose at least one rater';
  return e;
}

export function NewBatchDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const raters = useOwner((s) => s.raters);
  const batches = useOwner((s) => s.batches);
  const samples = useSession((s) => s.info?.samples ?? 0);
  const guideline = useSession((s) => s.info?.guideline);
  const inBatches = useMemo(() => (batches ?? []).reduce((s, b) => s + b.items, 0), [batches]);
  const available = Math.max(0, samples - inBatches);

  const [form, setForm] = useState<Form>(() => initialForm(raters, available, batches?.length ?? 0));
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CreatedBatchView | null>(null);
  const [filters, setFilters] = useState<FilterForm>(emptyFilters);
  const apiFilters = useMemo(() => toBatchFilters(filters), [filters]);
  const { pool, error: poolError } = useBatchPool(apiFilters, opened && !result);

  // A fresh form each time the drawer opens (and once the rater pool has loaded).
  useEffect(() => {
    if (!opened) return;
    void useSession.getState().refreshInfo();
    if (!raters) void useOwner.getState().loadRaters();
    setForm(initialForm(raters, available, batches?.length ?? 0));
    setShowErrors(false);
    setError(null);
    setResult(null);
    setFilters(emptyFilters());
  }, [opened, raters]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setError(null);
  };
  const est = estimateBatch({
    size: num(form.size) || 0,
    k: num(form.k) || 1,
    fraction: (num(form.fraction) || 0) / 100,
    goldShare: (num(form.gold) || 0) / 100,
    raters: form.raters.length,
  });
  const errors = validate(form, pool?.available ?? null, est.gold, pool?.gold ?? null);
  const shown = (k: keyof Form) => (showErrors ? errors[k] : undefined);
  const k = num(form.k) || 1;
  const byScore = form.strategy === 'stratified' && form.stratifyBy.startsWith('scores.');

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    setShowErrors(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api.createBatch({
        name: form.name.trim(),
        size: num(form.size),
        seed: num(form.seed),
        strategy: form.strategy,
        stratifyBy: form.strategy === 'stratified' ? form.stratifyBy.trim() : undefined,
        bins: byScore ? num(form.bins) : 5,
        overlap: { k: num(form.k), fraction: k > 1 ? num(form.fraction) / 100 : 1 },
        goldShare: num(form.gold) / 100,
        raters: form.raters,
        filters: apiFilters,
      });
      setResult(created);
      useOwner.getState().setLastCreated(created);
      void useOwner.getState().loadBatches();
      void useSession.getState().refreshInfo();
      notify('success', `Created “${created.name}”`, `${created.items.toLocaleString()} items, ${created.assignments.toLocaleString()} assignments under ${created.guideline.id} ${created.guideline.version}.`);
    } catch (err) {
      setError(errorMessage(err));
      notifyError('Could not create the batch', err);
    } finally {
      setBusy(false);
    }
  };

  const toggleRater = (id: string) => set('raters', form.raters.includes(id) ? form.raters.filter((r) => r !== id) : [...form.raters, id]);

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={560}
      title={<Text fw={650}>{result ? 'Batch created' : 'New batch'}</Text>}
      data-testid="new-batch-drawer"
      classNames={{ body: 'cc-batch-drawer-body' }}
    >
      {result ? (
        <BatchResult result={result} raters={raters ?? []} onAnother={() => {
            setForm((f) => ({ ...f, seed: randomSeed(), name: `Batch ${(useOwner.getState().batches?.length ?? 0) + 1}` }));
            setShowErrors(false);
            setResult(null);
          }} onClose={onClose} />
      ) : (
        <form onSubmit={submit} data-testid="batch-form" noValidate className="cc-batch-form">
          <div className="cc-batch-form-scroll">
            <Text size="sm" c="dimmed" mb="md">
              Samples are drawn from the {(pool?.available ?? available).toLocaleString()} of {samples.toLocaleString()} samples that the filters leave{filters.includeBatched ? '' : ' (not yet in a batch)'}, and labeled under{' '}
              {guideline ? (
                <span className="cc-mono">
                  <SafeText text={`${guideline.id} ${guideline.version}`} />
                </span>
              ) : (
                'the active guideline'
              )}
              .
            </Text>

            <div className="cc-batch-section">
              <TextInput label="Name" value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={shown('name')} maxLength={200} data-testid="batch-name" data-autofocus />
            </div>

            <div className="cc-batch-section">
              <div className="cc-section-label">Sample</div>
              <Group grow align="flex-start" gap="sm" mt={6}>
                <NumberInput
                  label="Items"
                  value={form.size}
                  onChange={(v) => set('size', v)}
                  min={1}
                  max={samples || undefined}
                  allowDecimal={false}
                  clampBehavior="blur"
                  description={`${(pool?.available ?? available).toLocaleString()} available`}
                  error={shown('size')}
                  data-testid="batch-size"
                />
                <NumberInput
                  label="Seed"
                  value={form.seed}
                  onChange={(v) => set('seed', v)}
                  allowDecimal={false}
                  description="same seed, same batch"
                  error={shown('seed')}
                  data-testid="batch-seed"
                  rightSection={
                    <Tooltip label="Random seed" openDelay={300}>
                      <ActionIcon variant="subtle" color="gray" onClick={() => set('seed', randomSeed())} aria-label="Random seed" data-testid="batch-seed-random">
                        <DiceIcon />
                      </ActionIcon>
                    </Tooltip>
                  }
                />
              </Group>
              <Text size="sm" fw={500} mt="sm" mb={4}>
                Sampling
              </Text>
              <SegmentedControl
                fullWidth
                value={form.strategy}
                onChange={(v) => set('strategy', v as Form['strategy'])}
                data={[
                  { value: 'random', label: <span data-testid="batch-strategy-random">Random</span> },
                  { value: 'stratified', label: <span data-testid="batch-strategy-stratified">Stratified</span> },
                ]}
                data-testid="batch-strategy"
              />
              {form.strategy === 'stratified' && (
                <Group align="flex-start" gap="sm" mt="sm" wrap="nowrap">
                  <Autocomplete
                    style={{ flex: 1 }}
                    label="Stratify by"
                    description="a metadata key, or a grader score (binned)"
                    value={form.stratifyBy}
                    onChange={(v) => set('stratifyBy', v)}
                    data={STRATIFY_SUGGESTIONS}
                    error={shown('stratifyBy')}
                    classNames={{ input: 'cc-mono' }}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="batch-stratify-by"
                  />
                  {byScore && (
                    <NumberInput
                      w={110}
                      label="Bins"
                      description="equal width"
                      value={form.bins}
                      onChange={(v) => set('bins', v)}
                      min={2}
                      max={20}
                      allowDecimal={false}
                      error={shown('bins')}
                      data-testid="batch-bins"
                    />
                  )}
                </Group>
              )}
              {form.strategy === 'stratified' && (
                <Text size="xs" c="dimmed" mt={6}>
                  Each stratum gets a share of the batch proportional to its size among the available samples.
                </Text>
              )}
            </div>

            <BatchFiltersSection value={filters} onChange={setFilters} pool={pool} poolError={poolError} />

            <div className="cc-batch-section">
              <div className="cc-section-label">Overlap and gold</div>
              <Group grow align="flex-start" gap="sm" mt={6}>
                <NumberInput
                  label="Raters per item (k)"
                  value={form.k}
                  onChange={(v) => set('k', v)}
                  min={1}
                  allowDecimal={false}
                  // Said at once, not only on submit, and never clamped back silently: k stays what was typed.
                  error={shown('k') ?? (num(form.k) > form.raters.length ? errors.k : undefined)}
                  description="2 or more for agreement"
                  data-testid="batch-overlap-k"
                />
                <NumberInput
                  label="Items that get k"
                  value={form.fraction}
                  onChange={(v) => set('fraction', v)}
                  min={1}
                  max={100}
                  suffix="%"
                  disabled={k <= 1}
                  error={shown('fraction')}
                  description={k <= 1 ? 'all items: 1 rater' : 'the rest get 1 rater'}
                  data-testid="batch-overlap-fraction"
                />
                <NumberInput
                  label="Gold share"
                  value={form.gold}
                  onChange={(v) => set('gold', v)}
                  min={0}
                  max={100}
                  suffix="%"
                  error={shown('gold')}
                  description={pool ? `${pool.gold.toLocaleString()} gold ${pool.gold === 1 ? 'item' : 'items'} in the pool` : 'reference-labeled items'}
                  data-testid="batch-gold"
                />
              </Group>
            </div>

            <div className="cc-batch-section">
              <Group justify="space-between" align="baseline">
                <div className="cc-section-label">Rater pool</div>
                <Group gap={4}>
                  <Button size="compact-xs" variant="subtle" onClick={() => set('raters', (raters ?? []).map((r) => r.id))} data-testid="batch-raters-all">
                    All
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => set('raters', [])} data-testid="batch-raters-none">
                    None
                  </Button>
                </Group>
              </Group>
              <div className="cc-batch-raters" data-testid="batch-raters" role="group" aria-label="Rater pool">
                {raters === null ? (
                  <Text size="sm" c="dimmed">
                    Loading the rater profiles…
                  </Text>
                ) : raters.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No rater profiles yet. Raters create theirs when they first sign in.
                  </Text>
                ) : (
                  raters.map((r) => {
                    const on = form.raters.includes(r.id);
                    return (
                      <UnstyledButton
                        key={r.id}
                        className="cc-batch-rater"
                        role="checkbox"
                        aria-checked={on}
                        data-checked={on || undefined}
                        onClick={() => toggleRater(r.id)}
                        data-testid={`batch-rater-${r.id}`}
                      >
                        <span className="cc-batch-rater-box">{on && <IconCheck size={12} />}</span>
                        <span className="cc-batch-avatar" aria-hidden="true">
                          {r.name.trim().charAt(0).toUpperCase()}
                        </span>
                        <span style={{ minWidth: 0 }}>
                          <SafeText text={r.name} className="cc-ellipsis cc-batch-rater-name" />
                          <SafeText text={r.id} className="cc-mono cc-batch-rater-id" />
                        </span>
                      </UnstyledButton>
                    );
                  })
                )}
              </div>
              {shown('raters') && (
                <Text size="xs" c="red.7" mt={4}>
                  {errors.raters}
                </Text>
              )}
            </div>

          </div>

          <div className="cc-batch-foot">
            {error && (
              <Alert color="red" variant="light" py={8} title="The engine did not create the batch" data-testid="batch-error" className="cc-batch-error">
                <SafeText text={error} />
              </Alert>
            )}
            <div className="cc-batch-foot-row">
            <div className="cc-batch-estimate" data-testid="batch-estimate">
              <Text size="sm" fw={600}>
                {k > 1 && est.single > 0 ? (
                  <>
                    {est.overlapped.toLocaleString()} items × {k} raters + {est.single.toLocaleString()} × 1 = {est.labels.toLocaleString()} labels
                  </>
                ) : (
                  <>
                    {est.overlapped.toLocaleString()} items × {k} {k === 1 ? 'rater' : 'raters'} = {est.labels.toLocaleString()} labels
                  </>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {form.raters.length > 0 ? (
                  <>
                    {est.perRaterMin === est.perRaterMax ? est.perRaterMin.toLocaleString() : `${est.perRaterMin}–${est.perRaterMax}`} per rater across {form.raters.length}{' '}
                    {form.raters.length === 1 ? 'rater' : 'raters'}
                  </>
                ) : (
                  'no raters chosen'
                )}
                {est.gold > 0 && ` · ${est.gold} gold ${est.gold === 1 ? 'item' : 'items'}`}
                {k > 1 && ` · agreement measured on ${est.overlapped.toLocaleString()} items`}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} data-testid="batch-create">
                Create batch
              </Button>
            </Group>
            </div>
          </div>
        </form>
      )}
    </Drawer>
  );
}

function Bars({ rows, testId }: { rows: { label: string; mono?: boolean; value: number }[]; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="cc-batch-bars" data-testid={testId}>
      {rows.map((r) => (
        <div key={r.label} className="cc-batch-bar-row">
          <SafeText text={r.label} className={r.mono ? 'cc-mono cc-ellipsis' : 'cc-ellipsis'} />
          <span className="cc-batch-bar">
            <span style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="cc-batch-bar-n">{r.value.toLocaleString()}</span>
        </div>
      ))}
    </div>
  );
}

function BatchResult({ result, raters, onAnother, onClose }: { result: CreatedBatchView; raters: Profile[]; onAnother: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [allStrata, setAllStrata] = useState(false);
  // Braces: Chromium's scrollIntoView now returns a Promise, which React would take for a cleanup function.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  const name = (id: string) => raters.find((r) => r.id === id)?.name ?? id;
  const loads = Object.entries(result.load).map(([id, n]) => ({ label: name(id), value: n }));
  const strata = Object.entries(result.strata ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([s, n]) => ({ label: s, value: n, mono: true }));
  const empty = Object.values(result.strata ?? {}).filter((n) => n === 0).length;
  const STRATA_SHOWN = 10;
  return (
    <div className="cc-batch-result" data-testid="batch-result" ref={ref}>
      <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={<SafeText text={result.name} />}>
        Queued for the raters under{' '}
        <span className="cc-mono">
          <SafeText text={`${result.guideline.id} ${result.guideline.version}`} />
        </span>
        . The items are in their queues now.
      </Alert>
      <div className="cc-batch-stats">
        <div>
          <div className="cc-batch-stat" data-testid="result-items">
            {result.items.toLocaleString()}
          </div>
          <Text size="xs" c="dimmed">
            items
          </Text>
        </div>
        <div>
          <div className="cc-batch-stat" data-testid="result-gold">
            {result.gold.toLocaleString()}
          </div>
          <Text size="xs" c="dimmed">
            gold
          </Text>
        </div>
        <div>
          <div className="cc-batch-stat" data-testid="result-assignments">
            {result.assignments.toLocaleString()}
          </div>
          <Text size="xs" c="dimmed">
            assignments
          </Text>
        </div>
        <div>
          <div className="cc-batch-stat">{Object.keys(result.load).length}</div>
          <Text size="xs" c="dimmed">
            raters
          </Text>
        </div>
      </div>
      <div className="cc-section-label" style={{ marginTop: 18 }}>
        Load per rater
      </div>
      <Bars rows={loads} testId="result-load" />
      {result.strata && (
        <>
          <div className="cc-section-label" style={{ marginTop: 18 }}>
            Items per stratum (gold items not included) · {strata.length} strata
          </div>
          <Bars rows={allStrata ? strata : strata.slice(0, STRATA_SHOWN)} testId="result-strata" />
          <Group gap="xs" mt={6}>
            {strata.length > STRATA_SHOWN && (
              <Button size="compact-xs" variant="subtle" onClick={() => setAllStrata((v) => !v)}>
                {allStrata ? 'Show fewer' : `Show all ${strata.length}`}
              </Button>
            )}
            {empty > 0 && (
              <Text size="xs" c="dimmed">
                {empty} small {empty === 1 ? 'stratum' : 'strata'} got no items at this size.
              </Text>
            )}
          </Group>
        </>
      )}
      <Group justify="flex-end" gap="xs" mt="xl">
        <Button variant="default" onClick={onAnother} data-testid="batch-another">
          Create another
        </Button>
        <Button onClick={onClose} data-testid="batch-result-close">
          Done
        </Button>
      </Group>
    </div>
  );
}

function DiceIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="3.5" y="3.5" width="17" height="17" rx="3.5" />
      <circle cx="8.5" cy="8.5" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="15.5" cy="15.5" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="12" cy="12" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="15.5" cy="8.5" r="1.1" fill="currentColor" stroke="none" />
      <circle cx="8.5" cy="15.5" r="1.1" fill="currentColor" stroke="none" />
    </svg>
  );
}
