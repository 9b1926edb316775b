import { Loader, NativeSelect, NumberInput, SegmentedControl, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useState, type RefObject } from 'react';
import type { DisagreementView } from '../../shared/api/types';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { IconCheck } from '../components/icons';
import { SafeText } from '../content/SafeText';
import { loadPack } from '../stores/item';
import { useAdjudication, type AdjFilter, type DisagreementRule } from '../stores/adjudication';
import { useSession } from '../stores/session';

// The left column: which items need an adjudicator (the rule), how many are open, and the list.

const ROW_HEIGHT = 70;
const FILTER_LABELS: Record<AdjFilter, string> = { open: 'Open', adjudicated: 'Adjudicated', all: 'All' };

/** The pack the rule's field choices come from: the open item's, else the workspace's active one. */
function useRulePack(): GuidelinePack | null {
  const itemPack = useAdjudication((s) => s.pack);
  const ref = useSession((s) => s.info?.guideline);
  const [active, setActive] = useState<GuidelinePack | null>(null);
  useEffect(() => {
    if (!ref) return;
    let live = true;
    loadPack(ref).then(
      (p) => live && setActive(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ref?.id, ref?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  return itemPack ?? active;
}

/** A number input that applies its value once the adjudicator stops typing. */
function RuleNumber({ value, onCommit, ...rest }: { value: number; onCommit: (v: number) => void; min: number; max: number; step: number; decimalScale?: number; label: string; testId: string; w?: number }) {
  const [text, setText] = useState<string | number>(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    const n = typeof text === 'number' ? text : Number(text);
    if (!Number.isFinite(n) || n === value || n < rest.min || n > rest.max) return;
    const id = setTimeout(() => onCommit(n), 350);
    return () => clearTimeout(id);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <NumberInput
      size="xs"
      value={text}
      onChange={setText}
      min={rest.min}
      max={rest.max}
      step={rest.step}
      decimalScale={rest.decimalScale}
      clampBehavior="blur"
      label={rest.label}
      data-testid={rest.testId}
      w={rest.w}
      style={{ flex: rest.w ? 'none' : 1 }}
    />
  );
}

function RulePicker() {
  const rule = useAdjudication((s) => s.rule);
  const pack = useRulePack();
  const set = (r: DisagreementRule) => useAdjudication.getState().setRule(r);
  const choiceFields = pack?.fields.filter((f) => f.type !== 'text') ?? [];
  const ordinalFields = pack?.fields.filter((f) => f.type === 'ordinal') ?? [];
  const spreadField = rule.kind === 'spread' ? (rule.field ?? 'severity') : 'severity';
  const spreadMax = (() => {
    const f = ordinalFields.find((x) => x.key === spreadField);
    return f && f.type === 'ordinal' ? f.levels[f.levels.length - 1].value - f.levels[0].value : 10;
  })();

  return (
    <div className="cc-adj-rule" data-testid="adj-rule" role="group" aria-label="Which items need adjudication">
      <NativeSelect
        size="xs"
        label="Rule"
        value={rule.kind}
        data-testid="adj-rule-kind"
        onChange={(e) => {
          const kind = e.currentTarget.value as DisagreementRule['kind'];
          if (kind === 'any') set({ kind: 'any' });
          else if (kind === 'spread') set({ kind: 'spread', field: ordinalFields[0]?.key ?? 'severity', levels: 2 });
          else set({ kind: 'low-confidence', threshold: 0.7, method: 'dawid-skene' });
        }}
        data={[
          { value: 'any', label: 'Any disagreement' },
          { value: 'spread', label: 'Severity spread ≥ N' },
          { value: 'low-confidence', label: 'Low confidence < t' },
        ]}
      />
      <div className="cc-adj-rule-params">
        {rule.kind === 'any' && (
          <NativeSelect
            size="xs"
            label="Field"
            value={rule.field ?? ''}
            data-testid="adj-rule-field"
            style={{ flex: 1 }}
            onChange={(e) => set({ kind: 'any', ...(e.currentTarget.value ? { field: e.currentTarget.value } : {}) })}
            data={[{ value: '', label: 'Any field' }, ...choiceFields.map((f) => ({ value: f.key, label: f.title }))]}
          />
        )}
        {rule.kind === 'spread' && (
          <>
            <NativeSelect
              size="xs"
              label="Scale"
              value={spreadField}
              data-testid="adj-rule-field"
              style={{ flex: 1 }}
              onChange={(e) => set({ ...rule, field: e.currentTarget.value })}
              data={ordinalFields.length ? ordinalFields.map((f) => ({ value: f.key, label: f.title })) : [{ value: spreadField, label: spreadField }]}
            />
            <RuleNumber label="Levels ≥" value={rule.levels} min={1} max={Math.max(1, spreadMax)} step={1} w={84} testId="adj-rule-levels" onCommit={(levels) => set({ ...rule, levels })} />
          </>
        )}
        {rule.kind === 'low-confidence' && (
          <>
            <RuleNumber
              label="Below"
              value={rule.threshold}
              min={0.05}
              max={1}
              step={0.05}
              decimalScale={2}
              w={84}
              testId="adj-rule-threshold"
              onCommit={(threshold) => set({ ...rule, threshold })}
            />
            <NativeSelect
              size="xs"
              label="Method"
              value={rule.method ?? 'dawid-skene'}
              data-testid="adj-rule-method"
              style={{ flex: 1 }}
              onChange={(e) => set({ ...rule, method: e.currentTarget.value as 'majority' | 'dawid-skene' })}
              data={[
                { value: 'dawid-skene', label: 'Dawid–Skene' },
                { value: 'majority', label: 'Majority vote' },
              ]}
            />
          </>
        )}
      </div>
    </div>
  );
}

export function DisagreementQueue({ listRef, onOpen }: { listRef: RefObject<HTMLDivElement | null>; onOpen: (sampleId: string) => void }) {
  const list = useAdjudication((s) => s.list);
  const filter = useAdjudication((s) => s.filter);
  const loading = useAdjudication((s) => s.listLoading);
  const counts = useMemo(() => {
    const adjudicated = (list ?? []).filter((d) => d.adjudicated).length;
    return { open: (list?.length ?? 0) - adjudicated, adjudicated, all: list?.length ?? 0 };
  }, [list]);

  return (
    <aside className="cc-adj-queue" aria-label="Disagreements">
      <div className="cc-adj-queue-head">
        <div className="cc-adj-queue-title">
          <Text size="sm" fw={650}>
            Disagreements
          </Text>
          {loading && <Loader size={12} />}
          <span style={{ flex: 1 }} />
          <Text size="xs" c="dimmed" data-testid="adj-counts" data-open={counts.open} data-adjudicated={counts.adjudicated} style={{ whiteSpace: 'nowrap' }}>
            <Text span fw={650} c="var(--mantine-color-text)" size="xs" data-testid="adj-count-open">
              {counts.open}
            </Text>{' '}
            open ·{' '}
            <Text span fw={650} c="var(--mantine-color-text)" size="xs" data-testid="adj-count-adjudicated">
              {counts.adjudicated}
            </Text>{' '}
            adjudicated
          </Text>
        </div>
        <RulePicker />
        <SegmentedControl
          size="xs"
          fullWidth
          value={filter}
          onChange={(v) => useAdjudication.getState().setFilter(v as AdjFilter)}
          data-testid="adj-filter"
          data={(['open', 'adjudicated', 'all'] as const).map((f) => ({
            value: f,
            label: (
              <span data-testid={`adj-filter-${f}`}>
                {FILTER_LABELS[f]}{' '}
                <Text span size="xs" c="dimmed" ml={2}>
                  {list ? counts[f] : '·'}
                </Text>
              </span>
            ),
          }))}
        />
      </div>
      <DisagreementList listRef={listRef} onOpen={onOpen} />
    </aside>
  );
}

function DisagreementList({ listRef, onOpen }: { listRef: RefObject<HTMLDivElement | null>; onOpen: (sampleId: string) => void }) {
  const list = useAdjudication((s) => s.list);
  const filter = useAdjudication((s) => s.filter);
  const selectedId = useAdjudication((s) => s.selectedId);
  const currentId = useAdjudication((s) => s.currentId);
  const visible = useMemo(() => (list ?? []).filter((d) => filter === 'all' || (filter === 'open' ? !d.adjudicated : d.adjudicated)), [list, filter]);
  const selected = visible.findIndex((d) => d.sampleId === selectedId);
  // Tags name fields as the guideline titles them; a key the pack does not know stays as it is.
  const pack = useRulePack();
  const titles = useMemo(() => new Map(pack?.fields.map((f) => [f.key, f.title] as const) ?? []), [pack]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  let empty: string | null = null;
  if (list && !visible.length) {
    empty =
      filter === 'open'
        ? list.length
          ? 'No open disagreements: every item under this rule is adjudicated.'
          : 'No item has disagreeing raters under this rule.'
        : filter === 'adjudicated'
          ? 'Nothing adjudicated yet under this rule.'
          : 'No item has disagreeing raters under this rule.';
  }

  return (
    <div
      ref={listRef}
      className="cc-adj-list"
      tabIndex={0}
      role="listbox"
      aria-label="Disagreements (j/k to move, Enter to open)"
      aria-activedescendant={selected >= 0 ? `adj-row-${selected}` : undefined}
      data-testid="adj-list"
      data-count={visible.length}
    >
      {!list ? (
        <div className="cc-adj-list-note">
          <Loader size="sm" />
        </div>
      ) : empty ? (
        <div className="cc-adj-list-note" data-testid="adj-list-empty">
          <Text size="sm" c="dimmed" ta="center">
            {empty}
          </Text>
        </div>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => (
            <DisagreementRow
              key={visible[v.index].sampleId}
              index={v.index}
              start={v.start}
              item={visible[v.index]}
              selected={v.index === selected}
              current={visible[v.index].sampleId === currentId}
              titles={titles}
              onClick={() => {
                useAdjudication.getState().select(visible[v.index].sampleId);
                onOpen(visible[v.index].sampleId);
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}

const DisagreementRow = memo(function DisagreementRow({
  index,
  start,
  item,
  selected,
  current,
  titles,
  onClick,
}: {
  index: number;
  start: number;
  item: DisagreementView;
  selected: boolean;
  current: boolean;
  /** Field titles by key, from the guideline. */
  titles: ReadonlyMap<string, string>;
  onClick: () => void;
}) {
  return (
    <div
      className="cc-adj-row"
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      id={`adj-row-${index}`}
      role="option"
      aria-selected={selected}
      aria-current={current || undefined}
      data-testid="adj-row"
      data-sample-id={item.sampleId}
      data-adjudicated={item.adjudicated ? 'true' : 'false'}
      onClick={onClick}
    >
      <div className="cc-adj-row-line">
        <span className="cc-adj-row-state" data-adjudicated={item.adjudicated} aria-label={item.adjudicated ? 'Adjudicated' : 'Open'}>
          {item.adjudicated ? <IconCheck size={13} /> : null}
        </span>
        <SafeText text={item.sampleId} className="cc-mono cc-ellipsis cc-adj-row-id" />
        <span style={{ flex: 1 }} />
        <span className="cc-adj-row-raters">{item.raters} raters</span>
      </div>
      <div className="cc-adj-row-why cc-ellipsis" title={item.why}>
        <SafeText text={item.why} />
      </div>
      <div className="cc-adj-row-fields">
        {item.contentWarning && (
          <span className="cc-adj-row-cw" data-testid="adj-row-warning" title="Graders rate the output as likely graphic: it opens blurred">
            graphic
          </span>
        )}
        {item.unresolved && !item.adjudicated && (
          <span className="cc-adj-row-unresolved" data-testid="adj-row-unresolved" title="The raters’ labels give no label the guideline allows: the export has none until you adjudicate">
            no label
          </span>
        )}
        {item.fields.map((f) => (
          <span key={f} className="cc-adj-row-field" data-adjudicated={item.adjudicated} data-key={f} data-testid="adj-row-field" title={titles.get(f) ?? f}>
            <SafeText text={titles.get(f) ?? f} />
          </span>
        ))}
      </div>
    </div>
  );
});
