import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Text,
  TextInput,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { issuePlace } from '../../../shared/guidelines/issuePlace';
import { parseRubricHeadings, rubricAnchor } from '../../../shared/guidelines/rubric';
import { replacedVersions, updateStaleVersionMentions } from '../../../shared/guidelines/staleVersion';
import type { ChoiceField, Field, GuidelinePack, MultiSelectField, OrdinalField } from '../../../shared/guidelines/schema';
import { choiceValues } from '../../../shared/guidelines/schema';
import { compareSemver, isSemver } from '../../../shared/guidelines/semver';
import { IconCheck, IconPlus } from '../../components/icons';
import { SafeText } from '../../content/SafeText';
import { timeAgo } from '../../lib/time';
import { canPublish, refKey, useOwner, type Draft } from '../../stores/owner';
import { freshValue, insertOptionHeading, mappingNeeds, setSources, setTargets, sourcesOf, targetsOf } from './draft';
import { GapNoteList } from './GapNotes';
import { RubricView } from './RubricView';
import type { EntryLike } from './SchemaView';

// Writing the next version of a guideline: version and changelog, the categories of multi-select
// fields and the levels of ordinal fields, the mapping from the version it started from, and the
// rubric Markdown; or the whole pack as JSON. Validate asks the engine (the same checks as publish);
// Publish needs a passing validation of exactly what is on screen.

type Edit = (fn: (p: GuidelinePack) => GuidelinePack) => void;

const edit: Edit = (fn) => useOwner.getState().editDraft(fn);

function updateField(p: GuidelinePack, i: number, fn: (f: Field) => Field): GuidelinePack {
  return { ...p, fields: p.fields.map((f, k) => (k === i ? fn(f) : f)) };
}

const toLines = (s: string) => s.split('\n');

function Section({ title, hint, right, children, path, testId }: { title: ReactNode; hint?: ReactNode; right?: ReactNode; children: ReactNode; path?: string; testId?: string }) {
  return (
    <section className="cc-gl-card" data-draft-path={path} data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={10}>
        <div style={{ minWidth: 0 }}>
          <div className="cc-gl-card-head" style={{ marginBottom: hint ? 2 : 0 }}>
            {title}
          </div>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {right && <div style={{ flex: 'none' }}>{right}</div>}
      </Group>
      {children}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Version and changelog

function VersionSection({ draft }: { draft: Draft }) {
  const p = draft.pack;
  const versions = useOwner((s) => s.versions);
  const notes = (versions?.find((v) => v.id === draft.base.id && v.version === draft.base.version)?.notes ?? []).filter((n) => !n.resolution);
  const entryIndex = p.changelog.findIndex((e) => e.version === p.version);
  const entry = entryIndex >= 0 ? p.changelog[entryIndex] : undefined;
  const newest = versions
    ?.filter((v) => v.id === p.id)
    .map((v) => v.version)
    .sort(compareSemver)
    .at(-1);
  const versionError = !isSemver(p.version)
    ? 'MAJOR.MINOR.PATCH, e.g. 1.2.0'
    : newest && compareSemver(p.version, newest) <= 0
      ? `must be newer than ${newest}`
      : undefined;

  const setVersion = (v: string) =>
    edit((x) => {
      const i = x.changelog.findIndex((e) => e.version === x.version);
      const changelog = i >= 0 ? x.changelog.map((e, k) => (k === i ? { ...e, version: v } : e)) : x.changelog;
      return { ...x, version: v, changelog };
    });
  const setChanges = (text: string) =>
    edit((x) => {
      const i = x.changelog.findIndex((e) => e.version === x.version);
      if (i >= 0) return { ...x, changelog: x.changelog.map((e, k) => (k === i ? { ...e, changes: toLines(text) } : e)) };
      return { ...x, changelog: [{ version: x.version, changes: toLines(text) }, ...x.changelog] };
    });

  return (
    <Section title="Version and changelog" path="version" hint={`Drafted from ${draft.base.id} ${draft.base.version}. Raters see the changelog when the version changes.`}>
      <div className="cc-gl-version-grid" data-draft-path="changelog">
        <TextInput label="Version" value={p.version} onChange={(e) => setVersion(e.currentTarget.value.trim())} error={versionError} data-testid="draft-version" classNames={{ input: 'cc-mono' }} />
        <Textarea
          label={`What changed in ${p.version || 'this version'}`}
          description="One change per line, in words raters understand."
          placeholder={'e.g. Clarified when criticism of a public figure counts as harassment.'}
          value={(entry?.changes ?? []).join('\n')}
          onChange={(e) => setChanges(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          data-testid="draft-changelog"
        />
      </div>
      {notes.length > 0 && (
        <details className="cc-gl-details">
          <summary>
            {notes.length} open gap {notes.length === 1 ? 'note' : 'notes'} flagged against {draft.base.version}
          </summary>
          <GapNoteList notes={notes} compact />
        </details>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Options and levels

function sameEntry(a: EntryLike | undefined, b: EntryLike): boolean {
  if (!a) return false;
  const norm = (e: EntryLike) => JSON.stringify([e.title, e.description, e.examples.map((x) => x.trim()).filter(Boolean), e.hotkey || null, !!e.critical, !!e.exclusive]);
  return norm(a) === norm(b);
}

function EntryControl({ e, isNew, edited, ordinal }: { e: EntryLike; isNew: boolean; edited: boolean; ordinal: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      {ordinal && <span className="cc-gl-level">{e.value}</span>}
      <Text size="sm" fw={600} className="cc-ellipsis">
        <SafeText text={e.title || '(untitled)'} />
      </Text>
      {!ordinal && (
        <Text span size="xs" c="dimmed" className="cc-mono cc-ellipsis">
          <SafeText text={String(e.value)} />
        </Text>
      )}
      <div style={{ flex: 1 }} />
      {isNew && (
        <Badge size="xs" color="teal" variant="light" className="cc-badge-plain">
          new
        </Badge>
      )}
      {!isNew && edited && (
        <Badge size="xs" color="indigo" variant="light" className="cc-badge-plain" data-testid="draft-edited">
          edited
        </Badge>
      )}
      {e.critical && (
        <Badge size="xs" color="red" variant="light" className="cc-badge-plain">
          critical
        </Badge>
      )}
      {e.hotkey && <kbd className="cc-kbd-inline">{e.hotkey}</kbd>}
    </Group>
  );
}

/**
 * A hotkey is one character, and the key typed replaces the one there: no maxLength, which would
 * swallow the keystroke whenever the old key is not selected first.
 */
function nextHotkey(old: string, typed: string): string {
  if (typed.length <= 1) return typed;
  const i = typed.indexOf(old);
  const added = old && i >= 0 ? typed.slice(0, i) + typed.slice(i + old.length) : typed;
  return added.slice(-1);
}

function EntryInputs({
  e,
  onChange,
  valueEditable,
  showFlags,
}: {
  e: EntryLike;
  onChange: (patch: Partial<EntryLike>) => void;
  valueEditable: boolean;
  showFlags: 'option' | 'multi' | 'level';
}) {
  return (
    <div className="cc-gl-entry-form">
      <div className="cc-gl-entry-grid">
        <TextInput label="Title" value={e.title} onChange={(x) => onChange({ title: x.currentTarget.value })} data-testid="draft-option-title" />
        {showFlags === 'level' ? (
          <TextInput label="Level" value={String(e.value)} disabled classNames={{ input: 'cc-mono' }} />
        ) : (
          <TextInput
            label="Value"
            value={String(e.value)}
            onChange={(x) => onChange({ value: x.currentTarget.value })}
            disabled={!valueEditable}
            classNames={{ input: 'cc-mono' }}
            title={valueEditable ? undefined : 'The values of published categories stay fixed: labels store them. To rename, add a category and map the old one onto it.'}
            data-testid="draft-option-value"
          />
        )}
        <TextInput
          label="Hotkey"
          value={e.hotkey ?? ''}
          onChange={(x) => onChange({ hotkey: nextHotkey(e.hotkey ?? '', x.currentTarget.value) })}
          onFocus={(x) => x.currentTarget.select()}
          classNames={{ input: 'cc-mono' }}
          data-testid="draft-option-hotkey"
        />
      </div>
      <Textarea
        label="Definition"
        value={e.description}
        onChange={(x) => onChange({ description: x.currentTarget.value })}
        autosize
        minRows={2}
        maxRows={10}
        data-testid="draft-option-description"
      />
      <Textarea
        label="Examples"
        description="One per line."
        value={e.examples.join('\n')}
        onChange={(x) => onChange({ examples: toLines(x.currentTarget.value) })}
        autosize
        minRows={2}
        maxRows={10}
        data-testid="draft-option-examples"
      />
      {showFlags !== 'level' && (
        <Group gap="lg">
          <Checkbox size="xs" label="Critical (shown prominently)" checked={!!e.critical} onChange={(x) => onChange({ critical: x.currentTarget.checked || undefined })} />
          {showFlags === 'multi' && (
            <Checkbox size="xs" label="Exclusive (cannot be combined)" checked={!!e.exclusive} onChange={(x) => onChange({ exclusive: x.currentTarget.checked || undefined })} />
          )}
        </Group>
      )}
    </div>
  );
}

function withPatch<T extends object>(e: T, patch: Partial<EntryLike>): T {
  const out = { ...e, ...patch } as Record<string, unknown>;
  for (const k of ['critical', 'exclusive', 'hotkey'] as const) if (k in patch && (patch[k] === undefined || patch[k] === '')) delete out[k];
  return out as T;
}

function CategoriesSection({
  field,
  index,
  basePack,
  rubric,
  open,
  setOpen,
}: {
  field: MultiSelectField;
  index: number;
  basePack: GuidelinePack | undefined;
  rubric: string;
  open: string[];
  setOpen: (v: string[]) => void;
}) {
  const baseField = basePack?.fields.find((f) => f.key === field.key);
  const baseOptions = baseField?.type === 'multi_select' ? baseField.options : [];
  const anchors = useMemo(() => new Set(parseRubricHeadings(rubric).map((h) => h.anchor)), [rubric]);

  const add = () => {
    const value = freshValue(field);
    const j = field.options.length;
    edit((p) => updateField(p, index, (f) => (f.type === 'multi_select' ? { ...f, options: [...f.options, { value, title: '', description: '', examples: [] }] } : f)));
    setOpen([...open, `fields[${index}].options[${j}]`]);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-draft-path="fields[${index}].options[${j}]"] input`)?.focus());
  };
  const patch = (j: number, patch: Partial<EntryLike>) =>
    edit((p) => updateField(p, index, (f) => (f.type === 'multi_select' ? { ...f, options: f.options.map((o, k) => (k === j ? withPatch(o, patch) : o)) } : f)));
  const remove = (j: number) => {
    edit((p) => updateField(p, index, (f) => (f.type === 'multi_select' ? { ...f, options: f.options.filter((_, k) => k !== j) } : f)));
    setOpen(open.filter((x) => !x.startsWith(`fields[${index}].options[`)));
  };

  return (
    <Section
      title={
        <>
          <SafeText text={field.title} />
          <Text span size="xs" c="dimmed" fw={400} ml={8} className="cc-mono">
            {field.key} · {field.options.length} categories
          </Text>
        </>
      }
      hint="Titles, definitions, examples and hotkeys. Removing or adding a category asks below how labels under the old version map onto the new one."
      right={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add} data-testid="draft-add-category" data-field={field.key}>
          Add category
        </Button>
      }
      path={`fields[${index}]`}
      testId={`draft-field-${field.key}`}
    >
      <Accordion multiple value={open} onChange={setOpen} variant="separated" radius="md" chevronPosition="left" className="cc-gl-accordion">
        {field.options.map((o, j) => {
          const base = baseOptions.find((b) => b.value === o.value);
          const isNew = !baseOptions.some((b) => b.value === o.value);
          const anchor = rubricAnchor(field.key, o.value);
          return (
            <Accordion.Item key={j} value={`fields[${index}].options[${j}]`} data-draft-path={`fields[${index}].options[${j}]`} data-testid={`draft-option-${field.key}-${o.value}`}>
              <Accordion.Control>
                <EntryControl e={o} isNew={isNew} edited={!sameEntry(base, o)} ordinal={false} />
              </Accordion.Control>
              <Accordion.Panel>
                <EntryInputs e={o} onChange={(x) => patch(j, x)} valueEditable={isNew} showFlags="multi" />
                <Group justify="space-between" mt={10}>
                  {anchors.has(anchor) ? (
                    <Text size="xs" c="dimmed">
                      Rubric section <span className="cc-mono">{`{#${anchor}}`}</span> found.
                    </Text>
                  ) : (
                    <Group gap={8}>
                      <Text size="xs" c="orange.8">
                        The rubric has no heading <span className="cc-mono">{`{#${anchor}}`}</span> yet.
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="orange"
                        onClick={() => edit((p) => ({ ...p, rubric: insertOptionHeading(p.rubric, field.key, String(o.value), o.title, o.description) }))}
                        data-testid="draft-insert-heading"
                      >
                        Add a rubric section
                      </Button>
                    </Group>
                  )}
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(j)} data-testid="draft-remove-category">
                    Remove category
                  </Button>
                </Group>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Section>
  );
}

function LevelsSection({ field, index, basePack, open, setOpen }: { field: OrdinalField; index: number; basePack: GuidelinePack | undefined; open: string[]; setOpen: (v: string[]) => void }) {
  const baseField = basePack?.fields.find((f) => f.key === field.key);
  const baseLevels = baseField?.type === 'ordinal' ? baseField.levels : [];
  const patch = (j: number, patch: Partial<EntryLike>) =>
    edit((p) => updateField(p, index, (f) => (f.type === 'ordinal' ? { ...f, levels: f.levels.map((l, k) => (k === j ? withPatch(l, patch) : l)) } : f)));
  return (
    <Section
      title={
        <>
          <SafeText text={field.title} />
          <Text span size="xs" c="dimmed" fw={400} ml={8} className="cc-mono">
            {field.key} · levels {field.levels[0]?.value}–{field.levels.at(-1)?.value}
          </Text>
        </>
      }
      hint="Level definitions. Adding or removing levels changes the scale: do that in Edit as JSON, with a mapping."
      path={`fields[${index}]`}
      testId={`draft-field-${field.key}`}
    >
      <Accordion multiple value={open} onChange={setOpen} variant="separated" radius="md" chevronPosition="left" className="cc-gl-accordion">
        {field.levels.map((l, j) => {
          const base = baseLevels.find((b) => b.value === l.value);
          return (
            <Accordion.Item key={j} value={`fields[${index}].levels[${j}]`} data-draft-path={`fields[${index}].levels[${j}]`} data-testid={`draft-level-${field.key}-${l.value}`}>
              <Accordion.Control>
                <EntryControl e={l} isNew={!base} edited={!sameEntry(base, l)} ordinal />
              </Accordion.Control>
              <Accordion.Panel>
                <EntryInputs e={l} onChange={(x) => patch(j, x)} valueEditable={false} showFlags="level" />
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Mapping from the previous version

function valueLabel(f: ChoiceField, v: string | number): string {
  const e = f.type === 'ordinal' ? f.levels.find((l) => l.value === v) : f.options.find((o) => o.value === v);
  return e ? `${e.title} (${v})` : String(v);
}

function MappingSection({ draft }: { draft: Draft }) {
  const p = draft.pack;
  const versions = useOwner((s) => s.versions);
  const from = p.mapping?.from;
  const fromPack = useOwner((s) => (from ? s.packs[refKey({ id: p.id, version: from })] : undefined));
  const published = useMemo(
    () =>
      (versions ?? [])
        .filter((v) => v.id === p.id)
        .map((v) => v.version)
        .sort(compareSemver)
        .reverse(),
    [versions, p.id],
  );
  useEffect(() => {
    if (from && published.includes(from) && !fromPack) void useOwner.getState().loadPack({ id: p.id, version: from });
  }, [from, fromPack, published, p.id]);

  const needs = useMemo(() => (fromPack ? mappingNeeds(fromPack, p) : []), [fromPack, p]);
  const declared = Object.entries(p.mapping?.fields ?? {}).flatMap(([k, vs]) => Object.entries(vs).map(([ov, ts]) => ({ k, ov, ts })));

  const fieldIndex = (key: string) => p.fields.findIndex((f) => f.key === key);
  const asValue = (f: ChoiceField, s: string) => (f.type === 'ordinal' ? Number(s) : s);

  return (
    <Section
      title="Mapping from the previous version"
      hint="How a label made under the old version reads under this one, so agreement and exports can compare labels across versions. Values not listed map to themselves."
      path="mapping"
      testId="draft-mapping"
      right={
        p.mapping ? (
          <Select
            size="xs"
            w={120}
            label="mapping.from"
            data={published}
            value={from ?? null}
            allowDeselect={false}
            onChange={(v) => v && edit((x) => ({ ...x, mapping: { from: v, fields: {} } }))}
            classNames={{ input: 'cc-mono' }}
            data-testid="draft-mapping-from"
          />
        ) : (
          <Button size="xs" variant="light" onClick={() => edit((x) => ({ ...x, mapping: { from: draft.base.version, fields: {} } }))}>
            Declare from {draft.base.version}
          </Button>
        )
      }
    >
      {!p.mapping ? (
        <Alert color="orange" variant="light">
          This draft declares no mapping. Every version after the first needs one.
        </Alert>
      ) : !fromPack ? (
        <Text size="sm" c="dimmed">
          {from && !published.includes(from) ? `${p.id} ${from} is not published in this workspace.` : 'Loading…'}
        </Text>
      ) : needs.length === 0 ? (
        <Group gap={8} className="cc-gl-ok-line">
          <IconCheck size={16} />
          <Text size="sm">
            Every value of {from} is still a value in {p.version || 'this draft'}: labels compare one to one, nothing to declare.
          </Text>
        </Group>
      ) : (
        <div className="cc-gl-mapping">
          {needs.map((n) => (
            <div key={n.field.key} className="cc-gl-mapfield" data-draft-path={`mapping.fields.${n.field.key}`}>
              <Text size="sm" fw={650} mb={6}>
                <SafeText text={n.field.title} />{' '}
                <Text span size="xs" c="dimmed" className="cc-mono" fw={400}>
                  {n.field.key}
                </Text>
              </Text>
              {n.removed.map((ov) => (
                <div key={`r${ov}`} className="cc-gl-maprow" data-testid={`draft-map-removed-${n.field.key}-${ov}`}>
                  <div>
                    <span className="cc-gl-chip cc-gl-chip-old">
                      <SafeText text={valueLabel(n.old, ov)} />
                    </span>
                    <Text size="xs" c="dimmed" mt={4}>
                      is gone in {p.version}. Its labels become:
                    </Text>
                  </div>
                  <MultiSelect
                    size="xs"
                    placeholder="Choose values"
                    data={choiceValues(n.field).map((v) => ({ value: String(v), label: valueLabel(n.field, v) }))}
                    value={targetsOf(p, n.field, ov).map(String)}
                    onChange={(vals) => edit((x) => setTargets(x, n.field.key, ov, vals.map((s) => asValue(n.field, s)), x.fields[fieldIndex(n.field.key)] as ChoiceField))}
                    error={targetsOf(p, n.field, ov).length === 0 ? 'Required' : undefined}
                    comboboxProps={{ withinPortal: true }}
                  />
                </div>
              ))}
              {n.added.map((nv) => {
                const sources = sourcesOf(p, n.field, n.old, nv);
                return (
                  <div key={`a${nv}`} className="cc-gl-maprow" data-testid={`draft-map-added-${n.field.key}-${nv}`}>
                    <div>
                      <span className="cc-gl-chip cc-gl-chip-new">
                        <SafeText text={valueLabel(n.field, nv)} />
                      </span>
                      <Text size="xs" c="dimmed" mt={4}>
                        is new. Labels under {from} it can come from:
                      </Text>
                    </div>
                    <MultiSelect
                      size="xs"
                      placeholder={`Choose ${from} values`}
                      data={choiceValues(n.old).map((v) => ({ value: String(v), label: valueLabel(n.old, v) }))}
                      value={sources.map(String)}
                      onChange={(vals) => edit((x) => setSources(x, x.fields[fieldIndex(n.field.key)] as ChoiceField, n.old, nv, vals.map((s) => asValue(n.old, s))))}
                      error={sources.length === 0 ? 'Required' : undefined}
                      comboboxProps={{ withinPortal: true }}
                      data-testid="draft-map-sources"
                    />
                  </div>
                );
              })}
              {n.removed.length === 0 && n.added.length === 0 && (
                <Text size="xs" c="dimmed">
                  No values were added or removed; the declaration below was written by hand.
                </Text>
              )}
            </div>
          ))}
        </div>
      )}
      {declared.length > 0 && (
        <div className="cc-gl-declared">
          <div className="cc-section-label">Declared</div>
          {declared.map((d) => (
            <div key={`${d.k}.${d.ov}`} className="cc-mono">
              <SafeText text={`${d.k}.${d.ov} → ${d.ts.map(String).join(', ')}`} />
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Rubric

function RubricSection({ rubric }: { rubric: string }) {
  const [view, setView] = useState<'write' | 'preview'>('write');
  const previewRef = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => rubric.split('\n').length, [rubric]);
  return (
    <Section
      title="Rubric"
      path="rubric"
      hint={
        <>
          Markdown, {lineCount.toLocaleString()} lines. Every field, category and level needs a heading ending in its anchor, e.g.{' '}
          <span className="cc-mono">{'### Hate {#categories-hate}'}</span>. Raw HTML is shown as text, links are never opened.
        </>
      }
      right={
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'write' | 'preview')}
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          data-testid="draft-rubric-view"
        />
      }
    >
      {view === 'write' ? (
        <Textarea
          value={rubric}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((p) => ({ ...p, rubric: v }));
          }}
          rows={24}
          spellCheck
          classNames={{ input: 'cc-gl-code' }}
          aria-label="Rubric Markdown"
          data-testid="draft-rubric"
        />
      ) : (
        <div className="cc-gl-preview" ref={previewRef}>
          <RubricView rubric={rubric} scrollRef={previewRef} />
        </div>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// The editor

function issueTarget(path: string): string {
  if (path.startsWith('{#') || path.startsWith('line ') || path === 'rubric') return 'rubric';
  return path;
}

function jumpTo(box: HTMLElement | null, path: string, open: string[], setOpen: (v: string[]) => void) {
  if (!box) return;
  const target = issueTarget(path);
  const els = [...box.querySelectorAll<HTMLElement>('[data-draft-path]')];
  const best = els
    .filter((el) => {
      const p = el.dataset.draftPath!;
      return target === p || target.startsWith(`${p}.`) || target.startsWith(`${p}[`);
    })
    .sort((a, b) => b.dataset.draftPath!.length - a.dataset.draftPath!.length)[0];
  if (!best) return;
  const p = best.dataset.draftPath!;
  if (/\.(options|levels)\[\d+\]$/.test(p) && !open.includes(p)) setOpen([...open, p]);
  requestAnimationFrame(() => {
    best.scrollIntoView({ behavior: 'smooth', block: 'start' });
    best.classList.add('cc-gl-flash');
    setTimeout(() => best.classList.remove('cc-gl-flash'), 1200);
  });
}

function Status({ draft }: { draft: Draft }) {
  const current = draft.check && draft.check.rev === draft.rev;
  const state = draft.checking ? 'checking' : !draft.check ? 'unchecked' : !current ? 'stale' : draft.check.result.ok ? 'valid' : 'invalid';
  const label = {
    checking: 'Validating…',
    unchecked: 'Not validated yet',
    stale: 'Changed since the last validation',
    valid: draft.check?.result.warnings.length ? `Valid · ${draft.check.result.warnings.length} to confirm` : 'Valid · ready to publish',
    invalid: `${draft.check?.result.issues.length ?? 0} ${draft.check?.result.issues.length === 1 ? 'issue' : 'issues'}`,
  }[state];
  const color = { checking: 'gray', unchecked: 'gray', stale: 'yellow', valid: 'teal', invalid: 'red' }[state];
  return (
    <Badge variant="light" color={color} className="cc-badge-plain" data-testid="draft-status" data-state={state} size="lg" radius="sm">
      {label}
    </Badge>
  );
}

export function DraftEditor({ draft }: { draft: Draft }) {
  const basePack = useOwner((s) => s.packs[refKey(draft.base)]);
  const [open, setOpen] = useState<string[]>([]);
  const [confirm, setConfirm] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const publishable = canPublish(draft);
  const current = draft.check && draft.check.rev === draft.rev;
  const issues = current && draft.check && !draft.check.result.ok ? draft.check.result.issues : [];
  const warnings = current && draft.check?.result.ok ? draft.check.result.warnings : [];
  const form = draft.mode === 'form' ? draft.pack : null;
  const version = draft.mode === 'form' ? draft.pack.version : draftVersionFromJson(draft.json) ?? 'the draft';
  // Issues are addressed by path (`fields[0].options[3].hotkey`); people read them by title.
  const checked = useMemo(() => (draft.mode === 'form' ? draft.pack : parseOrNull(draft.json)), [draft.mode, draft.pack, draft.json]);
  const [acknowledged, setAcknowledged] = useState(false);
  const openPublish = () => {
    setAcknowledged(false);
    setConfirm(true);
  };

  return (
    <div className="cc-gl-tabbody" data-testid="draft-editor" data-mode={draft.mode}>
      <div className="cc-gl-toolbar cc-gl-draftbar">
        <SegmentedControl
          size="xs"
          value={draft.mode}
          onChange={(v) => useOwner.getState().setDraftMode(v as 'form' | 'json')}
          data={[
            { value: 'form', label: <span data-testid="draft-mode-form">Form</span> },
            { value: 'json', label: <span data-testid="draft-mode-json">Edit as JSON</span> },
          ]}
          data-testid="draft-mode"
        />
        <Status draft={draft} />
        <SavedState draft={draft} />
        <div style={{ flex: 1 }} />
        <Menu position="bottom-end" shadow="md" width={240}>
          <Menu.Target>
            <Button size="xs" variant="subtle" color="gray" data-testid="draft-discard">
              Discard
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Throw away this draft? It was never published.</Menu.Label>
            <Menu.Item color="red" onClick={() => useOwner.getState().discardDraft()} data-testid="draft-discard-confirm">
              Discard draft {version}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button size="xs" variant="default" onClick={() => void useOwner.getState().validateDraft()} loading={draft.checking} data-testid="draft-validate">
          Validate
        </Button>
        <Tooltip
          label={!draft.check ? 'Validate first' : !current ? 'Changed since the last validation: validate again' : !draft.check.result.ok ? 'Fix the issues and validate again' : 'Publish and activate'}
          openDelay={200}
        >
          <Button size="xs" disabled={!publishable} onClick={openPublish} data-testid="draft-publish">
            Publish…
          </Button>
        </Tooltip>
      </div>

      {draft.restoredFrom && (
        <Alert
          color="indigo"
          variant="light"
          mx="md"
          mt="xs"
          py={8}
          title={`Draft restored (saved ${savedTime(draft.restoredFrom)})`}
          withCloseButton
          closeButtonLabel="Keep editing"
          onClose={() => useOwner.getState().dismissRestored()}
          data-testid="draft-restored"
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs">
              This machine kept the draft of {version} you were writing ({timeAgo(draft.restoredFrom)}). It is not published; validate it again before publishing.
            </Text>
            <Button size="compact-xs" variant="light" color="red" onClick={() => useOwner.getState().discardDraft()} data-testid="draft-restored-discard">
              Discard it
            </Button>
          </Group>
        </Alert>
      )}
      {issues.length > 0 && (
        <div className="cc-gl-issues" data-testid="draft-issues" role="alert">
          <Text size="xs" fw={650} c="red.8" mb={4}>
            The engine found {issues.length} {issues.length === 1 ? 'problem' : 'problems'}. Click one to go there.
          </Text>
          {issues.map((iss, i) => (
            <UnstyledButton
              key={i}
              className="cc-gl-issue"
              data-testid="draft-issue"
              data-path={iss.path}
              onClick={() => draft.mode === 'form' && jumpTo(scrollRef.current, iss.path, open, setOpen)}
            >
              <IssuePlace doc={checked} path={iss.path} />
              <span>
                <SafeText text={iss.message} />
              </span>
            </UnstyledButton>
          ))}
        </div>
      )}
      {current && draft.check?.result.ok && (
        <div className="cc-gl-valid" data-testid="draft-valid">
          <IconCheck size={16} /> The engine accepts {version}: structure, hotkeys, rules, rubric anchors and the mapping all check out.
        </div>
      )}
      {warnings.length > 0 && (
        <div className="cc-gl-issues cc-gl-warnings" data-testid="draft-warnings">
          <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
            <Text size="xs" fw={650} c="orange.9">
              Publishing will ask you to confirm {warnings.length === 1 ? 'this' : `these ${warnings.length}`}:
            </Text>
            {form && (
              <Button size="compact-xs" variant="light" color="orange" onClick={() => updateVersionLines(draft)} data-testid="draft-update-version-lines">
                Change {warnings.length === 1 ? 'it' : 'them'} to {form.version}
              </Button>
            )}
          </Group>
          {warnings.map((w, i) => (
            <UnstyledButton
              key={i}
              className="cc-gl-issue"
              data-testid="draft-warning"
              data-path={w.path}
              onClick={() => draft.mode === 'form' && jumpTo(scrollRef.current, w.path, open, setOpen)}
            >
              <span className="cc-mono cc-gl-issue-path">
                <SafeText text={w.path} />
              </span>
              <span>
                <SafeText text={w.message} />
              </span>
            </UnstyledButton>
          ))}
        </div>
      )}
      {draft.publishError && (
        <Alert color="red" mx="md" mt="xs" py={8} title="Not published" withCloseButton={false}>
          <SafeText text={draft.publishError} />
        </Alert>
      )}

      {draft.mode === 'json' ? (
        <div className="cc-gl-json">
          {draft.jsonError && (
            <Alert color="orange" variant="light" py={8} mb={8} data-testid="draft-json-error">
              <SafeText text={draft.jsonError} />
            </Alert>
          )}
          <Textarea
            value={draft.json}
            onChange={(e) => useOwner.getState().setDraftJson(e.currentTarget.value)}
            spellCheck={false}
            aria-label="The whole guideline pack as JSON"
            classNames={{ root: 'cc-gl-json-root', wrapper: 'cc-gl-json-root', input: 'cc-gl-code cc-gl-json-input' }}
            data-testid="draft-json"
          />
        </div>
      ) : (
        form && (
          <div className="cc-gl-scroll" ref={scrollRef}>
            <div className="cc-gl-diff">
              <VersionSection draft={{ ...draft, pack: form }} />
              {form.fields.map((f, i) =>
                f.type === 'multi_select' ? (
                  <CategoriesSection key={f.key} field={f} index={i} basePack={basePack} rubric={form.rubric} open={open} setOpen={setOpen} />
                ) : f.type === 'ordinal' ? (
                  <LevelsSection key={f.key} field={f} index={i} basePack={basePack} open={open} setOpen={setOpen} />
                ) : null,
              )}
              <MappingSection draft={{ ...draft, pack: form }} />
              <RubricSection rubric={form.rubric} />
              <Text size="xs" c="dimmed" ta="center" pb="md">
                Other fields ({form.fields.filter((f) => f.type !== 'multi_select' && f.type !== 'ordinal').map((f) => f.title).join(', ') || 'none'}), the title, the description and the
                rules are edited in <b>Edit as JSON</b>.
              </Text>
            </div>
          </div>
        )
      )}

      <Modal opened={confirm} onClose={() => setConfirm(false)} title={`Publish ${draft.base.id} ${version}?`} centered size="md" data-testid="draft-publish-dialog">
        {warnings.length > 0 && (
          <Alert color="orange" variant="light" mb="sm" title="The rubric still names the previous version" data-testid="draft-publish-warnings">
            {warnings.map((w, i) => (
              <Text key={i} size="xs" mb={4}>
                <span className="cc-mono">
                  <SafeText text={w.path} />
                </span>
                : <SafeText text={w.message} />
              </Text>
            ))}
            <Text size="xs" mt={6}>
              Raters read the rubric under {version}: a version line left from before tells them the wrong one. Cancel to fix it, or publish as it is.
            </Text>
            <Checkbox
              mt="xs"
              size="xs"
              label="These mentions are intended: publish as it is"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.currentTarget.checked)}
              data-testid="draft-publish-acknowledge"
            />
          </Alert>
        )}
        <Text size="sm">Published versions never change; labels keep the version they were made under.</Text>
        <Text size="sm" mt="sm" c="dimmed">
          {version} becomes the active version: new batches use it. Batches that started under an older version keep it until you choose, on the Batches screen, to continue
          or to re-queue them.
        </Text>
        <Group justify="flex-end" gap="xs" mt="lg">
          <Button variant="default" onClick={() => setConfirm(false)}>
            Cancel
          </Button>
          <Button
            loading={draft.publishing}
            disabled={warnings.length > 0 && !acknowledged}
            onClick={async () => {
              const ok = await useOwner.getState().publishDraft();
              if (ok) setConfirm(false);
            }}
            data-testid="draft-publish-confirm"
          >
            Publish {version}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}

/** The rubric's lines that still name the version the draft replaces, changed to the draft's version. */
function updateVersionLines(draft: Draft) {
  const newest = (useOwner.getState().versions ?? [])
    .filter((v) => v.id === draft.base.id)
    .map((v) => v.version)
    .sort(compareSemver)
    .at(-1);
  edit((p) => ({ ...p, rubric: updateStaleVersionMentions(p.rubric, replacedVersions(p, newest), p.version) }));
}

function parseOrNull(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

/** The issue's place by titles (`Harm categories › Cyber › hotkey`), the path beneath it. */
function IssuePlace({ doc, path }: { doc: unknown; path: string }) {
  const place = issuePlace(doc, path);
  if (!place) {
    return (
      <span className="cc-mono cc-gl-issue-path">
        <SafeText text={path} />
      </span>
    );
  }
  return (
    <span className="cc-gl-issue-path cc-gl-issue-place" title={path} data-testid="draft-issue-place">
      <SafeText text={place} />
    </span>
  );
}

const savedTime = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Whether the draft on screen is the copy saved on this machine. */
function SavedState({ draft }: { draft: Draft }) {
  const p = draft.persisted;
  const text =
    p.state === 'saving' ? 'Saving on this machine…' : p.state === 'error' ? 'Not saved on this machine' : `Saved on this machine · ${p.at ? savedTime(p.at) : ''}`;
  const node = (
    <Text size="xs" c={p.state === 'error' ? 'red.7' : 'dimmed'} data-testid="draft-saved" data-state={p.state} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
  return p.state === 'error' && p.error ? <Tooltip label={p.error}>{node}</Tooltip> : node;
}

function draftVersionFromJson(json: string): string | undefined {
  const m = /"version"\s*:\s*"([^"]{1,40})"/.exec(json);
  return m?.[1];
}
