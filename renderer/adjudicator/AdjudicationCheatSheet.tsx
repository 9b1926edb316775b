import { Stack, Text } from '@mantine/core';
import type { GuidelinePack } from '../../shared/guidelines/schema';
import { ADJUDICATION_KEYS, DISAGREEMENT_LIST_KEYS } from '../../shared/keys/screens';
import { bindingHelp, CheatSheetFrame, GuidelineKeyColumns, KeyRows } from '../components/CheatSheet';

// `?`: the adjudication screen's keys and the guideline's own. The screen's keys are the ones a
// guideline may never bind (see RESERVED_HOTKEYS) or shifted keys, so they never collide with a pack.

export function AdjudicationCheatSheet({ pack }: { pack: GuidelinePack | null }) {
  return (
    <CheatSheetFrame footnote="Keys do nothing while you type in a text field, except Esc and Ctrl+Enter. Multi-select keys toggle an option on or off, as on the label screen. Press ? or Esc to close.">
      {/* The list's keys in a band across the bottom: the sheet fits 1280x800. */}
      <div className="cc-cheat-cols cc-cheat-cols-adj">
        <Stack gap="xs">
          <Text className="cc-section-label">Adjudicating</Text>
          <KeyRows rows={bindingHelp(ADJUDICATION_KEYS)} section="adjudication" />
        </Stack>
        <GuidelineKeyColumns pack={pack} title={`Final label · ${pack ? `${pack.id}@${pack.version}` : 'guideline'}`} />
        <Stack gap="xs" className="cc-cheat-wide">
          <Text className="cc-section-label">In the list</Text>
          <KeyRows rows={bindingHelp(DISAGREEMENT_LIST_KEYS)} section="list" flow />
        </Stack>
      </div>
    </CheatSheetFrame>
  );
}
