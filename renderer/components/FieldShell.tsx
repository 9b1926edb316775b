import { ActionIcon, Text, Tooltip } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import type { LabelValueError } from '../../shared/guidelines/labelValues';
import { rubricAnchor } from '../../shared/guidelines/rubric';
import type { Field } from '../../shared/guidelines/schema';
import { keyCapName } from '../lib/keys';
import { IconInfo } from './icons';

// The frame of one field in a form generated from a guideline schema (the rater's label form and the
// adjudicator's final label): title, hotkey, a link to the field's definition in the rubric, the
// definition of whatever is hovered or focused, and the field's errors.

export const fieldDomId = (key: string) => `field-${key}`;
/** The id of a field's first error message (its controls point at it with aria-describedby). */
export const fieldErrorId = (key: string) => `field-${key}-error`;

/** What a control says to assistive technology about its field's errors. */
export function invalidProps(key: string, errors: readonly unknown[]) {
  return errors.length ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(key) } : {};
}

/** A definition as a tooltip shows it: the title, then the guideline's text. */
export function DefinitionTip({ title, description, hint }: Hover & { hint?: string }) {
  return (
    <span className="cc-tip">
      <strong>{title}</strong>
      {description && <span>{description}</span>}
      {hint && <em>{hint}</em>}
    </span>
  );
}

/** The option or level whose definition is shown under its field. */
export interface Hover {
  title: string;
  description: string;
}

/**
 * A control's hotkey beside its title, in the key caps' font; a glyph with a look-alike says which it
 * is (title, aria-label). Hidden from screen readers, so the control's name stays its title, unless
 * `spoken`: an ordinal level's cap stands in for its value.
 */
export function HotkeyHint({ hotkey, style, className, spoken = false }: { hotkey?: string; style?: CSSProperties; className?: string; spoken?: boolean }) {
  if (!hotkey) return null;
  const name = keyCapName(hotkey);
  return (
    <kbd className={className ? `cc-kbd-inline ${className}` : 'cc-kbd-inline'} aria-hidden={spoken ? undefined : 'true'} title={name} aria-label={name} style={style}>
      {hotkey}
    </kbd>
  );
}

export function FieldShell({
  field,
  errors,
  definition,
  onShowDefinition,
  className = 'cc-field',
  badge,
  disputed,
  compact,
  aside,
  children,
}: {
  field: Field;
  errors: LabelValueError[];
  definition: Hover | null;
  /** Opens the rubric at this field's definition. */
  onShowDefinition: (anchor: string) => void;
  className?: string;
  /** Shown after the title and hotkey (e.g. "In dispute"). */
  badge?: ReactNode;
  disputed?: boolean;
  /** The label form's compact frame: no definition line under the field (the field's description
   * is the info button's tooltip, each option's its own), so every field fits on one screen. */
  compact?: boolean;
  /** Shown at the end of the title row, before the rubric link (a boolean's checkbox, a counter). */
  aside?: ReactNode;
  /** The field's controls; none when the title row holds them (a boolean's checkbox in `aside`). */
  children?: ReactNode;
}) {
  const anchor = rubricAnchor(field.key);
  const domId = fieldDomId(field.key);
  return (
    <section
      className={className}
      id={domId}
      data-anchor={anchor}
      data-field={field.key}
      data-testid={`field-${field.key}`}
      data-error={errors.length > 0}
      data-disputed={disputed ? 'true' : undefined}
      data-type={field.type}
      aria-labelledby={`${domId}-title`}
    >
      <div className="cc-field-head">
        <span className="cc-field-title" id={`${domId}-title`}>
          {field.title}
          {field.required && (
            <Text span c="dimmed" fw={400} aria-label="required">
              {' '}
              *
            </Text>
          )}
        </span>
        <HotkeyHint hotkey={field.hotkey} />
        {badge}
        <span style={{ flex: 1 }} />
        {aside}
        <Tooltip label={compact ? <DefinitionTip title={field.title} description={field.description} hint="Click to open it in the rubric" /> : 'Definition in the rubric'} openDelay={400} multiline={compact} w={compact ? 320 : undefined} position={compact ? 'left' : undefined}>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Show the definition of ${field.title} in the rubric`} onClick={() => onShowDefinition(anchor)} data-testid={`rubric-link-${field.key}`}>
            <IconInfo size={15} />
          </ActionIcon>
        </Tooltip>
      </div>
      {children}
      {!compact && field.type !== 'text' && (
        <div className="cc-definition" data-testid={`definition-${field.key}`} title={definition ? `${definition.title} — ${definition.description}` : field.description}>
          {definition ? (
            <>
              <strong>{definition.title}</strong> — {definition.description}
            </>
          ) : (
            field.description
          )}
        </div>
      )}
      {errors.map((e, i) => (
        <div className="cc-field-error" role="alert" key={i} id={i === 0 ? fieldErrorId(field.key) : undefined}>
          {e.message}
        </div>
      ))}
    </section>
  );
}
