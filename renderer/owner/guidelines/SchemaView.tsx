import { Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import { rubricAnchor } from '../../../shared/guidelines/rubric';
import type { Field, GuidelinePack } from '../../../shared/guidelines/schema';
import { SafeText } from '../../content/SafeText';

// The label schema of a version, read-only: fields, their options or levels with definitions and
// examples, hotkeys, and which are critical or exclusive. Every name links to its rubric section.

export const FIELD_TYPE_LABEL: Record<Field['type'], string> = {
  multi_select: 'Multi-select',
  single_choice: 'Single choice',
  ordinal: 'Ordinal scale',
  boolean: 'Yes / no',
  text: 'Free text',
};

/** An option or a level, as the guideline screens show and edit it. */
export interface EntryLike {
  value: string | number;
  title: string;
  description: string;
  examples: string[];
  hotkey?: string;
  critical?: boolean;
  exclusive?: boolean;
}

function Examples({ examples }: { examples: string[] }) {
  if (!examples.length) return null;
  return (
    <ul className="cc-gl-examples">
      {examples.map((x, i) => (
        <li key={i}>
          <SafeText text={x} />
        </li>
      ))}
    </ul>
  );
}

function Entry({ field, e, onAnchor, ordinal }: { field: string; e: EntryLike; onAnchor: (a: string) => void; ordinal: boolean }) {
  return (
    <div className="cc-gl-entry" data-testid={`schema-entry-${field}-${e.value}`}>
      <Group gap={6} wrap="nowrap" align="center">
        {ordinal && <span className="cc-gl-level">{e.value}</span>}
        <UnstyledButton className="cc-gl-entry-title" onClick={() => onAnchor(rubricAnchor(field, e.value))} title="Show in the rubric">
          <SafeText text={e.title} />
        </UnstyledButton>
        {!ordinal && (
          <Text span size="xs" c="dimmed" className="cc-mono">
            <SafeText text={String(e.value)} />
          </Text>
        )}
        <div style={{ flex: 1 }} />
        {e.critical && (
          <Badge size="xs" color="red" variant="light" className="cc-badge-plain">
            critical
          </Badge>
        )}
        {e.exclusive && (
          <Tooltip label="Cannot be combined with another option" openDelay={300}>
            <Badge size="xs" color="gray" variant="light" className="cc-badge-plain">
              exclusive
            </Badge>
          </Tooltip>
        )}
        {e.hotkey && <kbd className="cc-kbd-inline">{e.hotkey}</kbd>}
      </Group>
      <Text size="xs" c="dimmed" mt={3} className="cc-gl-def" dir="auto">
        <SafeText text={e.description} />
      </Text>
      <Examples examples={e.examples} />
    </div>
  );
}

export const SchemaView = memo(function SchemaView({ pack, onAnchor }: { pack: GuidelinePack; onAnchor: (anchor: string) => void }) {
  const entry = pack.changelog.find((c) => c.version === pack.version);
  return (
    <div className="cc-gl-schema" data-testid="guideline-schema">
      <Text size="sm" dir="auto" className="cc-gl-def-main">
        <SafeText text={pack.description} />
      </Text>
      {entry && (
        <div className="cc-gl-changelog">
          <div className="cc-section-label">
            What changed in {pack.version}
            {entry.date ? ` · ${entry.date}` : ''}
          </div>
          <ul>
            {entry.changes.map((c, i) => (
              <li key={i}>
                <SafeText text={c} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {pack.fields.map((f) => (
        <section key={f.key} className="cc-gl-field" data-testid={`schema-field-${f.key}`}>
          <Group gap={8} wrap="nowrap" align="baseline">
            <UnstyledButton className="cc-gl-field-title" onClick={() => onAnchor(rubricAnchor(f.key))} title="Show in the rubric">
              <SafeText text={f.title} />
            </UnstyledButton>
            <Text span size="xs" c="dimmed" className="cc-mono">
              {f.key}
            </Text>
            <div style={{ flex: 1 }} />
            {f.required && (
              <Text span size="xs" c="dimmed">
                required
              </Text>
            )}
            <Badge size="xs" variant="outline" color="gray" className="cc-badge-plain">
              {FIELD_TYPE_LABEL[f.type]}
            </Badge>
            {f.hotkey && <kbd className="cc-kbd-inline">{f.hotkey}</kbd>}
          </Group>
          <Text size="xs" c="dimmed" mt={4} className="cc-gl-def" dir="auto">
            <SafeText text={f.description} />
          </Text>
          {(f.type === 'multi_select' || f.type === 'single_choice') && (
            <div className="cc-gl-entries">
              {f.options.map((o) => (
                <Entry key={o.value} field={f.key} e={o} onAnchor={onAnchor} ordinal={false} />
              ))}
            </div>
          )}
          {f.type === 'ordinal' && (
            <div className="cc-gl-entries">
              {f.levels.map((l) => (
                <Entry key={l.value} field={f.key} e={l} onAnchor={onAnchor} ordinal />
              ))}
            </div>
          )}
        </section>
      ))}
      {pack.rules.length > 0 && (
        <section className="cc-gl-field">
          <div className="cc-section-label" style={{ marginBottom: 6 }}>
            Rules checked on every label
          </div>
          <ul className="cc-gl-examples" style={{ marginTop: 0 }}>
            {pack.rules.map((r, i) => (
              <li key={i}>
                <SafeText text={r.message} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
