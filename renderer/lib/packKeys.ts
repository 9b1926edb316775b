// What a guideline's hotkey does on a form built from its fields (the label screen's and the
// adjudicator's final label): a field's key focuses it (or flips a yes/no), a value's key sets or
// toggles that value. The key itself is looked up in the pack's declared hotkeys (findPackHotkey).
import { rubricAnchor } from '../../shared/guidelines/rubric';
import type { Field, GuidelinePack } from '../../shared/guidelines/schema';
import type { findPackHotkey } from '../../shared/keys/screens';
import { fieldDomId } from '../components/FieldShell';
import { focusField } from './fieldFocus';
import { useUi } from '../stores/ui';

type PackHotkey = NonNullable<ReturnType<typeof findPackHotkey>>;

/** The store a form's values live in (useItem, useAdjudication). */
export interface FormValues {
  values: Record<string, unknown>;
  setValue(key: string, value: unknown): void;
  toggleOption(field: Field, value: string): void;
}

/** Does what the guideline's hotkey says on the form, and shows that field or value in the rubric. */
export function runPackHotkey(pack: Pick<GuidelinePack, 'fields'>, hotkey: PackHotkey, form: FormValues) {
  const field = pack.fields.find((f) => f.key === hotkey.field);
  if (!field) return;
  const { value } = hotkey;
  if (value === undefined) {
    if (field.type === 'boolean') form.setValue(field.key, form.values[field.key] !== true);
    else focusField(field.key);
  } else if (field.type === 'ordinal') {
    form.setValue(field.key, value);
  } else if (field.type === 'multi_select' || field.type === 'single_choice') {
    form.toggleOption(field, String(value));
  }
  useUi.getState().showInRubric(rubricAnchor(field.key, value), true);
  document.getElementById(fieldDomId(field.key))?.scrollIntoView({ block: 'nearest' });
}
