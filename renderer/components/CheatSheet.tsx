import { CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { labelScreenKeys, QUEUE_KEYS, type KeyBinding } from '../../shared/keys/screens';
import { returnFocusToScreen } from '../lib/dialogFocus';
import { KeyCap } from './KeyCap';
import { useUi } from '../stores/ui';

export interface KeyHelp {
  keys: string[];
  what: string;
}

/** A key map's rows as the sheet shows them. */
export function bindingHelp(bindings: readonly KeyBinding[]): KeyHelp[] {
  return bindings.map((b) => ({ keys: [...b.keys], what: b.what }));
}

/** Every key the guideline binds, by field, in the pack's order. */
export function packKeyHelp(pack: GuidelinePack): { field: string; entries: KeyHelp[] }[] {
  const out: { field: string; entries: KeyHelp[] }[] = [];
  for (const f of pack.fields) {
    const entries: KeyHelp[] = [];
    if (f.hotkey) {
      const verb = f.type === 'boolean' ? 'Toggle' : f.type === 'text' ? 'Write in' : 'Go to';
      entries.push({ keys: [f.hotkey], what: `${verb} ${f.title}` });
    }
    if (f.type === 'ordinal') {
      for (const l of f.levels) if (l.hotkey) entries.push({ keys: [l.hotkey], what: `${l.value} · ${l.title}` });
    } else if (f.type === 'multi_select' || f.type === 'single_choice') {
      for (const o of f.options) if (o.hotkey) entries.push({ keys: [o.hotkey], what: o.title });
    }
    if (entries.length) out.push({ field: f.title, entries });
  }
  return out;
}

/** Two columns of field groups, balanced by their number of keys (groups are never split). */
function splitColumns<T extends { entries: unknown[] }>(groups: T[]): [T[], T[]] {
  const total = groups.reduce((n, g) => n + g.entries.length + 1, 0);
  const left: T[] = [];
  let n = 0;
  for (const g of groups) {
    if (n > 0 && n + (g.entries.length + 1) / 2 > total / 2) break;
    left.push(g);
    n += g.entries.length + 1;
  }
  return [left, groups.slice(left.length)];
}

function Caps({ keys }: { keys: string[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && (
            <Text span size="xs" c="dimmed">
              or
            </Text>
          )}
          <KeyCap size="sm" chord={k} />
        </Fragment>
      ))}
    </Group>
  );
}

/**
 * A key map's rows: key caps, then what they do. `section`: which keys work together (a test
 * checks that no key is listed twice in one). `flow`: the rows side by side, wrapping (a short map
 * under the others, so the sheet fits the window).
 */
export function KeyRows({ rows, section, flow = false }: { rows: KeyHelp[]; section: string; flow?: boolean }) {
  if (flow) {
    return (
      <div className="cc-keys-flow" data-keys-section={section}>
        {rows.map((r) => (
          <span className="cc-keys-item" key={r.keys.join()}>
            <Caps keys={r.keys} />
            <Text size="sm">{r.what}</Text>
          </span>
        ))}
      </div>
    );
  }
  return (
    <div className="cc-keys" data-keys-section={section}>
      {rows.map((r) => (
        <Fragment key={r.keys.join()}>
          <Caps keys={r.keys} />
          <Text size="sm">{r.what}</Text>
        </Fragment>
      ))}
    </div>
  );
}

/** Field groups of guideline keys, each under its field's title. */
function KeyGroups({ groups }: { groups: { field: string; entries: KeyHelp[] }[] }) {
  return groups.map((g) => (
    <Stack gap={6} key={g.field}>
      <Text size="sm" fw={600}>
        {g.field}
      </Text>
      <KeyRows rows={g.entries} section="guideline" />
    </Stack>
  ));
}

/** The guideline's own keys, by field, over two balanced columns under one title. */
export function GuidelineKeyColumns({ pack, title }: { pack: GuidelinePack | null; title: string }) {
  const groups = pack ? packKeyHelp(pack) : [];
  return splitColumns(groups).map((column, i) => (
    <Stack gap="md" key={i}>
      <Text className="cc-section-label" style={{ visibility: i === 0 ? 'visible' : 'hidden' }}>
        {title}
      </Text>
      <KeyGroups groups={column} />
      {i === 0 && groups.length === 0 && (
        <Text size="sm" c="dimmed">
          This guideline binds no keys.
        </Text>
      )}
    </Stack>
  ));
}

/** The overlay every cheat sheet shares: focus moves in (and back to the screen on close), click outside or the button closes. */
export function CheatSheetFrame({ children, footnote }: { children: ReactNode; footnote: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = () => useUi.getState().toggleCheatSheet(false);
  useEffect(() => {
    ref.current?.focus();
    return returnFocusToScreen;
  }, []);
  return (
    <div className="cc-overlay" onMouseDown={(e) => e.target === e.currentTarget && close()} data-testid="cheatsheet-backdrop">
      <Paper ref={ref} tabIndex={-1} className="cc-cheatsheet" shadow="xl" radius="lg" p="xl" role="dialog" aria-label="Keyboard shortcuts" data-testid="cheatsheet">
        <Group justify="space-between" mb="md">
          <Title order={3} fw={650}>
            Keyboard shortcuts
          </Title>
          <CloseButton aria-label="Close keyboard shortcuts" onClick={close} />
        </Group>
        {children}
        <Text size="xs" c="dimmed" mt="lg">
          {footnote}
        </Text>
      </Paper>
    </div>
  );
}

/** The `?` overlay of the rater's screens: every key of the current screen, including the guideline's own hotkeys. */
export function CheatSheet({ context, pack }: { context: 'queue' | 'label'; pack?: GuidelinePack | null }) {
  return (
    <CheatSheetFrame footnote="Keys do nothing while you type in a text field, except Esc and Ctrl+Enter. Press ? or Esc to close.">
      {context === 'queue' ? (
        <KeyRows rows={bindingHelp(QUEUE_KEYS)} section="queue" />
      ) : (
        <div className="cc-cheat-cols">
          <Stack gap="xs">
            <Text className="cc-section-label">Labeling</Text>
            <KeyRows rows={pack ? bindingHelp(labelScreenKeys(pack)) : []} section="label" />
          </Stack>
          <GuidelineKeyColumns pack={pack ?? null} title={`Guideline ${pack ? `${pack.id}@${pack.version}` : ''}`} />
        </div>
      )}
    </CheatSheetFrame>
  );
}
