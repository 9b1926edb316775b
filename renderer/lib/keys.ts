// Keyboard helpers shared by the screens.
import { lookalikeName } from '../../shared/keys/chords';
import { useUi } from '../stores/ui';

/** Whether the key event comes from a place where the rater types text (hotkeys must not fire there). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/** Buttons and links handle Enter and Space themselves. */
export function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.getAttribute('role') === 'button');
}

/** Whether a modal (settings, flag) owns the keyboard. Read from the store, not the DOM: a modal
 * that is closing is still in the DOM for its transition, and Esc pressed then must already work. */
export function modalOpen(): boolean {
  return useUi.getState().modal !== null;
}

const KEY_LABELS: Record<string, string> = {
  ' ': 'Space',
  Escape: 'Esc',
  Backspace: '⌫',
  Enter: '↵ Enter',
  ArrowDown: '↓',
  ArrowUp: '↑',
  PageDown: 'PgDn',
  PageUp: 'PgUp',
};

/** Human-readable name of a key or chord (`Shift+Backspace` -> `Shift+⌫`), for Kbd labels. */
export function keyLabel(key: string): string {
  const plus = key.lastIndexOf('+');
  if (plus > 0) return `${key.slice(0, plus)}+${keyLabel(key.slice(plus + 1))}`;
  return KEY_LABELS[key] ?? key;
}

/**
 * The name of a key cap whose glyph has a look-alike, for its title and aria-label (`l` ->
 * "lowercase letter L", `Ctrl+1` -> "Ctrl+digit one"); undefined when the glyph is unmistakable.
 */
export function keyCapName(chord: string): string | undefined {
  const plus = chord.lastIndexOf('+');
  const name = lookalikeName(plus > 0 ? chord.slice(plus + 1) : chord);
  return name && (plus > 0 ? `${chord.slice(0, plus + 1)}${name}` : name);
}

/** Whether the event comes from inside an open menu or popover (they handle their own keys). */
export function fromDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.mantine-Menu-dropdown, .mantine-Popover-dropdown') !== null;
}

/**
 * Screen hotkeys listen on window in the capture phase: they see a key before any component does,
 * so "is a modal open?" is answered before the modal's own Esc handler closes it (one Esc closes
 * the modal; only the next one leaves the screen).
 */
export function listenKeys(handler: (e: KeyboardEvent) => void): () => void {
  window.addEventListener('keydown', handler, { capture: true });
  return () => window.removeEventListener('keydown', handler, { capture: true });
}
