import { Stack, Text } from '@mantine/core';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { CheatSheetFrame, GuidelineKeyColumns, KeyRows, type KeyHelp } from '../components/CheatSheet';

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

export function AdjudicationCheatSheet({ pack }: { pack: GuidelinePack | null }) {
  return (
    <CheatSheetFrame footnote="Keys do nothing while you type in a text field, except Esc and Ctrl+Enter. Multi-select keys toggle an option on or off, as on the label screen. Press ? or Esc to close.">
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
        <GuidelineKeyColumns pack={pack} title={`Final label · ${pack ? `${pack.id}@${pack.version}` : 'guideline'}`} />
      </div>
    </CheatSheetFrame>
  );
}
