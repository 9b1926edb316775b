import { create } from 'zustand';

// Overlays and panels. Hotkeys stay quiet while a modal is open (the modal owns the keyboard).

export type Modal = null | 'settings' | 'flag';

interface UiState {
  modal: Modal;
  cheatSheet: boolean;
  /** The rubric anchor to show (field or option in focus), and a counter to re-scroll to the same one. */
  rubricAnchor: string | null;
  rubricNonce: number;
  openModal(m: Modal): void;
  closeModal(): void;
  toggleCheatSheet(open?: boolean): void;
  showInRubric(anchor: string, force?: boolean): void;
}

export const useUi = create<UiState>((set, get) => ({
  modal: null,
  cheatSheet: false,
  rubricAnchor: null,
  rubricNonce: 0,
  openModal: (modal) => set({ modal, cheatSheet: false }),
  closeModal: () => set({ modal: null }),
  toggleCheatSheet: (open) => set({ cheatSheet: open ?? !get().cheatSheet }),
  showInRubric: (anchor, force) => {
    if (!force && anchor === get().rubricAnchor) return;
    set((s) => ({ rubricAnchor: anchor, rubricNonce: s.rubricNonce + 1 }));
  },
}));
