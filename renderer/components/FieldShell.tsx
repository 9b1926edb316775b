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
export function HotkeyHint({ hotkey, style, spoken = false }: { hotkey?: string; style?: CSSProperties; spoken?: boolean }) {
  if (!hotkey) return null;
  const name = keyCapName(hotkey);
  return (
    <kbd className="cc-kbd-inline" aria-hidden={spoken ? undefined : 'true'} title={name} aria-label={name} style={style}>
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
  children: ReactNode;
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
        <Tooltip label="Definition in the rubric" openDelay={400}>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Show the definition of ${field.title} in the rubric`} onClick={() => onShowDefinition(anchor)} data-testid={`rubric-link-${field.key}`}>
            <IconInfo size={15} />
          </ActionIcon>
        </Tooltip>
      </div>
      {children}
      {field.type !== 'text' && (
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
        <div className="cc-field-error" role="alert" key={i}>
          {e.message}
        </div>
      ))}
    </section>
  );
}
