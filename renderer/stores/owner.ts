import { create } from 'zustand';
import type { BatchSummary, CreatedBatchView, DraftCheck, GuidelineRef, GuidelineVersionInfo, Profile, SavedGuidelineDraft } from '../../shared/api/types';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { compareSemver } from '../../shared/guidelines/semver';
import { api, errorMessage } from '../api/client';
import { cleanPack, looksLikePack, newDraftPack, normalizeForForm } from '../owner/guidelines/draft';
import { createDraftSaver } from './draftSaver';
import { notify, notifyError } from './notices';
import { useSession } from './session';

// The evaluation owner's screens: batches (list, create, version decisions) and guideline versions
// (read, diff, draft, publish). Published packs never change, so they are cached for the session.

export type GuidelineTab = 'rubric' | 'diff' | 'notes' | 'draft';

export const refKey = (r: GuidelineRef) => `${r.id}@${r.version}`;

/** A new guideline version being written (one at a time), from a published version. */
export interface Draft {
  /** The version the draft started from (its mapping is declared from it). */
  base: GuidelineRef;
  /** The form's model. Arrays of lines (examples, changes) may hold blank lines while typing; they are dropped when sent. */
  pack: GuidelinePack;
  mode: 'form' | 'json';
  /** The whole pack as JSON while in the JSON mode. */
  json: string;
  /** Why the JSON cannot go back to the form (it does not parse, or is not shaped like a pack). */
  jsonError: string | null;
  /** Bumped by every edit: publishing needs a passing validation of the current revision. */
  rev: number;
  check: { rev: number; result: DraftCheck } | null;
  checking: boolean;
  publishing: boolean;
  /** The last publish failure, shown in the editor. */
  publishError: string | null;
  /** Whether this machine's copy (saved through the engine as the owner edits) is the draft on screen. */
  persisted: { state: 'saving' | 'saved' | 'error'; at: string | null; error?: string };
  /** When the copy this draft was restored from had been saved (shown until dismissed); null for a draft started here. */
  restoredFrom: string | null;
}

/** What the engine keeps of a draft: the form's model as it is (blank lines too), or the JSON text. */
function toSaved(d: Draft): Omit<SavedGuidelineDraft, 'savedAt'> {
  return d.mode === 'form' ? { base: d.base, mode: 'form', pack: d.pack } : { base: d.base, mode: 'json', json: d.json };
}

const KEPT_KEY = 'concord.owner.keptVersions';

function readKept(): Record<string, string> {
  try {
    const raw = localStorage.getItem(KEPT_KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

interface OwnerState {
  // ---- Batches
  batches: BatchSummary[] | null;
  batchesError: string | null;
  /** Profiles that can be given work (role rater). */
  raters: Profile[] | null;
  /** The batch just created (its row is highlighted). */
  lastCreated: CreatedBatchView | null;
  /**
   * batchId -> the newer version the owner chose not to move the batch to. The engine has no record
   * of a "continue" decision yet, so it is remembered on this machine.
   */
  kept: Record<string, string>;
  loadBatches(): Promise<void>;
  /** Lets raters see the graders' scores, or hides them (the default). */
  setGraderScoresVisible(visible: boolean): Promise<void>;
  loadRaters(): Promise<void>;
  setLastCreated(b: CreatedBatchView | null): void;
  continueBatch(b: BatchSummary): Promise<void>;
  requeueBatch(b: BatchSummary): Promise<boolean>;
  reopenDecision(batchId: string): void;

  // ---- Guidelines
  versions: GuidelineVersionInfo[] | null;
  versionsError: string | null;
  packs: Record<string, GuidelinePack>;
  selected: GuidelineRef | null;
  tab: GuidelineTab;
  draft: Draft | null;
  loadVersions(): Promise<void>;
  loadPack(ref: GuidelineRef): Promise<GuidelinePack | null>;
  select(ref: GuidelineRef): void;
  setTab(tab: GuidelineTab): void;
  startDraft(from: GuidelineRef): Promise<void>;
  discardDraft(): void;
  editDraft(fn: (pack: GuidelinePack) => GuidelinePack): void;
  setDraftMode(mode: 'form' | 'json'): void;
  setDraftJson(text: string): void;
  validateDraft(): Promise<void>;
  publishDraft(): Promise<boolean>;
  /** After a reload: the draft saved on this machine, back in the editor (when none is open). */
  restoreSavedDraft(): Promise<void>;
  dismissRestored(): void;
  /** Settles a gap note; true when the engine accepted it. */
  resolveGap(gapId: string, note: string, addressedIn: string | null): Promise<boolean>;
}

/** The document a draft sends: the cleaned form model, or the parsed JSON. */
export function draftPayload(d: Draft): { ok: true; value: unknown } | { ok: false; error: string } {
  if (d.mode === 'form') return { ok: true, value: cleanPack(d.pack) };
  try {
    return { ok: true, value: JSON.parse(d.json) as unknown };
  } catch (e) {
    return { ok: false, error: `The JSON does not parse: ${errorMessage(e)}` };
  }
}

/** A draft as it opens (started here or restored): nothing validated, checked or failed yet. */
function openedDraft(d: Pick<Draft, 'base' | 'pack' | 'mode' | 'json' | 'persisted' | 'restoredFrom'>): Draft {
  return { ...d, jsonError: null, rev: 0, check: null, checking: false, publishing: false, publishError: null };
}

export function canPublish(d: Draft | null): boolean {
  return !!d && !d.checking && !d.publishing && !!d.check && d.check.rev === d.rev && d.check.result.ok;
}

export const useOwner = create<OwnerState>((set, get) => {
  // Each change to the draft is saved on this machine shortly after the owner stops typing.
  const saver = createDraftSaver({
    snapshot: () => {
      const d = get().draft;
      return d ? toSaved(d) : null;
    },
    save: (draft) => api.saveGuidelineDraft(draft),
    discard: () => api.discardGuidelineDraft({}).then(() => undefined),
    onState: (state, at, error) =>
      set((s) => (s.draft ? { draft: { ...s.draft, persisted: { state, at: at ?? s.draft.persisted.at, ...(error ? { error } : {}) } } } : {})),
  });
  // A reload or close within the delay would lose the last edit.
  if (typeof window !== 'undefined') window.addEventListener('pagehide', () => saver.flush());
  return {
    batches: null,
    batchesError: null,
    raters: null,
    lastCreated: null,
    kept: readKept(),

    async loadBatches() {
      try {
        const batches = await api.listBatches({});
        set({ batches, batchesError: null });
      } catch (e) {
        set({ batchesError: errorMessage(e) });
        notifyError('Could not load the batches', e);
      }
    },

    async setGraderScoresVisible(visible) {
      try {
        await api.setGraderScoresVisible({ visible });
        await useSession.getState().refreshInfo();
        notify('success', visible ? 'Raters now see grader scores' : 'Grader scores are hidden from raters', visible ? 'They apply from the next item each rater opens.' : 'Blurring of likely graphic outputs still applies.');
      } catch (e) {
        notifyError('Could not change what raters see', e);
      }
    },

    async loadRaters() {
      try {
        const profiles = await api.listProfiles({});
        set({ raters: profiles.filter((p) => p.roles.includes('rater')).sort((a, b) => a.name.localeCompare(b.name)) });
      } catch (e) {
        notifyError('Could not load the rater profiles', e);
      }
    },

    setLastCreated(b) {
      set({ lastCreated: b });
    },

    async continueBatch(b) {
      if (!b.newerVersion) return;
      try {
        await api.setBatchVersion({ batchId: b.batchId, action: 'continue' });
        const kept = { ...get().kept, [b.batchId]: b.newerVersion };
        try {
          localStorage.setItem(KEPT_KEY, JSON.stringify(kept));
        } catch {
          // Remembered for this session only.
        }
        set({ kept });
        notify('success', `“${b.name}” continues under ${b.guideline.version}`, `Its labels stay comparable with each other; ${b.newerVersion} applies to new batches.`);
      } catch (e) {
        notifyError('Could not keep the batch on its version', e);
      }
    },

    async requeueBatch(b) {
      if (!b.newerVersion) return false;
      try {
        const updated = await api.setBatchVersion({ batchId: b.batchId, action: 'requeue', guideline: { id: b.guideline.id, version: b.newerVersion } });
        set((s) => ({ batches: s.batches?.map((x) => (x.batchId === updated.batchId ? updated : x)) ?? null }));
        notify('success', `“${b.name}” moved to ${b.guideline.id} ${updated.guideline.version}`, `${(b.assignments - updated.labeled).toLocaleString()} assignments are back in the raters’ queues.`);
        void get().loadBatches();
        return true;
      } catch (e) {
        notifyError('Could not re-queue the batch', e);
        return false;
      }
    },

    reopenDecision(batchId) {
      const kept = { ...get().kept };
      delete kept[batchId];
      try {
        localStorage.setItem(KEPT_KEY, JSON.stringify(kept));
      } catch {
        // Session only.
      }
      set({ kept });
    },

    versions: null,
    versionsError: null,
    packs: {},
    selected: null,
    tab: 'rubric',
    draft: null,

    async loadVersions() {
      try {
        const versions = await api.listGuidelineVersions({});
        const sel = get().selected;
        const stillThere = sel && versions.some((v) => v.id === sel.id && v.version === sel.version);
        const fallback = versions.find((v) => v.active) ?? versions.at(-1);
        set({ versions, versionsError: null, selected: stillThere ? sel : fallback ? { id: fallback.id, version: fallback.version } : null });
      } catch (e) {
        set({ versionsError: errorMessage(e) });
        notifyError('Could not load the guideline versions', e);
      }
    },

    async loadPack(ref) {
      const key = refKey(ref);
      const cached = get().packs[key];
      if (cached) return cached;
      try {
        const pack = await api.getGuideline(ref);
        set((s) => ({ packs: { ...s.packs, [key]: pack } }));
        return pack;
      } catch (e) {
        notifyError(`Could not load ${ref.id} ${ref.version}`, e);
        return null;
      }
    },

    select(ref) {
      const { tab } = get();
      set({ selected: ref, tab: tab === 'draft' ? 'rubric' : tab });
    },

    setTab(tab) {
      set({ tab });
    },

    async startDraft(from) {
      const pack = await get().loadPack(from);
      if (!pack) return;
      const newest = (get().versions ?? [])
        .filter((v) => v.id === from.id)
        .map((v) => v.version)
        .sort(compareSemver)
        .at(-1);
      set({ tab: 'draft', draft: openedDraft({ base: from, pack: newDraftPack(pack, newest ?? pack.version), mode: 'form', json: '', persisted: { state: 'saving', at: null }, restoredFrom: null }) });
      saver.changed();
    },

    discardDraft() {
      set((s) => ({ draft: null, tab: s.tab === 'draft' ? 'rubric' : s.tab }));
      saver.discard();
    },

    editDraft(fn) {
      set((s) => (s.draft ? { draft: { ...s.draft, pack: fn(s.draft.pack), rev: s.draft.rev + 1 } } : {}));
      saver.changed();
    },

    setDraftMode(mode) {
      const d = get().draft;
      if (!d || d.mode === mode) return;
      if (mode === 'json') {
        set({ draft: { ...d, mode, json: JSON.stringify(cleanPack(d.pack), null, 2), jsonError: null } });
        saver.changed();
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(d.json);
      } catch (e) {
        set({ draft: { ...d, jsonError: `The JSON does not parse (${errorMessage(e)}). Fix it, or keep editing here.` } });
        return;
      }
      const why = looksLikePack(parsed);
      if (why) {
        set({ draft: { ...d, jsonError: `The form cannot show this document: ${why}. Fix it, or keep editing here.` } });
        return;
      }
      set({ draft: { ...d, mode, pack: normalizeForForm(parsed as GuidelinePack), jsonError: null } });
      saver.changed();
    },

    setDraftJson(text) {
      set((s) => (s.draft ? { draft: { ...s.draft, json: text, jsonError: null, rev: s.draft.rev + 1 } } : {}));
      saver.changed();
    },

    async validateDraft() {
      const d = get().draft;
      if (!d) return;
      const rev = d.rev;
      const payload = draftPayload(d);
      if (!payload.ok) {
        set({ draft: { ...d, check: { rev, result: { ok: false, issues: [{ path: '(json)', message: payload.error }], warnings: [] } } } });
        return;
      }
      set({ draft: { ...d, checking: true } });
      try {
        const result = await api.checkGuidelineDraft({ pack: payload.value });
        set((s) => (s.draft ? { draft: { ...s.draft, checking: false, check: { rev, result } } } : {}));
      } catch (e) {
        set((s) => (s.draft ? { draft: { ...s.draft, checking: false } } : {}));
        notifyError('Could not validate the draft', e);
      }
    },

    async publishDraft() {
      const d = get().draft;
      if (!d || !canPublish(d)) return false;
      const payload = draftPayload(d);
      if (!payload.ok) return false;
      set({ draft: { ...d, publishing: true, publishError: null } });
      try {
        // A save still on its way would bring the draft back after the engine ends it.
        await saver.settle();
        const info = await api.publishGuideline({ pack: payload.value, activate: true });
        set({ draft: null, selected: { id: info.id, version: info.version }, tab: 'rubric' });
        await get().loadVersions();
        set({ selected: { id: info.id, version: info.version } });
        void useSession.getState().refreshInfo();
        void get().loadBatches();
        notify('success', `Published ${info.id} ${info.version}`, `It is now the active version: new batches use it. Batches started under an older version keep theirs until you decide (Batches).`, 8000);
        return true;
      } catch (e) {
        set((s) => (s.draft ? { draft: { ...s.draft, publishing: false, publishError: errorMessage(e) } } : {}));
        notifyError('Could not publish the draft', e);
        return false;
      }
    },

    async restoreSavedDraft() {
      if (get().draft) return;
      let saved: SavedGuidelineDraft | null;
      try {
        saved = await api.savedGuidelineDraft({});
      } catch (e) {
        notifyError('Could not read the draft saved on this machine', e);
        return;
      }
      if (!saved || get().draft) return;
      const base = await get().loadPack(saved.base);
      if (!base || get().draft) return;
      const newest = (get().versions ?? []).filter((v) => v.id === saved.base.id).map((v) => v.version).sort(compareSemver).at(-1);
      // A form draft whose document the form cannot show any more opens as JSON, nothing lost.
      const formable = saved.mode === 'form' && looksLikePack(saved.pack) === undefined;
      const json = saved.mode === 'json' ? (saved.json ?? '') : formable ? '' : JSON.stringify(saved.pack ?? null, null, 2);
      set({
        selected: saved.base,
        tab: 'draft',
        draft: openedDraft({
          base: saved.base,
          pack: formable ? normalizeForForm(saved.pack as GuidelinePack) : newDraftPack(base, newest ?? base.version),
          mode: formable ? 'form' : 'json',
          json,
          persisted: { state: 'saved', at: saved.savedAt },
          restoredFrom: saved.savedAt,
        }),
      });
    },

    dismissRestored() {
      set((s) => (s.draft ? { draft: { ...s.draft, restoredFrom: null } } : {}));
    },

    async resolveGap(gapId, note, addressedIn) {
      try {
        await api.resolveGuidelineGap({ gapId, note, ...(addressedIn ? { addressedIn } : {}) });
        await get().loadVersions();
        notify('success', 'Gap note resolved', addressedIn ? `Addressed in ${addressedIn}. It stays listed under Resolved.` : 'It stays listed under Resolved.');
        return true;
      } catch (e) {
        notifyError('Could not resolve the gap note', e);
        return false;
      }
    },
  };
});
