import { create } from 'zustand';
import type { AgreementView, BatchSummary, GuidelineVersionInfo } from '../../shared/api/types';
import type { FieldAgreement } from '../../shared/agreement/reportTypes';
import { api, errorMessage } from '../api/client';
import { notify, notifyError } from './notices';

// The owner's agreement dashboard: the AgreementView for the current filters, the guideline
// versions (for the version filter) and the owner's threshold. Only the newest request's answer
// is kept, so a slow answer to an older filter never replaces a newer one.

export const DEFAULT_BOOTSTRAP = 200;
export const DEFAULT_SEED = 1;

export interface FieldOption {
  key: string;
  title: string;
  type: FieldAgreement['type'];
}

interface AgreementState {
  view: AgreementView | null;
  loading: boolean;
  /** Why the last load failed (the view, if any, is from an earlier load). */
  error: string | null;
  /** Filters: one field, one guideline version, one batch (null: all). */
  field: string | null;
  version: string | null;
  batch: string | null;
  bootstrap: number;
  seed: number;
  /** Every field of the guideline, from the last load without a field filter (for the field picker). */
  fields: FieldOption[];
  versions: GuidelineVersionInfo[] | null;
  /** For the batch filter. */
  batches: BatchSummary[] | null;
  savingThreshold: boolean;
  /** When the shown view arrived (ms since epoch). */
  loadedAt: number | null;
  load(): Promise<void>;
  loadVersions(): Promise<void>;
  setFilters(filters: { field?: string | null; version?: string | null; batch?: string | null }): void;
  saveThreshold(threshold: number): Promise<boolean>;
}

let request = 0;

export const useAgreement = create<AgreementState>((set, get) => ({
  view: null,
  loading: false,
  error: null,
  field: null,
  version: null,
  batch: null,
  bootstrap: DEFAULT_BOOTSTRAP,
  seed: DEFAULT_SEED,
  fields: [],
  versions: null,
  batches: null,
  savingThreshold: false,
  loadedAt: null,

  async load() {
    const mine = ++request;
    const { field, version, batch, bootstrap, seed } = get();
    set({ loading: true, error: null });
    try {
      const view = await api.agreement({ field: field ?? undefined, version: version ?? undefined, batch: batch ?? undefined, bootstrap, seed });
      if (mine !== request) return;
      const patch: Partial<AgreementState> = { view, loading: false, loadedAt: Date.now() };
      if (!field) patch.fields = view.report.fields.map((f) => ({ key: f.key, title: f.title, type: f.type }));
      set(patch);
    } catch (e) {
      if (mine !== request) return;
      set({ loading: false, error: errorMessage(e) });
      notifyError('Could not compute agreement', e);
    }
  },

  async loadVersions() {
    try {
      const [versions, batches] = await Promise.all([api.listGuidelineVersions({}), api.listBatches({})]);
      set({ versions, batches });
    } catch (e) {
      notifyError('Could not list the guideline versions and batches', e);
    }
  },

  setFilters(filters) {
    const pick = <K extends 'field' | 'version' | 'batch'>(k: K) => (filters[k] === undefined ? get()[k] : filters[k]!);
    const next = { field: pick('field'), version: pick('version'), batch: pick('batch') };
    if (next.field === get().field && next.version === get().version && next.batch === get().batch) return;
    set(next);
    void get().load();
  },

  async saveThreshold(threshold) {
    set({ savingThreshold: true });
    try {
      const saved = await api.setAgreementThreshold({ threshold });
      set((s) => ({ savingThreshold: false, view: s.view ? { ...s.view, threshold: saved.threshold } : s.view }));
      notify('success', 'Threshold saved', `Alpha below ${saved.threshold} is now flagged.`, 3000);
      return true;
    } catch (e) {
      set({ savingThreshold: false });
      notifyError('Could not save the threshold', e);
      return false;
    }
  },
}));
