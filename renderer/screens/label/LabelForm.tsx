import { Checkbox, Chip, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { memo, type ReactNode } from 'react';
import type { LabelValueError } from '../../../shared/guidelines/labelValues';
import { rubricAnchor } from '../../../shared/guidelines/rubric';
import type { BooleanField, Field, GuidelinePack, MultiSelectField, OrdinalField, SingleChoiceField, TextField } from '../../../shared/guidelines/schema';
import { DefinitionTip, fieldDomId, FieldShell as SharedFieldShell, HotkeyHint, invalidProps, type Hover } from '../../components/FieldShell';
import { useItem } from '../../stores/item';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';

// The label form, generated from the guideline's schema: multi-select categories as toggle chips,
// ordinal scales as a segmented control, single choice as radio chips, booleans as a checkbox, text
// as a textarea. Every control shows its hotkey. The whole form fits the column at 1280x800 without
// scrolling (e2e/layout.browser.spec.ts), so definitions are not printed under each field: an
// option's or level's definition is its tooltip (to the left, over the sample, never over another
// control), the field's is its info button's, and focus moves the rubric panel to that definition.

/** The shared field frame; its rubric link opens the rubric panel at the field's definition. */
function FieldShell(props: { field: Field; errors: LabelValueError[]; aside?: ReactNode; children?: ReactNode }) {
  return <SharedFieldShell {...props} definition={null} compact onShowDefinition={showDefinition} />;
}

/** An option's or level's definition, on hover after a moment, to the left of the form. */
function Definition({ of, children }: { of: Hover; children: ReactNode }) {
  return (
    <Tooltip label={<DefinitionTip {...of} />} openDelay={450} multiline w={320} position="left" withinPortal>
      {children}
    </Tooltip>
  );
}

function showDefinition(anchor: string) {
  useSettings.getState().update({ rubricOpen: true });
  useUi.getState().showInRubric(anchor, true);
}

/** A choice field's options as chips: toggles for a multi-select, radio chips for a single choice (as the adjudication form's Choices). */
function Choices({ field, errors }: { field: MultiSelectField | SingleChoiceField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const multi = field.type === 'multi_select';
  const isOn = (v: string) => (multi ? Array.isArray(value) && (value as string[]).includes(v) : value === v);
  return (
    <FieldShell field={field} errors={errors}>
      <div className="cc-chips cc-chips-grid" role={multi ? 'group' : 'radiogroup'} aria-labelledby={`${fieldDomId(field.key)}-title`} {...invalidProps(field.key, errors)}>
        {field.options.map((o) => (
          <Definition key={o.value} of={o}>
            <div className="cc-chip-cell">
              <Chip
                type={multi ? 'checkbox' : 'radio'}
                name={multi ? undefined : `choice-${field.key}`}
                value={o.value}
                size="xs"
                radius="sm"
                variant="outline"
                color={o.critical ? 'red' : 'indigo'}
                classNames={{ label: o.critical ? 'cc-chip-label cc-chip-critical' : 'cc-chip-label' }}
                checked={isOn(o.value)}
                onChange={() => useItem.getState().toggleOption(field, o.value)}
                wrapperProps={{
                  'data-anchor': rubricAnchor(field.key, o.value),
                  'data-testid': `option-${field.key}-${o.value}`,
                  'data-checked': isOn(o.value),
                }}
              >
                <span className="cc-chip-text">{o.title}</span>
                <HotkeyHint hotkey={o.hotkey} />
              </Chip>
            </div>
          </Definition>
        ))}
      </div>
    </FieldShell>
  );
}

function Ordinal({ field, errors }: { field: OrdinalField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const current = typeof value === 'number' ? value : null;
  return (
    <FieldShell field={field} errors={errors}>
      <SegmentedControl<number>
        fullWidth
        size="sm"
        color="indigo"
        transitionDuration={0} // instant: a rater pressing 0-4 must see the level they chose, not a sliding indicator
        value={current as number}
        onChange={(v) => useItem.getState().setValue(field.key, v)}
        data-anchor-field={field.key}
        data-testid={`levels-${field.key}`}
        className="cc-level-control"
        aria-labelledby={`${fieldDomId(field.key)}-title`}
        {...invalidProps(field.key, errors)}
        styles={{ label: { paddingInline: 2 }, innerLabel: { display: 'block' } }}
        data={field.levels.map((l) => ({
          value: l.value,
          label: (
            <Definition of={{ title: `${l.value} · ${l.title}`, description: l.description }}>
              <span className="cc-level cc-level-inline" data-testid={`level-${field.key}-${l.value}`} data-anchor={rubricAnchor(field.key, l.value)}>
                {l.hotkey ? <HotkeyHint spoken hotkey={l.hotkey} className="cc-level-key" /> : <kbd className="cc-kbd-inline cc-level-key">{l.value}</kbd>}
                <span className="cc-ellipsis">{l.title}</span>
              </span>
            </Definition>
          ),
        }))}
      />
    </FieldShell>
  );
}

/** A boolean is one row: its title, and the checkbox at the row's end. */
function BooleanInput({ field, errors }: { field: BooleanField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]) === true;
  return (
    <FieldShell
      field={field}
      errors={errors}
      aside={
        <Checkbox
          checked={value}
          onChange={(e) => useItem.getState().setValue(field.key, e.currentTarget.checked)}
          label="Yes"
          labelPosition="left"
          size="sm"
          aria-label={field.title}
          data-testid={`input-${field.key}`}
          className="cc-bool"
          {...invalidProps(field.key, errors)}
        />
      }
    />
  );
}

function TextInputField({ field, errors }: { field: TextField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const text = typeof value === 'string' ? value : '';
  return (
    <FieldShell
      field={field}
      errors={errors}
      aside={
        <Text size="xs" c="dimmed" className="cc-text-count" aria-hidden="true">
          Ctrl+Enter submits · Esc leaves{field.maxLength ? ` · ${text.length.toLocaleString()}/${field.maxLength.toLocaleString()}` : ''}
        </Text>
      }
    >
      <Textarea
        value={text}
        onChange={(e) => useItem.getState().setValue(field.key, e.currentTarget.value)}
        placeholder={field.placeholder ?? field.description}
        maxLength={field.maxLength}
        // Fixed rows, resizable by hand: autosize re-measures the layout on every render, which
        // cost about 5 ms of every submit -> next item (npm run bench:ui).
        rows={3}
        resize="vertical"
        aria-label={field.title}
        aria-description={field.description}
        data-testid={`input-${field.key}`}
        data-text-field={field.key}
        error={errors.length > 0}
        {...invalidProps(field.key, errors)}
      />
    </FieldShell>
  );
}

function FieldInput({ field, errors }: { field: Field; errors: LabelValueError[] }) {
  switch (field.type) {
    case 'multi_select':
    case 'single_choice':
      return <Choices field={field} errors={errors} />;
    case 'ordinal':
      return <Ordinal field={field} errors={errors} />;
    case 'boolean':
      return <BooleanInput field={field} errors={errors} />;
    case 'text':
      return <TextInputField field={field} errors={errors} />;
  }
}

/** The anchor of whatever form element has focus: an option, a level, or the field itself. */
function anchorOf(target: EventTarget | null): string | null {
  if (!(target instanceof HTMLElement)) return null;
  const levels = target.closest<HTMLElement>('[data-anchor-field]');
  if (levels && target instanceof HTMLInputElement) return rubricAnchor(levels.dataset.anchorField!, target.value);
  return target.closest<HTMLElement>('[data-anchor]')?.dataset.anchor ?? null;
}

/** Memoized on the pack: fields subscribe to their own values, so the form re-renders field by field. */
export const LabelForm = memo(function LabelForm({ pack }: { pack: GuidelinePack }) {
  const attempted = useItem((s) => s.attempted);
  useItem((s) => s.values); // re-validate on every change
  const problems = attempted ? useItem.getState().problems() : [];

  return (
    <div
      data-testid="label-form"
      onFocusCapture={(e) => {
        const anchor = anchorOf(e.target);
        if (anchor) useUi.getState().showInRubric(anchor);
      }}
    >
      {pack.fields.map((f) => (
        <FieldInput key={f.key} field={f} errors={problems.filter((p) => p.field === f.key)} />
      ))}
      {problems
        .filter((p) => !pack.fields.some((f) => f.key === p.field))
        .map((p, i) => (
          <div className="cc-field-error" role="alert" key={i}>
            {p.field}: {p.message}
          </div>
        ))}
    </div>
  );
});
