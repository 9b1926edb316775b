import { Badge, Checkbox, Chip, SegmentedControl, Text, Textarea } from '@mantine/core';
import { memo, useMemo, useState, type FocusEvent, type ReactNode } from 'react';
import type { LabelValueError } from '../../shared/guidelines/labelValues';
import { rubricAnchor } from '../../shared/guidelines/rubric';
import type { BooleanField, Field, GuidelinePack, MultiSelectField, OrdinalField, SingleChoiceField, TextField } from '../../shared/guidelines/schema';
import { fieldDomId, FieldShell as SharedFieldShell, HotkeyHint, type Hover } from '../components/FieldShell';
import { fieldVotes, useAdjudication, voteKey, type Votes } from '../stores/adjudication';
import { useUi } from '../stores/ui';
import { splitSummary } from './values';

// The final label, generated from the guideline's schema with the same controls, hotkeys and test
// ids as the rater's LabelForm (whose field components read the rater's item store, so they cannot
// be bound to this one). Fields the raters disagree on are marked, with how many raters chose each
// value; the form starts from the raters' strict majority, and a field they split on starts empty
// and says so.

/** Opens the full rubric beside the item, at a field's (or value's) definition. */
export function showInGuide(anchor: string) {
  useAdjudication.getState().toggleGuide(true);
  useUi.getState().showInRubric(anchor, true);
}

function VoteCount({ votes, value, raters }: { votes: Votes | null; value: unknown; raters: number }) {
  if (!votes) return null;
  const n = votes.get(voteKey(value)) ?? 0;
  if (!n) return null;
  return (
    <span className="cc-adj-vote" title={`${n} of ${raters} raters chose this`} aria-label={`${n} of ${raters} raters`}>
      {n}/{raters}
    </span>
  );
}


interface FieldProps<F extends Field> {
  field: F;
  errors: LabelValueError[];
  /** The raters' votes when they disagree on this field, else null. */
  votes: Votes | null;
  raters: number;
}

/** The shared field frame, marked when the raters disagree on the field; a split they left without a majority says so. */
function FieldShell({ field, errors, votes, definition, children }: { field: Field; errors: LabelValueError[]; votes: Votes | null; definition: Hover | null; children: ReactNode }) {
  const split = useAdjudication((s) => s.splits[field.key]);
  const raters = useAdjudication((s) => s.item?.labels.length ?? 0);
  return (
    <SharedFieldShell
      field={field}
      errors={errors}
      definition={definition}
      onShowDefinition={showInGuide}
      className="cc-field cc-adj-field"
      disputed={Boolean(votes)}
      badge={
        votes && (
          <Badge size="xs" radius="sm" color="orange" variant="light" className="cc-badge-plain" data-testid={`disputed-${field.key}`}>
            In dispute
          </Badge>
        )
      }
    >
      {split && (
        <div className="cc-adj-split" role="note" data-testid={`split-${field.key}`}>
          {splitSummary(field, split, raters)}
        </div>
      )}
      {children}
    </SharedFieldShell>
  );
}

function Choices({ field, errors, votes, raters }: FieldProps<MultiSelectField | SingleChoiceField>) {
  const value = useAdjudication((s) => s.values[field.key]);
  const multi = field.type === 'multi_select';
  const isOn = (v: string) => (multi ? Array.isArray(value) && (value as string[]).includes(v) : value === v);
  const [hover, setHover] = useState<Hover | null>(null);
  return (
    <FieldShell field={field} errors={errors} votes={votes} definition={hover}>
      <div className="cc-chips" role={multi ? 'group' : 'radiogroup'} aria-labelledby={`${fieldDomId(field.key)}-title`} onMouseLeave={() => setHover(null)}>
        {field.options.map((o) => {
          const critical = 'critical' in o && o.critical;
          return (
            <Chip
              key={o.value}
              type={multi ? 'checkbox' : 'radio'}
              name={multi ? undefined : `adj-choice-${field.key}`}
              value={o.value}
              size="xs"
              radius="sm"
              variant="outline"
              color={critical ? 'red' : 'indigo'}
              classNames={{ label: critical ? 'cc-chip-label cc-chip-critical' : 'cc-chip-label' }}
              checked={isOn(o.value)}
              onChange={() => useAdjudication.getState().toggleOption(field, o.value)}
              onFocus={() => setHover(o)}
              onBlur={() => setHover(null)}
              wrapperProps={{
                'data-anchor': rubricAnchor(field.key, o.value),
                'data-testid': `option-${field.key}-${o.value}`,
                'data-checked': isOn(o.value),
                onMouseEnter: () => setHover(o),
              }}
            >
              {o.title}
              <HotkeyHint hotkey={o.hotkey} />
              <VoteCount votes={votes} value={o.value} raters={raters} />
            </Chip>
          );
        })}
      </div>
    </FieldShell>
  );
}

function Ordinal({ field, errors, votes, raters }: FieldProps<OrdinalField>) {
  const value = useAdjudication((s) => s.values[field.key]);
  const current = typeof value === 'number' ? value : null;
  const [hover, setHover] = useState<number | null>(null);
  const shown = field.levels.find((l) => l.value === (hover ?? current));
  const definition = shown ? { title: `${shown.value} · ${shown.title}`, description: shown.description } : null;
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'radio') setHover(Number(t.value));
  };
  return (
    <FieldShell field={field} errors={errors} votes={votes} definition={definition}>
      <SegmentedControl<number>
        fullWidth
        size="sm"
        color="indigo"
        transitionDuration={0}
        value={current as number}
        onChange={(v) => useAdjudication.getState().setValue(field.key, v)}
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
            <span className="cc-level cc-adj-level" data-testid={`level-${field.key}-${l.value}`} data-anchor={rubricAnchor(field.key, l.value)} onMouseEnter={() => setHover(l.value)}>
              <span style={{ fontWeight: 650, fontSize: 13 }}>
                {l.hotkey ? (
                  <HotkeyHint spoken hotkey={l.hotkey} style={{ marginInlineStart: 0, fontSize: 11 }} />
                ) : (
                  l.value
                )}
              </span>
              <span style={{ fontSize: 11, whiteSpace: 'nowrap' }}>{l.title}</span>
              {votes && (
                <span className="cc-adj-level-votes">
                  <VoteCount votes={votes} value={l.value} raters={raters} />
                </span>
              )}
            </span>
          ),
        }))}
      />
    </FieldShell>
  );
}

function BooleanInput({ field, errors, votes, raters }: FieldProps<BooleanField>) {
  const value = useAdjudication((s) => s.values[field.key]) === true;
  return (
    <FieldShell field={field} errors={errors} votes={votes} definition={null}>
      <Checkbox
        checked={value}
        onChange={(e) => useAdjudication.getState().setValue(field.key, e.currentTarget.checked)}
        label={
          <>
            Yes{field.hotkey && <Text span size="xs" c="dimmed"> (press <HotkeyHint hotkey={field.hotkey} />)</Text>}
            {votes && (
              <Text span size="xs" c="dimmed" ml={8}>
                {votes.get('true') ?? 0} of {raters} raters said yes
              </Text>
            )}
          </>
        }
        aria-label={field.title}
        data-testid={`input-${field.key}`}
      />
    </FieldShell>
  );
}

function TextInputField({ field, errors }: FieldProps<TextField>) {
  const value = useAdjudication((s) => s.values[field.key]);
  const text = typeof value === 'string' ? value : '';
  return (
    <FieldShell field={field} errors={errors} votes={null} definition={null}>
      <Textarea
        value={text}
        onChange={(e) => useAdjudication.getState().setValue(field.key, e.currentTarget.value)}
        placeholder={field.placeholder}
        maxLength={field.maxLength}
        rows={2}
        resize="vertical"
        aria-label={field.title}
        data-testid={`input-${field.key}`}
        data-text-field={field.key}
        description={field.description}
        inputWrapperOrder={['input', 'description', 'error']}
        styles={{ description: { marginTop: 6, lineHeight: 1.45 } }}
      />
    </FieldShell>
  );
}

function FieldInput(props: FieldProps<Field>) {
  const { field } = props;
  switch (field.type) {
    case 'multi_select':
    case 'single_choice':
      return <Choices {...props} field={field} />;
    case 'ordinal':
      return <Ordinal {...props} field={field} />;
    case 'boolean':
      return <BooleanInput {...props} field={field} />;
    case 'text':
      return <TextInputField {...props} field={field} />;
  }
}

/** The anchor of whatever form element has focus: an option, a level, or the field itself. */
function anchorOf(target: EventTarget | null): string | null {
  if (!(target instanceof HTMLElement)) return null;
  const levels = target.closest<HTMLElement>('[data-anchor-field]');
  if (levels && target instanceof HTMLInputElement) return rubricAnchor(levels.dataset.anchorField!, target.value);
  return target.closest<HTMLElement>('[data-anchor]')?.dataset.anchor ?? null;
}

/** The final label's fields (the reason and the actions are the screen's). */
export const AdjudicationForm = memo(function AdjudicationForm({ pack, labels, disputed }: { pack: GuidelinePack; labels: { values: Record<string, unknown> }[]; disputed: string[] }) {
  const attempted = useAdjudication((s) => s.attempted);
  useAdjudication((s) => s.values); // re-validate on every change
  const problems = attempted ? useAdjudication.getState().problems() : [];
  const votes = useMemo(() => new Map(pack.fields.map((f) => [f.key, disputed.includes(f.key) ? fieldVotes(f, labels) : null] as const)), [pack, labels, disputed]);

  return (
    <div
      onFocusCapture={(e) => {
        const anchor = anchorOf(e.target);
        if (anchor) useUi.getState().showInRubric(anchor);
      }}
    >
      {pack.fields.map((f) => (
        <FieldInput key={f.key} field={f} errors={problems.filter((p) => p.field === f.key)} votes={votes.get(f.key) ?? null} raters={labels.length} />
      ))}
      {problems
        .filter((p) => !pack.fields.some((f) => f.key === p.field) && !p.field.startsWith('('))
        .map((p, i) => (
          <div className="cc-field-error" role="alert" key={i}>
            {p.field}: {p.message}
          </div>
        ))}
    </div>
  );
});
