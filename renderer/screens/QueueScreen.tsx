import { Badge, Button, CloseButton, Group, Kbd, Loader, Progress, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { ItemState, QueueFilter, QueueItem } from '../../shared/api/types';
import { api } from '../api/client';
import { AppHeader } from '../components/AppHeader';
import { CheatSheet } from '../components/CheatSheet';
import { IconKeyboard, IconSearch } from '../components/icons';
import { OutputPreview } from '../content/OutputPreview';
import { SafeText } from '../content/SafeText';
import { QUEUE_KEYS, findAction } from '../../shared/keys/screens';
import { fromDialog, listenKeys, isTypingTarget, modalOpen } from '../lib/keys';
import { useItem } from '../stores/item';
import { notify, notifyError } from '../stores/notices';
import { FILTERS, PAGE_SIZE, useQueue } from '../stores/queue';
import { useSession } from '../stores/session';
import { useUi } from '../stores/ui';

const FILTER_LABELS: Record<QueueFilter, string> = { all: 'All', todo: 'To do', done: 'Done', flagged: 'Flagged', skipped: 'Skipped' };

/** An item an adjudicator sent back to the rater (to do again, with their note). */
const SENT_BACK_BADGE = { label: 'Sent back', color: 'orange', variant: 'light' } as const;

export const STATE_BADGE: Record<ItemState, { label: string; color: string; variant: 'light' | 'outline' | 'dot' }> = {
  todo: { label: 'To do', color: 'gray', variant: 'outline' },
  done: { label: 'Done', color: 'teal', variant: 'light' },
  skipped: { label: 'Skipped', color: 'yellow', variant: 'light' },
  flagged: { label: 'Flagged', color: 'orange', variant: 'light' },
};

/**
 * Row height. Browsers cap an element's height (Chromium at about 33.5 million px), so very long
 * queues get slightly more compact rows and a million items still fit in one scrollable list.
 */
export function rowHeightFor(count: number): number {
  const MAX_PX = 32_000_000;
  return Math.max(24, Math.min(40, Math.floor(MAX_PX / Math.max(count, 1))));
}

export function QueueScreen() {
  const rater = useSession((s) => s.rater)!;
  const filter = useQueue((s) => s.filter);
  const counts = useQueue((s) => s.counts);
  const matching = useQueue((s) => s.matching);
  const search = useQueue((s) => s.search);
  const [searchText, setSearchText] = useState(search);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [starting, setStarting] = useState(false);
  const cheatSheet = useUi((s) => s.cheatSheet);

  const applySearch = useDebouncedCallback((text: string) => useQueue.getState().setSearch(text.trim()), 250);

  // First page (or fresh pages after returning from the label screen).
  useEffect(() => {
    useQueue.getState().ensureRange(0, PAGE_SIZE - 1);
    void useSession.getState().refreshInfo();
  }, []);

  const start = useCallback(async () => {
    setStarting(true);
    try {
      const next = await api.nextTodo({ fromPosition: 0 });
      if (next) await useItem.getState().open(next);
      else notify('success', 'Nothing left to do', 'Every item in your queue is labeled, skipped or flagged.', 5000);
    } catch (e) {
      notifyError('Could not find the next item', e);
    } finally {
      setStarting(false);
    }
  }, [rater.id]);

  const openSelected = useCallback(() => {
    const q = useQueue.getState();
    const item = q.itemAt(q.selected);
    if (item) void useItem.getState().open(item.sampleId);
  }, []);

  // Keyboard: the keys of QUEUE_KEYS (the ones the cheat sheet lists), each doing what the sheet says.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || modalOpen() || fromDialog(e.target)) return;
      const ui = useUi.getState();
      const action = findAction(QUEUE_KEYS, e);
      if (isTypingTarget(e.target)) {
        // In the search box: Esc (or the down arrow) goes to the list, Enter searches now.
        if (action === 'escape' || (e.key === 'ArrowDown' && e.target === searchRef.current)) {
          (e.target as HTMLElement).blur();
          listRef.current?.focus();
          e.preventDefault();
        } else if (action === 'open' && e.target === searchRef.current) {
          applySearch.flush?.();
          listRef.current?.focus();
        }
        return;
      }
      if (!action || (ui.cheatSheet && action !== 'help' && action !== 'escape')) return;
      const q = useQueue.getState();
      const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 400) / rowHeightFor(q.matching ?? 0)) - 1);
      const moveTo = (index: number) => {
        q.select(index);
        useQueue.setState((s) => ({ scrollRequest: s.scrollRequest + 1 }));
      };
      switch (action) {
        case 'help':
          ui.toggleCheatSheet();
          break;
        case 'escape':
          if (!ui.cheatSheet) return;
          ui.toggleCheatSheet(false);
          break;
        case 'down':
        case 'up':
        case 'pageDown':
        case 'pageUp':
          moveTo(q.selected + { down: 1, up: -1, pageDown: page, pageUp: -page }[action]);
          break;
        case 'first':
        case 'last':
          moveTo(action === 'first' ? 0 : (q.matching ?? 1) - 1);
          break;
        case 'open':
          if (e.target instanceof HTMLButtonElement) return;
          openSelected();
          break;
        case 'search':
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
      }
      e.preventDefault();
    };
    return listenKeys(onKey);
  }, [applySearch, openSelected]);

  const done = counts?.done ?? 0;
  const total = counts?.all ?? 0;
  const pct = total ? (done / total) * 100 : 0;

  return (
    <>
      <AppHeader>
        <Text fw={600} size="sm">
          My queue
        </Text>
        <div style={{ flex: 1 }} />
        <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconKeyboard size={16} />} onClick={() => useUi.getState().toggleCheatSheet()} data-testid="open-cheatsheet">
          Keys <Kbd size="xs" ml={6}>?</Kbd>
        </Button>
      </AppHeader>
      <div className="cc-body">
        <div className="cc-queue" data-testid="queue-screen">
          <Stack gap={14}>
            <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xl">
              <div style={{ flex: 1, minWidth: 0 }}>
                <Group gap="sm" align="baseline">
                  <Title order={3} fw={650}>
                    Hello, <SafeText text={rater.name} />
                  </Title>
                </Group>
                <Group gap="md" mt={8} wrap="nowrap" data-testid="queue-progress">
                  <Progress value={pct} size="md" radius="xl" color="teal" style={{ flex: 1, maxWidth: 420 }} aria-label="Progress" />
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    <Text span fw={650} c="var(--mantine-color-text)" data-testid="progress-done">
                      {done.toLocaleString()}
                    </Text>{' '}
                    / <span data-testid="progress-total">{total.toLocaleString()}</span> done
                    {total > 0 && ` · ${pct < 1 && done > 0 ? '<1' : Math.round(pct)}%`}
                  </Text>
                </Group>
              </div>
              <Button onClick={start} loading={starting} size="md" data-testid="start-labeling">
                {done > 0 ? 'Continue labeling' : 'Start labeling'}
              </Button>
            </Group>

            <Group justify="space-between" gap="md" wrap="nowrap">
              <SegmentedControl
                value={filter}
                onChange={(v) => useQueue.getState().setFilter(v as QueueFilter)}
                data-testid="queue-filters"
                data={FILTERS.map((f) => ({
                  value: f,
                  label: (
                    <span data-testid={`filter-${f}`}>
                      {FILTER_LABELS[f]}{' '}
                      <Text span size="xs" c="dimmed" ml={2}>
                        {counts ? counts[f].toLocaleString() : '·'}
                      </Text>
                    </span>
                  ),
                }))}
              />
              <TextInput
                ref={searchRef}
                value={searchText}
                onChange={(e) => {
                  setSearchText(e.currentTarget.value);
                  applySearch(e.currentTarget.value);
                }}
                placeholder="Search id or text"
                aria-label="Search the queue"
                leftSection={<IconSearch size={16} />}
                rightSection={
                  searchText ? (
                    <CloseButton
                      size="sm"
                      aria-label="Clear search"
                      onClick={() => {
                        setSearchText('');
                        useQueue.getState().setSearch('');
                      }}
                    />
                  ) : (
                    <Kbd size="xs">/</Kbd>
                  )
                }
                maxLength={200}
                w={300}
                data-testid="queue-search"
              />
            </Group>
          </Stack>

          {matching === null ? (
            <div className="cc-list-card" data-testid="queue-loading" style={{ alignItems: 'center', justifyContent: 'center', gap: 10 }}>
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                {search ? 'Searching your queue…' : 'Loading your queue…'}
              </Text>
            </div>
          ) : matching === 0 ? (
            <EmptyQueue filter={filter} search={search} />
          ) : (
            <QueueList listRef={listRef} onOpen={openSelected} />
          )}
        </div>
      </div>
      {cheatSheet && <CheatSheet context="queue" />}
    </>
  );
}

function EmptyQueue({ filter, search }: { filter: QueueFilter; search: string }) {
  const text = search
    ? `Nothing in “${FILTER_LABELS[filter]}” matches your search.`
    : filter === 'todo'
      ? 'Nothing left to do. Well done.'
      : filter === 'all'
        ? 'Your queue is empty. Ask the evaluation owner to import samples or assign a batch.'
        : `No ${FILTER_LABELS[filter].toLowerCase()} items.`;
  return (
    <div className="cc-list-card" data-testid="queue-empty" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Text c="dimmed" size="sm">
        {search ? (
          <>
            Nothing in “{FILTER_LABELS[filter]}” matches <SafeText text={search} />.
          </>
        ) : (
          text
        )}
      </Text>
    </div>
  );
}

function QueueList({ listRef, onOpen }: { listRef: React.RefObject<HTMLDivElement | null>; onOpen: () => void }) {
  const matching = useQueue((s) => s.matching) ?? 0;
  const selected = useQueue((s) => s.selected);
  const scrollRequest = useQueue((s) => s.scrollRequest);
  // Invalidation (a label saved a moment ago) bumps the generation: the visible pages load again.
  const generation = useQueue((s) => s.generation);
  useQueue((s) => s.version); // re-render when pages arrive
  const rowHeight = rowHeightFor(matching);

  const virtualizer = useVirtualizer({
    count: matching,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  // Fetch the pages the visible rows need.
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (matching > 0) useQueue.getState().ensureRange(first, last);
  }, [first, last, matching, generation]);

  useEffect(() => {
    if (scrollRequest > 0 && matching > 0) virtualizer.scrollToIndex(Math.min(useQueue.getState().selected, matching - 1), { align: 'auto' });
  }, [scrollRequest, matching, virtualizer]);

  useEffect(() => {
    listRef.current?.focus({ preventScroll: true });
  }, [listRef]);

  const itemAt = useQueue.getState().itemAt;

  return (
    <div className="cc-list-card">
      <div className="cc-row cc-list-head" aria-hidden="true">
        <span className="cc-row-pos">#</span>
        <span>Sample</span>
        <span>State</span>
        <span>Output</span>
        <span style={{ textAlign: 'right' }}>Model</span>
      </div>
      <div
        ref={listRef}
        className="cc-list"
        tabIndex={0}
        role="listbox"
        aria-label="Queue items"
        aria-activedescendant={`queue-row-${selected}`}
        data-testid="queue-list"
        data-count={matching}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => (
            <QueueRow
              key={v.key}
              index={v.index}
              start={v.start}
              height={rowHeight}
              item={itemAt(v.index)}
              selected={v.index === selected}
              onClick={() => {
                useQueue.getState().select(v.index);
                onOpen();
              }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

const QueueRow = memo(function QueueRow({
  index,
  start,
  height,
  item,
  selected,
  onClick,
}: {
  index: number;
  start: number;
  height: number;
  item: QueueItem | undefined;
  selected: boolean;
  onClick: () => void;
}) {
  const style = { transform: `translateY(${start}px)`, height };
  if (!item) {
    return (
      <div className="cc-row" style={style} id={`queue-row-${index}`} role="option" aria-selected={selected} aria-busy="true">
        <span className="cc-row-pos">{(index + 1).toLocaleString()}</span>
        <span className="cc-row-skeleton" style={{ width: '70%' }} />
        <span className="cc-row-skeleton" style={{ width: 56 }} />
        <span className="cc-row-skeleton" style={{ width: `${40 + ((index * 37) % 50)}%` }} />
        <span />
      </div>
    );
  }
  const badge = item.sentBack ? SENT_BACK_BADGE : STATE_BADGE[item.state];
  return (
    <div
      className="cc-row"
      style={style}
      id={`queue-row-${index}`}
      role="option"
      aria-selected={selected}
      data-testid="queue-row"
      data-sample-id={item.sampleId}
      data-state={item.state}
      data-sent-back={item.sentBack ? true : undefined}
      onClick={onClick}
    >
      <span className="cc-row-pos">{(item.position + 1).toLocaleString()}</span>
      <span className="cc-mono cc-ellipsis" style={{ fontSize: 12.5 }}>
        <SafeText text={item.sampleId} />
      </span>
      <span>
        <Badge size="sm" radius="sm" color={badge.color} variant={badge.variant} className="cc-badge-plain">
          {badge.label}
        </Badge>
      </span>
      <span className="cc-row-preview cc-ellipsis">
        {item.sentBack ? (
          // Until the rater labels it again, the adjudicator's note is what the row says.
          <span className="cc-row-sent-back" data-testid="queue-sent-back">
            Sent back: <SafeText text={item.sentBack} />
          </span>
        ) : (
          <OutputPreview text={item.preview} warning={item.contentWarning} />
        )}
      </span>
      <span className="cc-ellipsis" style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)', textAlign: 'right' }}>
        {item.model ? <SafeText text={item.model} /> : null}
      </span>
    </div>
  );
});
