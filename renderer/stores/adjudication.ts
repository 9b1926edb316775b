import { create } from 'zustand';
import type { ApiContract } from '../../shared/api/contract';
import type { InputOf } from '../../shared/api/define';
import type { AdjudicationItem, DisagreementView, LabelValues } from '../../shared/api/types';
import { cleanLabelValues, validateLabelValues, type LabelValueError } from '../../shared/guidelines/labelValues';
import { rubricAnchor } from '../../shared/guidelines/rubric';
import type { Field, GuidelinePack } from '../../shared/guidelines/schema';
import { majorityPrefill, type Split } from '../../shared/adjudication/prefill';
import { api } from '../api/client';
import { focusFirstInvalidField } from '../lib/fieldFocus';
import { loadPack } from './item';
import { notify, notifyError, useNotices } from './notices';
import { useSession } from './session';
import { useUi } from './ui';

// The adjudicator's screen: the disagreement queue under a rule the adjudicator picks, the item open
// (the sample, every rater's label, the fields in dispute) and the final label being written, with
// its required reason. The final label starts from the raters' majority, field by field; the next
// open disagreement opens after the engine confirmed the adjudication of this one.

export type DisagreementRule = InputOf<ApiContract['disagreements']>['rule'];
export type AdjFilter = 'open' | 'adjudicated' | 'all';
export type AdjBusy = null | 'loading' | 'saving' | 'sending' | 'flagging';
export type AdjModal = null | 'send-back' | 'gap';

export const DEFAULT_RULE: DisagreementRule = { kind: 'any' };

export { fieldVotes, voteKey, type Split, type Votes } from '../../shared/adjudication/prefill';

const canonical = (v: unknown) => (Array.isArray(v) ? [...v].map(String).sort() : v);

/** Whether the raters gave different values for the field. */
export function fieldDisputed(field: Field, labels: { values: LabelValues }[]): boolean {
  return new Set(labels.map((l) => JSON.stringify(canonical(l.values[field.key]) ?? null))).size > 1;
}

/** A field's new value after its option was toggled (as on the label screen: exclusive options stand alone). */
export function toggledValue(field: Field, current: unknown, value: string): unknown {
  if (field.type === 'single_choice') return value;
  if (field.type !== 'multi_select') return current;
  const list = Array.isArray(current) ? (current as string[]) : [];
  const option = field.options.find((o) => o.value === value);
  let next: string[];
  if (list.includes(value)) next = list.filter((v) => v !== value);
  else if (option?.exclusive) next = [value];
  else {
    const exclusive = new Set(field.options.filter((o) => o.exclusive).map((o) => o.value));
    next = [...list.filter((v) => !exclusive.has(v)), value];
  }
  const order = field.options.map((o) => o.value);
  return next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function ruleSummary(rule: DisagreementRule): string {
  if (rule.kind === 'any') return rule.field ? `Raters differ on ${rule.field}` : 'Raters differ on any field';
  if (rule.kind === 'spread') return `${rule.field ?? 'severity'} spread ≥ ${rule.levels}`;
  return `Confidence < ${rule.threshold} (${rule.method === 'majority' ? 'majority' : 'Dawid–Skene'})`;
}

export interface AdjNote {
  text: string;
  sampleId: string;
  at: number;
}

interface Draft {
  values: LabelValues;
  reason: string;
}

interface AdjState {
  rule: DisagreementRule;
  filter: AdjFilter;
  /** Every disagreement the rule selects (open and adjudicated), in sample order; null until loaded. */
  list: DisagreementView[] | null;
  listLoading: boolean;
  /** The row the list cursor is on. */
  selectedId: string | null;
  /** The item open in the main area. */
  currentId: string | null;
  item: AdjudicationItem | null;
  pack: GuidelinePack | null;
  /** The raters' majority for the open item (the form's starting point). */
  majority: LabelValues;
  /** The fields the raters split on with no strict majority (left empty in the majority), by key. */
  splits: Record<string, Split>;
  values: LabelValues;
  reason: string;
  /** A submit was tried with problems: the form shows them. */
  attempted: boolean;
  busy: AdjBusy;
  anonymize: boolean;
  revealed: boolean;
  modal: AdjModal;
  /** The full rubric beside the item. */
  guideOpen: boolean;
  note: AdjNote | null;

  loadList(): Promise<DisagreementView[] | null>;
  setRule(rule: DisagreementRule): void;
  setFilter(filter: AdjFilter): void;
  visible(): DisagreementView[];
  moveSelection(delta: number | 'first' | 'last'): void;
  select(sampleId: string): void;
  /** `replacing`: the item on screen was just adjudicated or sent back (no draft is kept of it). */
  open(sampleId: string, options?: { replacing?: boolean }): Promise<boolean>;
  step(delta: number): Promise<void>;
  setValue(key: string, value: unknown): void;
  toggleOption(field: Field, value: string): void;
  resetToMajority(): void;
  clearValues(): void;
  useRaterValues(index: number): void;
  setReason(reason: string): void;
  setAnonymize(anonymize: boolean): Promise<void>;
  /** Lifts the graphic-content blur (or, with false, puts it back). */
  reveal(shown?: boolean): void;
  problems(): LabelValueError[];
  submit(): Promise<boolean>;
  sendBack(reason: string): Promise<boolean>;
  flagGap(field: string | null, note: string): Promise<boolean>;
  openModal(modal: AdjModal): void;
  closeModal(): void;
  toggleGuide(open?: boolean): void;
  close(): void;
}

/** Unsaved final labels of items left without adjudicating (this session, in memory only). */
const drafts = new Map<string, Draft>();
/** The latest open() call: an older one that answers late is dropped. */
let openSeq = 0;

let problemNotice: number | null = null;
/** The last "saved" notice: the next one replaces it, so quick work does not pile them up. */
let doneNotice: number | null = null;
const notifyDone = (title: string, message: string) => {
  if (doneNotice !== null) useNotices.getState().dismiss(doneNotice);
  doneNotice = useNotices.getState().push({ tone: 'success', title, message }, 4000);
};
const dismissProblems = () => {
  if (problemNotice !== null) useNotices.getState().dismiss(problemNotice);
  problemNotice = null;
};

export const REASON_FIELD = '(reason)';

/** Focuses the reason box at once (keys typed right after `e` must land in it, not act as hotkeys), or on the next frame if it is not rendered yet. */
export function focusReason() {
  const focus = () => {
    const el = document.querySelector<HTMLTextAreaElement>('[data-testid="adj-reason"]');
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
    return Boolean(el);
  };
  if (!focus()) requestAnimationFrame(focus);
}

const filtered = (list: DisagreementView[] | null, filter: AdjFilter) =>
  (list ?? []).filter((d) => filter === 'all' || (filter === 'open' ? !d.adjudicated : d.adjudicated));

export const useAdjudication = create<AdjState>((set, get) => {
  const stash = () => {
    const { currentId, values, reason, majority, item } = get();
    if (!currentId || !item) return;
    const base = item.adjudication?.values ?? majority;
    if (reason.trim() || JSON.stringify(values) !== JSON.stringify(base)) drafts.set(currentId, { values, reason });
    else drafts.delete(currentId);
  };

  /** After an item left the open queue: the next open disagreement after it (in list order), else the first. */
  const advanceFrom = async (sampleId: string, before: DisagreementView[]) => {
    const list = (await get().loadList()) ?? [];
    const open = list.filter((d) => !d.adjudicated && d.sampleId !== sampleId);
    const at = before.findIndex((d) => d.sampleId === sampleId);
    const after = new Set(before.slice(at + 1).map((d) => d.sampleId));
    const next = open.find((d) => after.has(d.sampleId)) ?? open[0];
    if (next && (await get().open(next.sampleId, { replacing: true }))) return next.sampleId;
    set({ currentId: null, item: null, values: {}, reason: '', attempted: false, majority: {}, splits: {}, busy: null });
    return null;
  };

  return {
    rule: DEFAULT_RULE,
    filter: 'open',
    list: null,
    listLoading: false,
    selectedId: null,
    currentId: null,
    item: null,
    pack: null,
    majority: {},
    splits: {},
    values: {},
    reason: '',
    attempted: false,
    busy: null,
    anonymize: true,
    revealed: false,
    modal: null,
    guideOpen: false,
    note: null,

    async loadList() {
      const rule = get().rule;
      set({ listLoading: true });
      try {
        const list = await api.disagreements({ rule });
        if (get().rule !== rule) return get().list; // the rule changed meanwhile: its own load wins
        const visible = filtered(list, get().filter);
        const { selectedId, currentId } = get();
        const keep = [selectedId, currentId].find((id) => id && visible.some((d) => d.sampleId === id));
        set({ list, listLoading: false, selectedId: keep ?? visible[0]?.sampleId ?? null });
        return list;
      } catch (e) {
        set({ listLoading: false });
        notifyError('Could not load the disagreements', e);
        return null;
      }
    },

    setRule(rule) {
      set({ rule, list: null });
      void get().loadList();
    },

    setFilter(filter) {
      const visible = filtered(get().list, filter);
      const { selectedId, currentId } = get();
      const keep = [currentId, selectedId].find((id) => id && visible.some((d) => d.sampleId === id));
      set({ filter, selectedId: keep ?? visible[0]?.sampleId ?? null });
    },

    visible() {
      return filtered(get().list, get().filter);
    },

    moveSelection(delta) {
      const visible = get().visible();
      if (!visible.length) return;
      const i = visible.findIndex((d) => d.sampleId === get().selectedId);
      const to = delta === 'first' ? 0 : delta === 'last' ? visible.length - 1 : Math.max(0, Math.min(visible.length - 1, (i < 0 ? 0 : i) + delta));
      set({ selectedId: visible[to].sampleId });
    },

    select(sampleId) {
      set({ selectedId: sampleId });
    },

    async open(sampleId, options = {}) {
      if (get().busy && get().busy !== 'loading' && !options.replacing) return false;
      if (get().currentId === sampleId && get().item && !options.replacing) {
        set({ selectedId: sampleId });
        return true;
      }
      const seq = ++openSeq;
      set({ busy: options.replacing ? get().busy : 'loading', selectedId: sampleId });
      try {
        const item = await api.adjudicationItem({ sampleId, anonymize: get().anonymize });
        const pack = await loadPack(item.guideline);
        if (seq !== openSeq) return false;
        if (!options.replacing) stash();
        const { values: majority, splits } = majorityPrefill(pack, item.labels);
        const draft = drafts.get(sampleId);
        drafts.delete(sampleId);
        set({
          currentId: sampleId,
          item,
          pack,
          majority,
          splits: Object.fromEntries(splits.map((x) => [x.field, x])),
          values: { ...(draft?.values ?? item.adjudication?.values ?? majority) },
          reason: draft?.reason ?? '',
          attempted: false,
          busy: null,
          revealed: false,
        });
        dismissProblems();
        return true;
      } catch (e) {
        if (seq !== openSeq) return false;
        set({ busy: null });
        notifyError(`Could not open ${sampleId}`, e);
        return false;
      }
    },

    async step(delta) {
      const visible = get().visible();
      if (!visible.length) return;
      const from = get().currentId ?? get().selectedId;
      const i = visible.findIndex((d) => d.sampleId === from);
      const to = i < 0 ? 0 : i + delta;
      if (to < 0 || to >= visible.length) {
        notify('info', delta < 0 ? 'This is the first disagreement in the list' : 'This is the last disagreement in the list', undefined, 2500);
        return;
      }
      await get().open(visible[to].sampleId);
    },

    setValue(key, value) {
      set((s) => ({ values: { ...s.values, [key]: value } }));
    },

    toggleOption(field, value) {
      get().setValue(field.key, toggledValue(field, get().values[field.key], value));
    },

    resetToMajority() {
      set({ values: { ...get().majority } });
    },

    clearValues() {
      set({ values: {} });
    },

    useRaterValues(index) {
      const label = get().item?.labels[index];
      if (label) set({ values: structuredClone(label.values) });
    },

    setReason(reason) {
      set({ reason });
    },

    async setAnonymize(anonymize) {
      set({ anonymize });
      const { currentId, item } = get();
      if (!currentId || !item) return;
      try {
        const fresh = await api.adjudicationItem({ sampleId: currentId, anonymize });
        // Only the names change: the form stays as it is.
        if (get().currentId === currentId) set({ item: { ...get().item!, labels: fresh.labels } });
      } catch (e) {
        notifyError('Could not load the raters’ names', e);
      }
    },

    reveal(shown = true) {
      set({ revealed: shown });
    },

    problems() {
      const { pack, values, reason } = get();
      const out = pack ? validateLabelValues(pack, cleanLabelValues(pack, values)) : [];
      if (!reason.trim()) out.push({ field: REASON_FIELD, message: 'Give the reason for this final label' });
      return out;
    },

    async submit() {
      const { item, pack, busy, values, reason, currentId, list } = get();
      if (!item || !pack || !currentId || busy) return false;
      const problems = get().problems();
      if (problems.length) {
        set({ attempted: true });
        dismissProblems();
        problemNotice = useNotices.getState().push(
          {
            tone: 'warning',
            title: problems.length === 1 ? 'One thing to fix before adjudicating' : `${problems.length} things to fix before adjudicating`,
            message: problems.map((p) => p.message).join(' · '),
          },
          8000,
        );
        if (problems.every((p) => p.field === REASON_FIELD)) focusReason();
        // Else the keyboard goes to the first field that must change, as on the label screen.
        else requestAnimationFrame(() => focusFirstInvalidField(document.querySelector('[data-testid="adj-form"]')));
        return false;
      }
      dismissProblems();
      set({ busy: 'saving' });
      try {
        await api.adjudicate({ sampleId: currentId, values: cleanLabelValues(pack, values), reason: reason.trim() });
        drafts.delete(currentId);
        set({ note: { text: 'Adjudicated', sampleId: currentId, at: Date.now() } });
        const next = await advanceFrom(currentId, list ?? []);
        notifyDone(`Final label saved for ${currentId}`, next ? `Next open disagreement: ${next}` : 'All disagreements under this rule are resolved.');
        void useSession.getState().refreshInfo();
        return true;
      } catch (e) {
        set({ busy: null });
        notifyError('The final label was not saved', e);
        return false;
      }
    },

    async sendBack(reason) {
      const { currentId, busy, list } = get();
      if (!currentId || busy || !reason.trim()) return false;
      set({ busy: 'sending' });
      try {
        await api.sendBack({ sampleId: currentId, reason: reason.trim() });
        drafts.delete(currentId);
        set({ modal: null, note: { text: 'Sent back', sampleId: currentId, at: Date.now() } });
        const next = await advanceFrom(currentId, list ?? []);
        notifyDone(`Sent ${currentId} back for re-labeling`, next ? `Its raters will label it again. Next: ${next}` : 'Its raters will label it again.');
        void useSession.getState().refreshInfo();
        return true;
      } catch (e) {
        set({ busy: null });
        notifyError('The item was not sent back', e);
        return false;
      }
    },

    async flagGap(field, note) {
      const { currentId, busy } = get();
      if (busy || !note.trim()) return false;
      set({ busy: 'flagging' });
      try {
        await api.flagGuidelineGap({ sampleId: currentId ?? undefined, field: field ?? undefined, note: note.trim() });
        set({ busy: null, modal: null });
        notifyDone('Guideline gap noted', 'The evaluation owner sees it with this guideline version.');
        void useSession.getState().refreshInfo();
        return true;
      } catch (e) {
        set({ busy: null });
        notifyError('The guideline gap was not noted', e);
        return false;
      }
    },

    openModal(modal) {
      set({ modal });
    },

    closeModal() {
      set({ modal: null });
    },

    toggleGuide(open) {
      const next = open ?? !get().guideOpen;
      const first = get().item?.fieldsInDispute[0];
      if (next && !get().guideOpen && first && open === undefined) useUi.getState().showInRubric(rubricAnchor(first), true);
      set({ guideOpen: next });
    },

    close() {
      stash();
      dismissProblems();
    },
  };
});

// Someone else signs in: nothing of the previous adjudicator's work in progress stays on screen.
useSession.subscribe((s, prev) => {
  if (s.rater?.id === prev.rater?.id) return;
  drafts.clear();
  dismissProblems();
  useAdjudication.setState({ list: null, selectedId: null, currentId: null, item: null, values: {}, reason: '', majority: {}, splits: {}, attempted: false, busy: null, modal: null, anonymize: true, note: null });
});
