import { create } from 'zustand';
import type { QueueFilter, QueueItem } from '../../shared/api/types';
import { api } from '../api/client';
import { notifyError } from './notices';
import { useSession } from './session';

// The rater's queue as the list shows it: pages fetched on demand (a million items never load at
// once), a bounded page cache, the filter, the search text and the selected row.

export const PAGE_SIZE = 100;
const MAX_CACHED_PAGES = 60;

export const FILTERS: readonly QueueFilter[] = ['all', 'todo', 'done', 'flagged', 'skipped'];

interface QueueState {
  filter: QueueFilter;
  search: string;
  /** Items matching filter and search; null until the first page arrived. */
  matching: number | null;
  counts: Record<QueueFilter, number> | null;
  /** page index -> items; bump `version` to re-render readers. */
  pages: Map<number, QueueItem[]>;
  version: number;
  /** Increments whenever filter, search or the data change: stale answers are dropped. */
  generation: number;
  selected: number;
  setFilter(filter: QueueFilter): void;
  setSearch(search: string): void;
  select(index: number): void;
  /** Makes sure the pages covering rows [start, end] are loaded or loading. */
  ensureRange(start: number, end: number): void;
  itemAt(index: number): QueueItem | undefined;
  /** Drops cached pages (after a label, skip, flag or undo changed states and counts). */
  invalidate(): void;
  /** Selects the row of this sample: now if it is loaded, else when its page arrives. */
  selectSample(sampleId: string, position?: number): void;
  pendingSample: string | null;
  /** Set when the selection changed from outside the list (the list scrolls to it). */
  scrollRequest: number;
}

const inflight = new Set<string>();

export const useQueue = create<QueueState>((set, get) => {
  const reset = (patch: Partial<QueueState>) => {
    set((s) => ({ ...patch, pages: new Map(), matching: null, generation: s.generation + 1, version: s.version + 1 }));
    get().ensureRange(0, PAGE_SIZE - 1);
  };

  async function loadPage(page: number) {
    const rater = useSession.getState().rater;
    if (!rater) return;
    const { filter, search, generation } = get();
    const key = `${generation}:${page}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    try {
      const res = await api.queue({ filter, search, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (get().generation !== generation) return;
      set((s) => {
        const pages = new Map(s.pages);
        pages.set(page, res.items);
        // Bounded cache: forget the pages farthest from this one.
        if (pages.size > MAX_CACHED_PAGES) {
          const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
          for (const p of far.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
        }
        const patch: Partial<QueueState> = { pages, matching: res.matching, counts: res.counts, version: s.version + 1 };
        const found = s.pendingSample ? res.items.findIndex((it) => it.sampleId === s.pendingSample) : -1;
        if (found >= 0) Object.assign(patch, { selected: page * PAGE_SIZE + found, pendingSample: null, scrollRequest: s.scrollRequest + 1 });
        return patch;
      });
    } catch (e) {
      notifyError('Could not load the queue', e);
    } finally {
      inflight.delete(key);
    }
  }

  return {
    filter: 'all',
    search: '',
    matching: null,
    counts: null,
    pages: new Map(),
    version: 0,
    generation: 0,
    selected: 0,
    pendingSample: null,
    scrollRequest: 0,

    setFilter(filter) {
      if (filter === get().filter) return;
      reset({ filter, selected: 0 });
    },
    setSearch(search) {
      if (search === get().search) return;
      reset({ search, selected: 0 });
    },
    select(index) {
      const max = (get().matching ?? 1) - 1;
      set({ selected: Math.max(0, Math.min(index, max)) });
    },
    ensureRange(start, end) {
      const { pages, matching } = get();
      const last = matching === null ? start : Math.min(end, Math.max(matching - 1, 0));
      for (let p = Math.floor(Math.max(start, 0) / PAGE_SIZE); p <= Math.floor(Math.max(last, 0) / PAGE_SIZE); p++) {
        if (!pages.has(p)) void loadPage(p);
      }
    },
    itemAt(index) {
      return get().pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
    invalidate() {
      set((s) => ({ pages: new Map(), generation: s.generation + 1, version: s.version + 1 }));
    },
    selectSample(sampleId, position) {
      for (const [page, items] of get().pages) {
        const i = items.findIndex((it) => it.sampleId === sampleId);
        if (i >= 0) {
          set((s) => ({ selected: page * PAGE_SIZE + i, pendingSample: null, scrollRequest: s.scrollRequest + 1 }));
          return;
        }
      }
      // In the unfiltered list a row's index is its queue position.
      const { filter, search } = get();
      if (filter === 'all' && !search.trim() && position !== undefined) {
        set((s) => ({ selected: position, pendingSample: null, scrollRequest: s.scrollRequest + 1 }));
        return;
      }
      set({ pendingSample: sampleId });
    },
  };
});

// Another rater signs in: nothing of the previous rater's queue may remain on screen.
useSession.subscribe((s, prev) => {
  if (s.rater?.id === prev.rater?.id) return;
  useQueue.setState((q) => ({
    filter: 'all',
    search: '',
    matching: null,
    counts: null,
    pages: new Map(),
    selected: 0,
    pendingSample: null,
    generation: q.generation + 1,
    version: q.version + 1,
  }));
});
