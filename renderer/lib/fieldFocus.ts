// Moving the keyboard to a field of a form generated from a guideline schema (FieldShell's frame:
// `<section data-field=key data-type=type>`), e.g. to the field a rule error says must change.

/** The control inside a field's frame that takes the focus: the textarea, the checked option, or the first one. */
function controlOf(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>('textarea') ?? root.querySelector<HTMLElement>('input:checked') ?? root.querySelector<HTMLElement>('input');
}

/**
 * Focuses the first field in `form` marked with an error (data-error="true"), in the form's order,
 * and brings it into view. Returns the field's key, or null when no field is marked.
 */
export function focusFirstInvalidField(form: ParentNode | null): string | null {
  const root = form?.querySelector<HTMLElement>('[data-field][data-error="true"]');
  if (!root) return null;
  controlOf(root)?.focus({ preventScroll: true });
  root.scrollIntoView({ block: 'nearest' });
  return root.dataset.field ?? null;
}
