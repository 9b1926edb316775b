import { create } from 'zustand';
import type { AgreementView, BatchDetail } from '../../../shared/api/types';
import { api, errorMessage } from '../../api/client';

// The batch the owner opened from the list: its items, raters and progress (batchDetail), and the
// agreement computed on that batch alone (agreement with the batch's id).

interface BatchDetailState {
  /** The open batch, or null: the list shows. */
  batchId: string | null;
  detail: BatchDetail | null;
  agreement: AgreementView | null;
  /** Why the agreement could not be computed (no labels yet, for example). */
  agreementError: string | null;
  error: string | null;
  open(batchId: string): Promise<void>;
  close(): void;
}

export const useBatchDetail = create<BatchDetailState>((set, get) => ({
  batchId: null,
  detail: null,
  agreement: null,
  agreementError: null,
  error: null,

  async open(batchId) {
    set({ batchId, detail: null, agreement: null, agreementError: null, error: null });
    try {
      const detail = await api.batchDetail({ batchId });
      if (get().batchId === batchId) set({ detail });
    } catch (e) {
      if (get().batchId === batchId) set({ error: errorMessage(e) });
      return;
    }
    try {
      const agreement = await api.agreement({ batch: batchId, bootstrap: 200 });
      if (get().batchId === batchId) set({ agreement });
    } catch (e) {
      if (get().batchId === batchId) set({ agreementError: errorMessage(e) });
    }
  },

  close() {
    set({ batchId: null, detail: null, agreement: null, agreementError: null, error: null });
  },
}));
