import { Checkbox, Chip, SegmentedControl, Text, Textarea } from '@mantine/core';
import { memo, useState, type FocusEvent, type ReactNode } from 'react';
import type { LabelValueError } from '../../../shared/guidelines/labelValues';
import { rubricAnchor } from '../../../shared/guidelines/rubric';
import type { BooleanField, Field, GuidelinePack, MultiSelectField, OrdinalField, SingleChoiceField, TextField } from '../../../shared/guidelines/schema';
import { fieldDomId, FieldShell as SharedFieldShell, HotkeyHint, type Hover } from '../../components/FieldShell';
import { useItem } from '../../stores/item';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';

// The label form, generated from the guideline's schema: multi-select categories as toggle chips,
// ordinal scales as a segmented control, single choice as radio chips, booleans as a checkbox, text
// as a textarea. Every control shows its hotkey; the definition of whatever is hovered or focused is
// shown under its field, and focus moves the rubric panel to that definition.

/** The shared field frame; its rubric link opens the rubric panel at the field's definition. */
function FieldShell(props: { field: Field; errors: LabelValueError[]; definition: Hover | null; children: ReactNode }) {
  return <SharedFieldShell {...props} onShowDefinition={showDefinition} />;
}

function showDefinition(anchor: string) {
  useSettings.getState().update({ rubricOpen: true });
  useUi.getState().showInRubric(anchor, true);
}

function MultiSelect({ field, errors }: { field: MultiSelectField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const selected = Array.isArray(value) ? (value as string[]) : [];
  const [hover, setHover] = useState<Hover | null>(null);
  return (
    <FieldShell field={field} errors={errors} definition={hover}>
      <div className="cc-chips" role="group" aria-labelledby={`${fieldDomId(field.key)}-title`} onMouseLeave={() => setHover(null)}>
        {field.options.map((o) => (
          <Chip
            key={o.value}
            size="xs"
            radius="sm"
            variant="outline"
            color={o.critical ? 'red' : 'indigo'}
            classNames={{ label: o.critical ? 'cc-chip-label cc-chip-critical' : 'cc-chip-label' }}
            checked={selected.includes(o.value)}
            onChange={() => useItem.getState().toggleOption(field, o.value)}
            onFocus={() => setHover(o)}
            onBlur={() => setHover(null)}
            wrapperProps={{
              'data-anchor': rubricAnchor(field.key, o.value),
              'data-testid': `option-${field.key}-${o.value}`,
              'data-checked': selected.includes(o.value),
              onMouseEnter: () => setHover(o),
            }}
          >
            {o.title}
            <HotkeyHint hotkey={o.hotkey} />
          </Chip>
        ))}
      </div>
    </FieldShell>
  );
}

function SingleChoice({ field, errors }: { field: SingleChoiceField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const [hover, setHover] = useState<Hover | null>(null);
  return (
    <FieldShell field={field} errors={errors} definition={hover}>
      <div className="cc-chips" role="radiogroup" aria-labelledby={`${fieldDomId(field.key)}-title`} onMouseLeave={() => setHover(null)}>
        {field.options.map((o) => (
          <Chip
            key={o.value}
            type="radio"
            name={`choice-${field.key}`}
            value={o.value}
            size="xs"
            radius="sm"
            variant="outline"
            classNames={{ label: 'cc-chip-label' }}
            checked={value === o.value}
            onChange={() => useItem.getState().toggleOption(field, o.value)}
            onFocus={() => setHover(o)}
            onBlur={() => setHover(null)}
            wrapperProps={{
              'data-anchor': rubricAnchor(field.key, o.value),
              'data-testid': `option-${field.key}-${o.value}`,
              'data-checked': value === o.value,
              onMouseEnter: () => setHover(o),
            }}
          >
            {o.title}
            <HotkeyHint hotkey={o.hotkey} />
          </Chip>
        ))}
      </div>
    </FieldShell>
  );
}

function Ordinal({ field, errors }: { field: OrdinalField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const current = typeof value === 'number' ? value : null;
  const [hover, setHover] = useState<number | null>(null);
  const shown = field.levels.find((l) => l.value === (hover ?? current));
  const definition = shown ? { title: `${shown.value} · ${shown.title}`, description: shown.description } : null;

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'radio') setHover(Number(t.value));
  };

  return (
    <FieldShell field={field} errors={errors} definition={definition}>
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
        onFocus={onFocus}
        onBlur={() => setHover(null)}
        onMouseLeave={() => setHover(null)}
        styles={{ label: { paddingInline: 2 }, innerLabel: { display: 'block' } }}
        data={field.levels.map((l) => ({
          value: l.value,
          label: (
            <span
              className="cc-level"
              data-testid={`level-${field.key}-${l.value}`}
              data-anchor={rubricAnchor(field.key, l.value)}
              onMouseEnter={() => setHover(l.value)}
              style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2, lineHeight: 1.15 }}
            >
              <span style={{ fontWeight: 650, fontSize: 13 }}>
                {l.hotkey ? <HotkeyHint spoken hotkey={l.hotkey} style={{ marginInlineStart: 0, fontSize: 11 }} /> : l.value}
              </span>
              <span style={{ fontSize: 11, whiteSpace: 'nowrap' }}>{l.title}</span>
            </span>
          ),
        }))}
      />
    </FieldShell>
  );
}

function BooleanInput({ field, errors }: { field: BooleanField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]) === true;
  return (
    <FieldShell field={field} errors={errors} definition={null}>
      <Checkbox
        checked={value}
        onChange={(e) => useItem.getState().setValue(field.key, e.currentTarget.checked)}
        label={
          <>
            Yes{field.hotkey && <Text span size="xs" c="dimmed"> (press <HotkeyHint hotkey={field.hotkey} />)</Text>}
          </>
        }
        aria-label={field.title}
        data-testid={`input-${field.key}`}
      />
    </FieldShell>
  );
}

function TextInputField({ field, errors }: { field: TextField; errors: LabelValueError[] }) {
  const value = useItem((s) => s.values[field.key]);
  const text = typeof value === 'string' ? value : '';
  return (
    <FieldShell field={field} errors={errors} definition={null}>
      <Textarea
        value={text}
        onChange={(e) => useItem.getState().setValue(field.key, e.currentTarget.value)}
        placeholder={field.placeholder}
        maxLength={field.maxLength}
        // Fixed rows, resizable by hand: autosize re-measures the layout on every render, which
        // cost about 5 ms of every submit -> next item (npm run bench:ui).
        rows={3}
        resize="vertical"
        aria-label={field.title}
        data-testid={`input-${field.key}`}
        data-text-field={field.key}
        description={field.description}
        inputWrapperOrder={['input', 'description', 'error']}
        styles={{ description: { marginTop: 6, lineHeight: 1.45 } }}
      />
      <Text size="xs" c="dimmed" ta="right" mt={2}>
        {field.maxLength ? `${text.length.toLocaleString()} / ${field.maxLength.toLocaleString()}` : ''}
        {' · '}Ctrl+Enter submits · Esc leaves the field
      </Text>
    </FieldShell>
  );
}

function FieldInput({ field, errors }: { field: Field; errors: LabelValueError[] }) {
  switch (field.type) {
    case 'multi_select':
      return <MultiSelect field={field} errors={errors} />;
    case 'single_choice':
      return <SingleChoice field={field} errors={errors} />;
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
