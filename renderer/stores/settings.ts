import { create } from 'zustand';

// Per-machine preferences, kept in localStorage (they are about the person at the screen, not data).

export interface Settings {
  /** Remind me to take a break after this many minutes of labeling (0 < minutes). */
  breakReminderMinutes: number;
  breakReminderEnabled: boolean;
  /** Blur outputs that graders score as likely graphic until I reveal them. */
  blurGraphic: boolean;
  /** Show samples as formatted Markdown (sanitized) or as plain text. */
  contentView: 'formatted' | 'plain';
  /** The rubric column on the label screen. */
  rubricOpen: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  breakReminderMinutes: 50,
  breakReminderEnabled: true,
  blurGraphic: true,
  contentView: 'formatted',
  rubricOpen: true,
};

const KEY = 'concord.settings';

function load(): Settings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    const s = { ...DEFAULT_SETTINGS, ...raw };
    if (typeof s.breakReminderMinutes !== 'number' || !(s.breakReminderMinutes > 0)) s.breakReminderMinutes = DEFAULT_SETTINGS.breakReminderMinutes;
    if (s.contentView !== 'plain') s.contentView = 'formatted';
    return s;
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

interface SettingsState extends Settings {
  update(patch: Partial<Settings>): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  ...load(),
  update(patch) {
    set(patch);
    const { update: _u, ...settings } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify(settings));
    } catch {
      // Not persisted: fine for this session.
    }
  },
}));
