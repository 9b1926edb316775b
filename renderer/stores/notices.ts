import { create } from 'zustand';
import { ApiError, errorMessage } from '../api/client';

// Notifications: errors stay until the rater dismisses them (never swallowed), confirmations fade.

export type NoticeTone = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  message?: string;
}

interface NoticeState {
  notices: Notice[];
  push(n: Omit<Notice, 'id'>, timeoutMs?: number): number;
  dismiss(id: number): void;
  /** Drops every notice: the next person at this machine does not see the last one's. */
  clear(): void;
}

let nextId = 1;

export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  push(n, timeoutMs) {
    const id = nextId++;
    // The same error twice in a row is shown once.
    const last = get().notices.at(-1);
    if (last && last.tone === n.tone && last.title === n.title && last.message === n.message) return last.id;
    set((s) => ({ notices: [...s.notices.slice(-4), { ...n, id }] }));
    const timeout = timeoutMs ?? (n.tone === 'error' || n.tone === 'warning' ? 0 : 4000);
    if (timeout > 0) setTimeout(() => get().dismiss(id), timeout);
    return id;
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
  clear() {
    set({ notices: [] });
  },
}));

/** Shows an error from an API call (or anything else) as a notification; `what` says what failed. */
export function notifyError(what: string, e: unknown): void {
  const input = e instanceof ApiError && e.kind === 'input';
  useNotices.getState().push({ tone: input ? 'warning' : 'error', title: what, message: errorMessage(e) });
  if (!(e instanceof ApiError)) console.error(e);
}

export function notify(tone: NoticeTone, title: string, message?: string, timeoutMs?: number): void {
  useNotices.getState().push({ tone, title, message }, timeoutMs);
}
