import { create } from 'zustand';
import type { ItemView, LabelValues } from '../../shared/api/types';
import { cleanLabelValues, validateLabelValues, type LabelValueError } from '../../shared/guidelines/labelValues';
import type { Field, GuidelinePack } from '../../shared/guidelines/schema';
import { api } from '../api/client';
import { focusFirstInvalidField } from '../lib/fieldFocus';
import { notify, notifyError, useNotices } from './notices';
import { useQueue } from './queue';
import { useSession } from './session';
import { useUi } from './ui';

// The item on the label screen: the sample, the guideline it is labeled under, the form's values,
// and the actions (submit, skip, flag, back, undo). The next item appears only after the engine
// confirmed the action on this one.

export type Busy = null | 'loading' | 'saving' | 'skipping' | 'flagging' | 'undoing';

/** The small confirmation in the label screen's header after an action ("Saved", "Skipped", ...). */
export interface ActionNote {
  text: string;
  /** The item the action was about (usually the one before the item now shown). */
  sampleId: string;
  tone: 'saved' | 'info';
  at: number;
}

interface ItemState {
  view: ItemView | null;
  pack: GuidelinePack | null;
  values: LabelValues;
  dirty: boolean;
  /** performance.now() when the item was rendered: time spent is measured from here. */
  renderedAt: number;
  /** Set after a submit attempt with problems: the form then shows them. */
  attempted: boolean;
  busy: Busy;
  /** Sample ids opened before this one, for "back". */
  history: string[];
  note: ActionNote | null;
  /** The graphic-content blur was lifted for this item. */
  revealed: boolean;

  open(sampleId: string, options?: { push?: boolean; values?: LabelValues; keepHistory?: boolean; note?: ActionNote }): Promise<boolean>;
  markRendered(sampleId: string): void;
  setValue(key: string, value: unknown): void;
  toggleOption(field: Field, value: string): void;
  /** Lifts the graphic-content blur (or, with false, puts it back). */
  reveal(shown?: boolean): void;
  problems(): LabelValueError[];
  submit(): Promise<void>;
  skip(): Promise<void>;
  flag(comment: string): Promise<boolean>;
  clearMark(): Promise<void>;
  undo(): Promise<void>;
  back(): Promise<void>;
  neighbour(delta: number): Promise<void>;
  close(): void;
}

const packs = new Map<string, Promise<GuidelinePack>>();

/** The guideline pack an item is labeled under (fetched once per version). */
export function loadPack(ref: { id: string; version: string }): Promise<GuidelinePack> {
  const key = `${ref.id}@${ref.version}`;
  let p = packs.get(key);
  if (!p) {
    p = api.getGuideline(ref);
    packs.set(key, p);
    p.catch(() => packs.delete(key));
  }
  return p;
}

/** Unsaved form values of items left without submitting (kept for this session, in memory only). */
const drafts = new Map<string, LabelValues>();
/** What was submitted last per item, so an undo reopens the item with the form as it was. */
const submitted = new Map<string, LabelValues>();

/**
 * The item that comes after the current one (the next to do), fetched while the rater reads, so
 * that after a submit only the save itself is waited for. It is only used when it is the item the
 * engine names next, and for a short while: the engine stays the authority on what comes next.
 */
let prefetched: { raterId: string; sampleId: string; view: Promise<ItemView>; at: number } | null = null;
const PREFETCH_TTL_MS = 30_000;

function prefetchAfter(view: ItemView) {
  prefetched = null;
  if (view.position + 1 >= view.total) return;
  const rater = raterId();
  const from = view.sample.id;
  // After the screen has rendered: the prefetch must never compete with the item being shown.
  setTimeout(() => {
    if (useItem.getState().view?.sample.id !== from) return;
    api
      .nextTodo({ fromPosition: view.position + 1 })
      .then((next) => {
        if (!next || useItem.getState().view?.sample.id !== from) return;
        const p = api.getItem({ sampleId: next });
        p.catch(() => undefined); // a failed prefetch is just not used
        prefetched = { raterId: rater, sampleId: next, view: p, at: Date.now() };
      })
      .catch(() => undefined);
  }, 50);
}

function takePrefetched(sampleId: string): Promise<ItemView> | null {
  const p = prefetched;
  prefetched = null;
  if (!p || p.sampleId !== sampleId || p.raterId !== raterId() || Date.now() - p.at > PREFETCH_TTL_MS) return null;
  return p.view.catch(() => api.getItem({ sampleId }));
}

let problemNotice: number | null = null;
const dismissProblems = () => {
  if (problemNotice !== null) useNotices.getState().dismiss(problemNotice);
  problemNotice = null;
};

/** Who is signed in: the engine knows from the session; this only keys the prefetch to its profile. */
function raterId(): string {
  const r = useSession.getState().rater;
  if (!r) throw new Error('No rater is signed in');
  return r.id;
}

export const useItem = create<ItemState>((set, get) => {
  /** Keeps unsaved edits of the current item before another one replaces it. */
  const stash = () => {
    const { view, dirty, values } = get();
    if (view && dirty) drafts.set(view.sample.id, values);
  };

  /** Refreshes the queue counts and the status bar, after the next item is on screen (they are not urgent). */
  const afterChange = () => {
    setTimeout(() => {
      useQueue.getState().invalidate();
      void useSession.getState().refreshInfo();
    }, 100);
  };

  /** Opens the next item after an action, or returns to the queue when nothing is left to do. */
  const advance = async (next: string | null, doneMessage: string, note?: ActionNote) => {
    if (next) {
      await get().open(next, { push: true, note });
    } else {
      notify('success', doneMessage, 'Nothing is left to do in your queue.', 6000);
      get().close();
    }
  };

  return {
    view: null,
    pack: null,
    values: {},
    dirty: false,
    renderedAt: performance.now(),
    attempted: false,
    busy: null,
    history: [],
    note: null,
    revealed: false,

    async open(sampleId, options = {}) {
      const current = get().view;
      set({ busy: 'loading' });
      try {
        const view = await (takePrefetched(sampleId) ?? api.getItem({ sampleId }));
        const pack = await loadPack(view.guideline);
        stash();
        const draft = drafts.get(sampleId);
        drafts.delete(sampleId);
        const values = options.values ?? draft ?? view.label?.values ?? {};
        const history = options.keepHistory ? get().history : options.push && current && current.sample.id !== sampleId ? [...get().history, current.sample.id].slice(-200) : get().history;
        set({
          view,
          pack,
          values: { ...values },
          dirty: Boolean(options.values ?? draft),
          attempted: false,
          busy: null,
          history,
          revealed: false,
          renderedAt: performance.now(),
          ...(options.note ? { note: options.note } : {}),
        });
        dismissProblems();
        useSession.getState().go('label');
        if (view.state === 'todo') prefetchAfter(view);
        return true;
      } catch (e) {
        set({ busy: null });
        notifyError(`Could not open item ${sampleId}`, e);
        return false;
      }
    },

    markRendered(sampleId) {
      if (get().view?.sample.id === sampleId) set({ renderedAt: performance.now() });
    },

    setValue(key, value) {
      set((s) => ({ values: { ...s.values, [key]: value }, dirty: true }));
    },

    toggleOption(field, value) {
      const { values } = get();
      if (field.type === 'multi_select') {
        const current = Array.isArray(values[field.key]) ? (values[field.key] as string[]) : [];
        const option = field.options.find((o) => o.value === value);
        let next: string[];
        if (current.includes(value)) next = current.filter((v) => v !== value);
        else if (option?.exclusive) next = [value];
        else {
          const exclusive = new Set(field.options.filter((o) => o.exclusive).map((o) => o.value));
          next = [...current.filter((v) => !exclusive.has(v)), value];
        }
        // Keep the pack's option order, whatever order they were picked in.
        const order = field.options.map((o) => o.value);
        next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
        get().setValue(field.key, next);
      } else if (field.type === 'single_choice') {
        get().setValue(field.key, value);
      }
    },

    reveal(shown = true) {
      set({ revealed: shown });
    },

    problems() {
      const { pack, values } = get();
      return pack ? validateLabelValues(pack, cleanLabelValues(pack, values)) : [];
    },

    async submit() {
      const { view, pack, busy, values, renderedAt } = get();
      if (!view || !pack || busy) return;
      const clean = cleanLabelValues(pack, values);
      const problems = validateLabelValues(pack, clean);
      if (problems.length) {
        set({ attempted: true });
        dismissProblems();
        problemNotice = useNotices
          .getState()
          .push({ tone: 'warning', title: problems.length === 1 ? 'One thing to fix before submitting' : `${problems.length} things to fix before submitting`, message: problems.map((p) => p.message).join(' · ') }, 8000);
        // The keyboard goes to the first field that must change (a rule's error is on the field it requires).
        requestAnimationFrame(() => focusFirstInvalidField(document.querySelector('[data-testid="label-form"]')));
        return;
      }
      dismissProblems();
      set({ busy: 'saving' });
      try {
        const timeSpentMs = Math.max(0, Math.round(performance.now() - renderedAt));
        const res = await api.saveLabel({ sampleId: view.sample.id, values: clean, timeSpentMs });
        submitted.set(view.sample.id, clean);
        drafts.delete(view.sample.id);
        const note: ActionNote = { text: res.revision > 1 ? `Saved revision ${res.revision}` : 'Saved', sampleId: view.sample.id, tone: 'saved', at: Date.now() };
        // One render for "saved" and the next item together; the form is not dirty any more either way.
        if (res.nextSampleId) set({ dirty: false });
        else set({ busy: null, dirty: false, note });
        await advance(res.nextSampleId, 'Label saved: your queue is done', note);
        afterChange();
      } catch (e) {
        set({ busy: null });
        notifyError('The label was not saved', e);
      }
    },

    async skip() {
      const { view, busy } = get();
      if (!view || busy) return;
      set({ busy: 'skipping' });
      try {
        stash();
        const res = await api.skipItem({ sampleId: view.sample.id });
        set({ busy: null, note: { text: 'Skipped', sampleId: view.sample.id, tone: 'info', at: Date.now() } });
        afterChange();
        await advance(res.nextSampleId, 'Skipped: your queue is done');
      } catch (e) {
        set({ busy: null });
        notifyError('Could not skip the item', e);
      }
    },

    async flag(comment) {
      const { view, busy } = get();
      if (!view || busy) return false;
      set({ busy: 'flagging' });
      try {
        stash();
        const res = await api.flagItem({ sampleId: view.sample.id, comment });
        set({ busy: null, note: { text: 'Flagged', sampleId: view.sample.id, tone: 'info', at: Date.now() } });
        // Flagged: the dialog goes away now, before the next item loads.
        useUi.getState().closeModal();
        afterChange();
        await advance(res.nextSampleId, 'Flagged: your queue is done');
        return true;
      } catch (e) {
        set({ busy: null });
        notifyError('Could not flag the item', e);
        return false;
      }
    },

    async clearMark() {
      const { view, busy } = get();
      if (!view || busy) return;
      try {
        await api.clearMark({ sampleId: view.sample.id });
        afterChange();
        const fresh = await api.getItem({ sampleId: view.sample.id });
        set({ view: fresh });
      } catch (e) {
        notifyError('Could not clear the mark', e);
      }
    },

    async undo() {
      if (get().busy) return;
      set({ busy: 'undoing' });
      try {
        const res = await api.undoLastSubmission({});
        set({ busy: null });
        if (!res) {
          notify('info', 'Nothing to undo', 'You have no submitted label to take back.', 3000);
          return;
        }
        afterChange();
        const values = submitted.get(res.sampleId);
        submitted.delete(res.sampleId);
        if (await get().open(res.sampleId, { push: true, values })) {
          set({ note: { text: 'Took back your label on', sampleId: res.sampleId, tone: 'info', at: Date.now() } });
        }
      } catch (e) {
        set({ busy: null });
        notifyError('Could not undo the last submission', e);
      }
    },

    async back() {
      const { history, view, busy } = get();
      if (!view || busy) return;
      const prev = history.at(-1);
      if (prev) {
        set({ history: history.slice(0, -1) });
        if (!(await get().open(prev, { keepHistory: true }))) set({ history });
        return;
      }
      await get().neighbour(-1);
    },

    async neighbour(delta) {
      const { view, busy } = get();
      if (!view || busy) return;
      const position = view.position + delta;
      if (position < 0 || position >= view.total) {
        notify('info', delta < 0 ? 'This is the first item of your queue' : 'This is the last item of your queue', undefined, 2500);
        return;
      }
      try {
        const page = await api.queue({ filter: 'all', search: '', offset: position, limit: 1 });
        const target = page.items[0];
        if (target) await get().open(target.sampleId, { push: true });
      } catch (e) {
        notifyError('Could not open the neighbouring item', e);
      }
    },

    close() {
      stash();
      const view = get().view;
      if (view) useQueue.getState().selectSample(view.sample.id, view.position);
      set({ view: null, busy: null, history: [] });
      useSession.getState().go('queue');
    },
  };
});

// Another rater signs in: forget everything about the previous rater's items (labeling is blind).
useSession.subscribe((s, prev) => {
  if (s.rater?.id === prev.rater?.id) return;
  drafts.clear();
  submitted.clear();
  dismissProblems();
  useItem.setState({ view: null, values: {}, dirty: false, attempted: false, busy: null, history: [], note: null, revealed: false });
});
