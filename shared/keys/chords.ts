// Key chords: one spelling for a key and its modifiers, shared by the app's key maps (screens.ts),
// the guideline's hotkeys and what a key event pressed. `Shift+R`, `Ctrl+Enter`, `Space`, `?`, `l`.
//
// Letters are compared in lowercase with Shift as its own modifier (Shift+R is not r); for other
// printable keys the character already says whether Shift was held (`?` is Shift+/ on a US
// keyboard), so Shift is not part of their chord. Cmd counts as Ctrl (the Mac's Cmd+Enter).

/** What a chord is read from: a DOM KeyboardEvent has these fields (no DOM types here). */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const isLetter = (k: string) => /^[a-zA-Z]$/.test(k);

/** KeyboardEvent.key names the app writes differently. */
const KEY_ALIASES: Record<string, string> = { ' ': 'Space', Esc: 'Escape', Del: 'Delete' };

function canonical(mods: { ctrl: boolean; alt: boolean; shift: boolean }, rawKey: string): string {
  let key = KEY_ALIASES[rawKey] ?? rawKey;
  const shift = mods.shift && (isLetter(key) || key.length > 1);
  if (isLetter(key)) key = key.toLowerCase();
  return [mods.ctrl && 'Ctrl', mods.alt && 'Alt', shift && 'Shift', key].filter(Boolean).join('+');
}

/** The canonical form of a chord as written in a key map: `Shift+R` -> `Shift+r`, `Cmd+Enter` -> `Ctrl+Enter`. */
export function normalizeChord(spec: string): string {
  const parts = spec === '+' ? ['+'] : spec.split('+');
  const key = parts.pop() || '+';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return canonical({ ctrl: mods.has('ctrl') || mods.has('cmd') || mods.has('meta'), alt: mods.has('alt'), shift: mods.has('shift') }, key);
}

/** The chord a key event pressed. */
export function chordOf(e: KeyPress): string {
  return canonical({ ctrl: e.ctrlKey || e.metaKey, alt: e.altKey, shift: e.shiftKey }, e.key);
}

/**
 * Characters that look alike in many fonts, and what to call each so that it cannot be taken for
 * another (a tooltip and the screen reader's name of its key cap). The key caps' font (the bundled
 * Atkinson Hyperlegible Mono) draws them apart: a slashed zero, a tailed l.
 */
const LOOKALIKE_NAMES: Record<string, string> = {
  l: 'lowercase letter L',
  '1': 'digit one',
  i: 'lowercase letter I',
  '|': 'vertical bar',
  o: 'lowercase letter O',
  '0': 'digit zero',
  '`': 'backtick',
  "'": 'apostrophe',
  ',': 'comma',
  '.': 'period',
  ';': 'semicolon',
  '-': 'minus',
};

/** The spoken name of a key cap whose glyph has a look-alike (`l` -> "lowercase letter L"); undefined for the others. */
export function lookalikeName(key: string): string | undefined {
  return LOOKALIKE_NAMES[key];
}
