import { ActionIcon, Alert, Badge, Group, Loader, Select, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { memo, useEffect, useMemo, useState } from 'react';
import type { GuidelineVersionInfo } from '../../../shared/api/types';
import type { PackDiff, SchemaChange } from '../../../shared/guidelines/diff';
import type { Field, GuidelinePack } from '../../../shared/guidelines/schema';
import { compareSemver } from '../../../shared/guidelines/semver';
import { api, errorMessage } from '../../api/client';
import { SafeText } from '../../content/SafeText';
import { notifyError } from '../../stores/notices';
import { useOwner } from '../../stores/owner';
import { diffRows, diffWords, numberLines } from './textDiff';

// What changed between two published versions: the label schema (fields, categories, levels), the
// mapping the newer one declares, and the rubric prose line by line.

interface EntryLike {
  title?: string;
  description?: string;
  examples?: string[];
  hotkey?: string;
  critical?: boolean;
  exclusive?: boolean;
  required?: boolean;
  type?: string;
}

function entryAt(pack: GuidelinePack | null, path: string): EntryLike | undefined {
  if (!pack) return undefined;
  const dot = path.indexOf('.');
  const key = dot < 0 ? path : path.slice(0, dot);
  const f = pack.fields.find((x) => x.key === key);
  if (!f || dot < 0) return f as EntryLike | undefined;
  const value = path.slice(dot + 1);
  if (f.type === 'ordinal') return f.levels.find((l) => String(l.value) === value);
  if (f.type === 'multi_select' || f.type === 'single_choice') return f.options.find((o) => o.value === value);
  return undefined;
}

export function Words({ a, b }: { a: string; b: string }) {
  const parts = useMemo(() => diffWords(a, b), [a, b]);
  return (
    <span className="cc-gl-words" dir="auto">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>
            <SafeText text={p.text} />
          </span>
        ) : p.kind === 'added' ? (
          <ins key={i}>
            <SafeText text={p.text} />
          </ins>
        ) : (
          <del key={i}>
            <SafeText text={p.text} />
          </del>
        ),
      )}
    </span>
  );
}

function ChangeDetail({ change, from, to }: { change: SchemaChange; from: GuidelinePack | null; to: GuidelinePack | null }) {
  const a = entryAt(from, change.path);
  const b = entryAt(to, change.path);
  if (change.kind === 'added' && b?.description) {
    return (
      <Text size="xs" className="cc-gl-def cc-gl-def-added" mt={4}>
        <SafeText text={b.description} />
      </Text>
    );
  }
  if (change.kind === 'removed' && a?.description) {
    return (
      <Text size="xs" className="cc-gl-def cc-gl-def-removed" mt={4}>
        <SafeText text={a.description} />
      </Text>
    );
  }
  if (change.kind !== 'changed' || !a || !b) return null;
  const rows: React.ReactNode[] = [];
  if ((a.title ?? '') !== (b.title ?? '')) {
    rows.push(
      <div key="title" className="cc-gl-prop">
        <span className="cc-gl-prop-name">title</span>
        <Words a={a.title ?? ''} b={b.title ?? ''} />
      </div>,
    );
  }
  if ((a.description ?? '') !== (b.description ?? '')) {
    rows.push(
      <div key="desc" className="cc-gl-prop">
        <span className="cc-gl-prop-name">definition</span>
        <Words a={a.description ?? ''} b={b.description ?? ''} />
      </div>,
    );
  }
  const ea = a.examples ?? [];
  const eb = b.examples ?? [];
  const removed = ea.filter((x) => !eb.includes(x));
  const added = eb.filter((x) => !ea.includes(x));
  if (removed.length || added.length) {
    rows.push(
      <div key="ex" className="cc-gl-prop">
        <span className="cc-gl-prop-name">examples</span>
        <div>
          {removed.map((x, i) => (
            <div key={`r${i}`} className="cc-gl-ex-removed">
              − <SafeText text={x} />
            </div>
          ))}
          {added.map((x, i) => (
            <div key={`a${i}`} className="cc-gl-ex-added">
              + <SafeText text={x} />
            </div>
          ))}
        </div>
      </div>,
    );
  }
  for (const k of ['hotkey', 'critical', 'exclusive', 'required', 'type'] as const) {
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) {
      rows.push(
        <div key={k} className="cc-gl-prop">
          <span className="cc-gl-prop-name">{k}</span>
          <span className="cc-mono">
            <del>{String(a[k] ?? '—')}</del> → <ins>{String(b[k] ?? '—')}</ins>
          </span>
        </div>,
      );
    }
  }
  return rows.length ? <div className="cc-gl-props">{rows}</div> : null;
}

const KIND_COLOR = { added: 'teal', removed: 'red', changed: 'indigo' } as const;

function titleOf(pack: GuidelinePack | null, path: string): string | undefined {
  return entryAt(pack, path)?.title;
}

export function SchemaChanges({ diff, from, to }: { diff: PackDiff; from: GuidelinePack | null; to: GuidelinePack | null }) {
  if (diff.schema.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The label schema is the same: every field, category and level keeps its value, title and definition.
      </Text>
    );
  }
  return (
    <div className="cc-gl-changes">
      {diff.schema.map((c, i) => (
        <div key={i} className="cc-gl-change" data-kind={c.kind} data-testid="schema-change" data-path={c.path}>
          <Group gap={8} wrap="nowrap" align="baseline">
            <Badge size="xs" color={KIND_COLOR[c.kind]} variant="light" className="cc-badge-plain" w={62}>
              {c.kind}
            </Badge>
            <Text size="sm" fw={600} className="cc-ellipsis">
              <SafeText text={titleOf(to, c.path) ?? titleOf(from, c.path) ?? c.path} />
            </Text>
            <Text size="xs" c="dimmed" className="cc-mono cc-ellipsis">
              <SafeText text={c.path} />
            </Text>
          </Group>
          {c.kind === 'changed' ? (
            <ChangeDetail change={c} from={from} to={to} />
          ) : (
            <>
              <Text size="xs" c="dimmed" mt={2}>
                <SafeText text={c.detail} />
              </Text>
              <ChangeDetail change={c} from={from} to={to} />
            </>
          )}
        </div>
      ))}
    </div>
  );
}

function fieldTitle(pack: GuidelinePack | null, key: string): string {
  return pack?.fields.find((f) => f.key === key)?.title ?? key;
}

function valueTitle(pack: GuidelinePack | null, key: string, value: string | number): string | undefined {
  const f: Field | undefined = pack?.fields.find((x) => x.key === key);
  if (!f) return undefined;
  if (f.type === 'ordinal') return f.levels.find((l) => String(l.value) === String(value))?.title;
  if (f.type === 'multi_select' || f.type === 'single_choice') return f.options.find((o) => o.value === String(value))?.title;
  return undefined;
}

export function MappingView({ to, from, fromVersion }: { to: GuidelinePack | null; from: GuidelinePack | null; fromVersion: string }) {
  if (!to) return <Loader size="xs" />;
  const m = to.mapping;
  if (!m) {
    return (
      <Text size="sm" c="dimmed">
        {to.version} declares no mapping (a first version, or one published without it).
      </Text>
    );
  }
  const entries = Object.entries(m.fields).flatMap(([key, values]) => Object.entries(values).map(([oldValue, targets]) => ({ key, oldValue, targets })));
  return (
    <div>
      <Text size="sm" mb={entries.length ? 8 : 0}>
        {to.version} declares how labels made under <span className="cc-mono">{m.from}</span> compare with its own.{' '}
        {entries.length === 0
          ? 'Every value kept its meaning: each one maps to itself.'
          : 'Values not listed map to themselves.'}
        {m.from !== fromVersion && (
          <Text span size="sm" c="orange.8">
            {' '}
            It is declared from {m.from}, not from {fromVersion}.
          </Text>
        )}
      </Text>
      {entries.length > 0 && (
        <table className="cc-gl-maptable" data-testid="diff-mapping">
          <thead>
            <tr>
              <th>Field</th>
              <th>{m.from} value</th>
              <th />
              <th>{to.version} values</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>
                  <SafeText text={fieldTitle(to, e.key)} />
                </td>
                <td>
                  <span className="cc-gl-chip cc-gl-chip-old">
                    <SafeText text={valueTitle(from, e.key, e.oldValue) ?? e.oldValue} />
                    <span className="cc-mono"> {e.oldValue}</span>
                  </span>
                </td>
                <td className="cc-gl-arrow">→</td>
                <td>
                  {e.targets.map((t) => (
                    <span key={String(t)} className="cc-gl-chip">
                      <SafeText text={valueTitle(to, e.key, t) ?? String(t)} />
                      <span className="cc-mono"> {String(t)}</span>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const RubricDiff = memo(function RubricDiff({ diff }: { diff: PackDiff }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const numbered = useMemo(() => numberLines(diff.rubric), [diff]);
  const rows = useMemo(() => diffRows(numbered, 3, open), [numbered, open]);
  if (diff.rubricStats.added === 0 && diff.rubricStats.removed === 0) {
    return (
      <Text size="sm" c="dimmed">
        The rubric text is the same in both versions.
      </Text>
    );
  }
  return (
    <div className="cc-gl-linediff" data-testid="rubric-diff">
      {rows.map((r) =>
        r.type === 'gap' ? (
          <UnstyledButton key={`g${r.id}`} className="cc-gl-gap" onClick={() => setOpen((s) => new Set(s).add(r.id))}>
            ⋯ {r.count.toLocaleString()} unchanged lines · show
          </UnstyledButton>
        ) : (
          <div key={`${r.line.oldNo}-${r.line.newNo}`} className="cc-gl-line" data-kind={r.line.kind} data-testid={r.line.kind === 'same' ? undefined : `rubric-line-${r.line.kind}`}>
            <span className="cc-gl-ln">{r.line.oldNo ?? ''}</span>
            <span className="cc-gl-ln">{r.line.newNo ?? ''}</span>
            <span className="cc-gl-sign">{r.line.kind === 'added' ? '+' : r.line.kind === 'removed' ? '−' : ''}</span>
            <span className="cc-gl-text" dir="auto">
              <SafeText text={r.line.text || ' '} />
            </span>
          </div>
        ),
      )}
    </div>
  );
});

function defaultPair(versions: string[], selected: string): [string, string] {
  const i = versions.indexOf(selected);
  if (i > 0) return [versions[i - 1], selected];
  if (versions.length > 1) return [versions[0], versions[1]];
  return [selected, selected];
}

export function DiffView({ id, selected, versions }: { id: string; selected: string; versions: GuidelineVersionInfo[] }) {
  const list = useMemo(
    () =>
      versions
        .filter((v) => v.id === id)
        .map((v) => v.version)
        .sort(compareSemver),
    [versions, id],
  );
  const [pair, setPair] = useState<[string, string]>(() => defaultPair(list, selected));
  useEffect(() => setPair(defaultPair(list, selected)), [list, selected]);
  const [from, to] = pair;
  const [diff, setDiff] = useState<PackDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [packs, setPacks] = useState<{ from: GuidelinePack | null; to: GuidelinePack | null }>({ from: null, to: null });

  useEffect(() => {
    let live = true;
    setDiff(null);
    setError(null);
    if (from === to) return;
    api
      .diffGuidelines({ id, from, to })
      .then((d) => live && setDiff(d))
      .catch((e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        notifyError('Could not compare the versions', e);
      });
    const { loadPack } = useOwner.getState();
    void Promise.all([loadPack({ id, version: from }), loadPack({ id, version: to })]).then(([a, b]) => live && setPacks({ from: a, to: b }));
    return () => {
      live = false;
    };
  }, [id, from, to]);

  const newer = from !== to && compareSemver(to, from) > 0 ? packs.to : packs.from;
  const older = newer === packs.to ? packs.from : packs.to;
  const changelog = useMemo(() => {
    if (!newer || from === to) return [];
    const [lo, hi] = compareSemver(from, to) < 0 ? [from, to] : [to, from];
    return newer.changelog.filter((e) => compareSemver(e.version, lo) > 0 && compareSemver(e.version, hi) <= 0);
  }, [newer, from, to]);

  const data = list.map((v) => ({ value: v, label: v }));
  return (
    <div className="cc-gl-tabbody" data-testid="guideline-diff">
      <div className="cc-gl-toolbar">
        <Select label="From" data={data} value={from} onChange={(v) => v && setPair([v, to])} w={130} size="xs" allowDeselect={false} data-testid="diff-from" comboboxProps={{ withinPortal: true }} />
        <Tooltip label="Swap" openDelay={300}>
          <ActionIcon variant="subtle" color="gray" mt={22} onClick={() => setPair([to, from])} aria-label="Swap the versions">
            ⇄
          </ActionIcon>
        </Tooltip>
        <Select label="To" data={data} value={to} onChange={(v) => v && setPair([from, v])} w={130} size="xs" allowDeselect={false} data-testid="diff-to" comboboxProps={{ withinPortal: true }} />
        <div style={{ flex: 1 }} />
        {diff && (
          <Group gap={6} mt={22}>
            <Badge variant="light" color="indigo" className="cc-badge-plain">
              {diff.schema.length} schema {diff.schema.length === 1 ? 'change' : 'changes'}
            </Badge>
            <Badge variant="light" color="teal" className="cc-badge-plain" data-testid="rubric-added">
              +{diff.rubricStats.added} lines
            </Badge>
            <Badge variant="light" color="red" className="cc-badge-plain" data-testid="rubric-removed">
              −{diff.rubricStats.removed} lines
            </Badge>
          </Group>
        )}
      </div>
      <div className="cc-gl-scroll">
        {list.length < 2 ? (
          <Text size="sm" c="dimmed" p="md">
            Only one version of this guideline is published: there is nothing to compare yet.
          </Text>
        ) : from === to ? (
          <Text size="sm" c="dimmed" p="md">
            Choose two different versions.
          </Text>
        ) : error ? (
          <Alert color="red" m="md" title="Could not compare the versions">
            <SafeText text={error} />
          </Alert>
        ) : !diff ? (
          <Group p="md" gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Comparing {from} and {to}…
            </Text>
          </Group>
        ) : (
          <div className="cc-gl-diff">
            {compareSemver(to, from) < 0 && (
              <Alert color="gray" variant="light" py={8}>
                Showing the changes backwards: from the newer {from} to the older {to}.
              </Alert>
            )}
            {changelog.length > 0 && (
              <section className="cc-gl-card">
                <div className="cc-gl-card-head">Changelog</div>
                {changelog.map((e) => (
                  <div key={e.version} className="cc-gl-changelog-entry">
                    <Text size="xs" fw={650} className="cc-mono">
                      {e.version}
                      {e.date ? <Text span size="xs" c="dimmed" fw={400}> · {e.date}</Text> : null}
                    </Text>
                    <ul>
                      {e.changes.map((c, i) => (
                        <li key={i}>
                          <SafeText text={c} />
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            )}
            <section className="cc-gl-card" data-testid="diff-schema">
              <div className="cc-gl-card-head">Label schema</div>
              <SchemaChanges diff={diff} from={packs.from} to={packs.to} />
            </section>
            <section className="cc-gl-card">
              <div className="cc-gl-card-head">Mapping</div>
              <MappingView to={newer} from={older} fromVersion={newer === packs.to ? from : to} />
            </section>
            <section className="cc-gl-card">
              <div className="cc-gl-card-head">
                Rubric
                <Text span size="xs" c="dimmed" fw={400} ml={8}>
                  line by line · <span className="cc-gl-stat-add">+{diff.rubricStats.added}</span> <span className="cc-gl-stat-del">−{diff.rubricStats.removed}</span>
                </Text>
              </div>
              <RubricDiff diff={diff} />
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
