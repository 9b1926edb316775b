// Moving the keyboard to a field of a form generated from a guideline schema (FieldShell's frame:
// `<section id=field-KEY data-field=KEY data-type=TYPE>`): a guideline's hotkey for the field, or the
// field a rule error says must change.
import { fieldDomId } from '../components/FieldShell';

/** Focuses a field's control (its text box, else its checked option, else its first) and brings the field into view. */
function focusFrame(root: HTMLElement) {
  const control = root.querySelector<HTMLElement>('textarea') ?? root.querySelector<HTMLElement>('input:checked') ?? root.querySelector<HTMLElement>('input');
  control?.focus({ preventScroll: true });
  root.scrollIntoView({ block: 'nearest' });
}

/** Focuses the field keyed `key` on screen, if it is there. */
export function focusField(key: string) {
  const root = document.getElementById(fieldDomId(key));
  if (root) focusFrame(root);
}

/**
 * Focuses the first field in `form` marked with an error (data-error="true"), in the form's order.
 * Returns the field's key, or null when no field is marked.
 */
export function focusFirstInvalidField(form: ParentNode | null): string | null {
  const root = form?.querySelector<HTMLElement>('[data-field][data-error="true"]');
  if (!root) return null;
  focusFrame(root);
  return root.dataset.field ?? null;
}
