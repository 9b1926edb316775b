import { CloseButton, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useRef } from 'react';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { packKeyHelp, type KeyHelp } from '../components/CheatSheet';
import { keyLabel } from '../lib/keys';
import { useUi } from '../stores/ui';

// `?`: the adjudication screen's keys and the guideline's own. The screen's keys are the ones a
// guideline may never bind (see RESERVED_HOTKEYS) or shifted keys, so they never collide with a pack.

export const QUEUE_PANEL_KEYS: KeyHelp[] = [
  { keys: ['j', 'k'], what: 'Move the cursor (or ↓ ↑)' },
  { keys: ['Home', 'End'], what: 'First / last disagreement' },
  { keys: ['Enter'], what: 'Open the selected disagreement' },
];

export const ADJUDICATE_KEYS: KeyHelp[] = [
  { keys: ['Enter'], what: 'Adjudicate, then open the next open item' },
  { keys: ['Ctrl+Enter'], what: 'Adjudicate from a text field (⌘+Enter)' },
  { keys: ['e'], what: 'Write the reason (required)' },
  { keys: ['u'], what: 'Back to the raters’ majority' },
  { keys: ['Shift+⌫'], what: 'Clear the final label' },
  { keys: ['b'], what: 'Send back for re-labeling' },
  { keys: ['f'], what: 'Flag a guideline gap' },
  { keys: ['j', 'k'], what: 'Next / previous item, without saving' },
  { keys: ['Shift+N'], what: 'Show or hide the raters’ names' },
  { keys: ['Shift+R'], what: 'Show or hide the full rubric' },
  { keys: ['r'], what: 'Reveal a blurred output' },
  { keys: ['Space'], what: 'Scroll the item (Shift+Space: up)' },
  { keys: ['Esc'], what: 'Close, leave a text field, or go to the list' },
  { keys: ['?'], what: 'Show or hide these keys' },
];

function KeyRows({ rows }: { rows: KeyHelp[] }) {
  return (
    <div className="cc-keys">
      {rows.map((r) => (
        <Fragment key={r.keys.join()}>
          <Group gap={4} wrap="nowrap">
            {r.keys.map((k, i) => (
              <Fragment key={k}>
                {i > 0 && (
                  <Text span size="xs" c="dimmed">
                    or
                  </Text>
                )}
                <Kbd size="sm">{keyLabel(k)}</Kbd>
              </Fragment>
            ))}
          </Group>
          <Text size="sm">{r.what}</Text>
        </Fragment>
      ))}
    </div>
  );
}

function Groups({ groups }: { groups: { field: string; entries: KeyHelp[] }[] }) {
  return groups.map((g) => (
    <Stack gap={6} key={g.field}>
      <Text size="sm" fw={600}>
        {g.field}
      </Text>
      <KeyRows rows={g.entries} />
    </Stack>
  ));
}

export function AdjudicationCheatSheet({ pack }: { pack: GuidelinePack | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = () => useUi.getState().toggleCheatSheet(false);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => prev?.focus?.();
  }, []);
  const groups = pack ? packKeyHelp(pack) : [];
  // The guideline's groups over two columns, in order, never split, balanced by their number of keys.
  const weight = (g: { entries: unknown[] }) => g.entries.length + 1;
  const target = groups.reduce((n, g) => n + weight(g), 0) / 2;
  const second: typeof groups = [];
  let n = 0;
  for (const g of groups) {
    if (n > 0 && n + weight(g) / 2 > target) break;
    second.push(g);
    n += weight(g);
  }
  const third = groups.slice(second.length);

  return (
    <div className="cc-overlay" onMouseDown={(e) => e.target === e.currentTarget && close()} data-testid="cheatsheet-backdrop">
      <Paper ref={ref} tabIndex={-1} className="cc-cheatsheet" shadow="xl" radius="lg" p="xl" role="dialog" aria-label="Keyboard shortcuts" data-testid="cheatsheet">
        <Group justify="space-between" mb="md">
          <Title order={3} fw={650}>
            Keyboard shortcuts
          </Title>
          <CloseButton aria-label="Close keyboard shortcuts" onClick={close} />
        </Group>
        <div className="cc-cheat-cols">
          <Stack gap="md">
            <Stack gap="xs">
              <Text className="cc-section-label">Adjudicating</Text>
              <KeyRows rows={ADJUDICATE_KEYS} />
            </Stack>
            <Stack gap="xs">
              <Text className="cc-section-label">In the list</Text>
              <KeyRows rows={QUEUE_PANEL_KEYS} />
            </Stack>
          </Stack>
          {[second, third].map((column, i) => (
            <Stack gap="md" key={i}>
              <Text className="cc-section-label" style={{ visibility: i === 0 ? 'visible' : 'hidden' }}>
                Final label · {pack ? `${pack.id}@${pack.version}` : 'guideline'}
              </Text>
              <Groups groups={column} />
              {i === 0 && groups.length === 0 && (
                <Text size="sm" c="dimmed">
                  This guideline binds no keys.
                </Text>
              )}
            </Stack>
          ))}
        </div>
        <Text size="xs" c="dimmed" mt="lg">
          Keys do nothing while you type in a text field, except Esc and Ctrl+Enter. Multi-select keys toggle an option on or off, as on the label screen. Press ? or Esc to
          close.
        </Text>
      </Paper>
    </div>
  );
}
