import { create } from 'zustand';
import type { ExportResult } from '../../../shared/api/types';
import { api, errorMessage } from '../../api/client';
import { notify, notifyError } from '../../stores/notices';

// The export screen's choices and its last result (kept while the app runs, so leaving the screen
// and coming back still shows what was written).

export type ExportFormat = 'jsonl' | 'csv';
export type ExportMethod = 'adjudicated-then-dawid-skene' | 'adjudicated-then-majority';

export interface ExportRun extends ExportResult {
  format: ExportFormat;
  method: ExportMethod;
  at: number;
}

interface ExportState {
  format: ExportFormat;
  method: ExportMethod;
  running: boolean;
  result: ExportRun | null;
  error: string | null;
  set(patch: Partial<Pick<ExportState, 'format' | 'method'>>): void;
  run(): Promise<void>;
}

export const useExport = create<ExportState>((set, get) => ({
  format: 'jsonl',
  method: 'adjudicated-then-dawid-skene',
  running: false,
  result: null,
  error: null,
  set(patch) {
    set(patch);
  },
  async run() {
    const { format, method } = get();
    set({ running: true, error: null });
    try {
      const r = await api.exportLabels({ format, method });
      set({ running: false, result: { ...r, format, method, at: Date.now() } });
      notify('success', 'Labels exported', `${r.rows.toLocaleString('en-US')} rows written.`, 3000);
    } catch (e) {
      set({ running: false, error: errorMessage(e) });
      notifyError('Could not export the labels', e);
    }
  },
}));
