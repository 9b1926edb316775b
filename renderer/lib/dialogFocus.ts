// Where the focus goes when a dialog closes (every Mantine modal, through the theme, and the cheat
// sheet): back where the user was on the screen (the list, a text field), but never to the button
// that opened the dialog. Focus left on that button made the next Enter press it: Esc, then Enter,
// opened the dialog again. With nowhere to return to, the focus goes to the page itself, where the
// screen's keys (Enter: submit, open) apply.
import { isActivatable } from './keys';

const inDialog = (el: Element) => el.closest('[role="dialog"]') !== null;

/** The element outside any dialog that had the focus last; null once the focus went to the page. */
let screenFocus: HTMLElement | null = null;

/** Follows the focus on the screen (once, at start-up). */
export function trackScreenFocus(): () => void {
  const onIn = (e: FocusEvent) => {
    if (e.target instanceof HTMLElement && !inDialog(e.target)) screenFocus = e.target;
  };
  const onOut = (e: FocusEvent) => {
    if (e.relatedTarget === null && e.target instanceof HTMLElement && !inDialog(e.target)) screenFocus = null;
  };
  document.addEventListener('focusin', onIn);
  document.addEventListener('focusout', onOut);
  return () => {
    document.removeEventListener('focusin', onIn);
    document.removeEventListener('focusout', onOut);
  };
}

/** A dialog closed: focus where the user was, unless that is a button or link; else the page. */
export function returnFocusToScreen() {
  const el = screenFocus;
  if (el && el.isConnected && !isActivatable(el)) {
    el.focus({ preventScroll: true });
    return;
  }
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body) active.blur();
}
