// The app's own keys, per screen: what each key does, declared once. The screens dispatch key
// events through these maps (findAction) and the cheat sheets list them, so what a key does and what
// the sheet says cannot drift apart. conflicts.ts checks them against a guideline's hotkeys: no key
// may do two things, and nothing may be done by two keys of different origin (the app's `e` and a
// guideline's `t` both writing the rationale).
import { packHotkeys, type Field, type GuidelinePack } from '../guidelines/schema';
import { chordOf, normalizeChord, type KeyPress } from './chords';

export interface KeyBinding<A extends string = string> {
  action: A;
  /** Chords as written (`Shift+R`, `Ctrl+Enter`, `b`); several keys are aliases of one action. */
  keys: readonly string[];
  /** What it does, as the cheat sheet says it. */
  what: string;
  /**
   * What the action changes, when a guideline's hotkey can do the same (`field:rationale`: focuses
   * that field): two bindings with the same effect are two keys for one thing.
   */
  effect?: string;
}

/** The action a key press triggers in a key map, if any. */
export function findAction<A extends string>(bindings: readonly KeyBinding<A>[], e: KeyPress | string): A | undefined {
  const chord = typeof e === 'string' ? normalizeChord(e) : chordOf(e);
  return bindings.find((b) => b.keys.some((k) => normalizeChord(k) === chord))?.action;
}

type PackFields = Pick<GuidelinePack, 'fields'>;

/** The guideline's hotkey a key press triggers, if any: a field (`value` undefined) or one of its values. */
export function findPackHotkey(pack: PackFields, e: KeyPress | string): ReturnType<typeof packHotkeys>[number] | undefined {
  const chord = typeof e === 'string' ? normalizeChord(e) : chordOf(e);
  return packHotkeys(pack).find((h) => normalizeChord(h.key) === chord);
}

/** The text field the label screen's `e` writes in: the one keyed "rationale", else the first text field. */
export function rationaleField(pack: PackFields): Field | undefined {
  return pack.fields.find((f) => f.type === 'text' && f.key === 'rationale') ?? pack.fields.find((f) => f.type === 'text');
}

export type QueueAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open' | 'search' | 'escape' | 'help';

export const QUEUE_KEYS: readonly KeyBinding<QueueAction>[] = [
  { action: 'down', keys: ['j', 'ArrowDown'], what: 'Next item in the list' },
  { action: 'up', keys: ['k', 'ArrowUp'], what: 'Previous item in the list' },
  { action: 'pageDown', keys: ['PageDown'], what: 'A screenful down' },
  { action: 'pageUp', keys: ['PageUp'], what: 'A screenful up' },
  { action: 'first', keys: ['Home'], what: 'First item' },
  { action: 'last', keys: ['End'], what: 'Last item' },
  { action: 'open', keys: ['Enter'], what: 'Open the selected item' },
  { action: 'search', keys: ['/'], what: 'Search' },
  { action: 'escape', keys: ['Escape'], what: 'Leave the search box, close this sheet' },
  { action: 'help', keys: ['?'], what: 'Show or hide these keys' },
];

export type LabelAction =
  | 'submit'
  | 'submitFromText'
  | 'skip'
  | 'flag'
  | 'back'
  | 'next'
  | 'previous'
  | 'undo'
  | 'writeRationale'
  | 'reveal'
  | 'toggleRubric'
  | 'scrollDown'
  | 'scrollUp'
  | 'help'
  | 'escape';

/**
 * The label screen's keys for a guideline. `e` writes the rationale only when the guideline gives
 * that field no key of its own (harm-taxonomy's `t`): one key per action on the sheet.
 */
export function labelScreenKeys(pack: PackFields): KeyBinding<LabelAction>[] {
  const rationale = rationaleField(pack);
  return [
    { action: 'submit', keys: ['Enter'], what: 'Submit the label, open the next item' },
    { action: 'submitFromText', keys: ['Ctrl+Enter'], what: 'Submit from a text field (⌘+Enter on a Mac)' },
    { action: 'skip', keys: ['s'], what: 'Skip this item' },
    { action: 'flag', keys: ['f'], what: 'Flag this item, with a comment' },
    { action: 'back', keys: ['b', 'Backspace'], what: 'Back to the previous item' },
    { action: 'next', keys: ['j'], what: 'Next item, without saving' },
    { action: 'previous', keys: ['k'], what: 'Previous item, without saving' },
    { action: 'undo', keys: ['u', 'Ctrl+Z'], what: 'Undo your last submission' },
    ...(rationale && !rationale.hotkey
      ? [{ action: 'writeRationale' as const, keys: ['e'], what: `Write the ${rationale.title.toLowerCase()}`, effect: `field:${rationale.key}` }]
      : []),
    { action: 'reveal', keys: ['Shift+V'], what: 'View a blurred output' },
    { action: 'toggleRubric', keys: ['Shift+R'], what: 'Show or hide the rubric' },
    { action: 'scrollDown', keys: ['Space'], what: 'Scroll the sample down' },
    { action: 'scrollUp', keys: ['Shift+Space'], what: 'Scroll the sample up' },
    { action: 'help', keys: ['?'], what: 'Show or hide these keys' },
    { action: 'escape', keys: ['Escape'], what: 'Close an overlay, leave a text field, or go back to the queue' },
  ];
}

export type AdjudicationAction =
  | 'submit'
  | 'submitFromText'
  | 'writeReason'
  | 'resetToMajority'
  | 'clear'
  | 'sendBack'
  | 'flagGap'
  | 'next'
  | 'previous'
  | 'toggleNames'
  | 'toggleRubric'
  | 'reveal'
  | 'scrollDown'
  | 'scrollUp'
  | 'escape'
  | 'help';

/** The adjudication screen's keys (the guideline's hotkeys set the final label beside them). */
export const ADJUDICATION_KEYS: readonly KeyBinding<AdjudicationAction>[] = [
  { action: 'submit', keys: ['Enter'], what: 'Adjudicate, then open the next open item' },
  { action: 'submitFromText', keys: ['Ctrl+Enter'], what: 'Adjudicate from a text field (⌘+Enter)' },
  { action: 'writeReason', keys: ['e'], what: 'Write the reason (required)' },
  { action: 'resetToMajority', keys: ['u'], what: 'Back to the raters’ majority' },
  { action: 'clear', keys: ['Shift+Backspace'], what: 'Clear the final label' },
  { action: 'sendBack', keys: ['b'], what: 'Send back for re-labeling' },
  { action: 'flagGap', keys: ['f'], what: 'Flag a guideline gap' },
  { action: 'next', keys: ['j'], what: 'Next item, without saving' },
  { action: 'previous', keys: ['k'], what: 'Previous item, without saving' },
  { action: 'toggleNames', keys: ['Shift+N'], what: 'Show or hide the raters’ names' },
  { action: 'toggleRubric', keys: ['Shift+R'], what: 'Show or hide the full rubric' },
  { action: 'reveal', keys: ['Shift+V'], what: 'View a blurred output' },
  { action: 'scrollDown', keys: ['Space'], what: 'Scroll the item down' },
  { action: 'scrollUp', keys: ['Shift+Space'], what: 'Scroll the item up' },
  { action: 'escape', keys: ['Escape'], what: 'Close, leave a text field, or go to the list' },
  { action: 'help', keys: ['?'], what: 'Show or hide these keys' },
];

export type DisagreementListAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open';

/** While the disagreement list has the focus, these take over j, k and Enter (the rest stay as above). */
export const DISAGREEMENT_LIST_KEYS: readonly KeyBinding<DisagreementListAction>[] = [
  { action: 'down', keys: ['j', 'ArrowDown'], what: 'Move the cursor down' },
  { action: 'up', keys: ['k', 'ArrowUp'], what: 'Move the cursor up' },
  { action: 'pageDown', keys: ['PageDown'], what: 'A screenful down' },
  { action: 'pageUp', keys: ['PageUp'], what: 'A screenful up' },
  { action: 'first', keys: ['Home'], what: 'First disagreement' },
  { action: 'last', keys: ['End'], what: 'Last disagreement' },
  { action: 'open', keys: ['Enter'], what: 'Open the selected disagreement' },
];

/** Every place a guideline's hotkeys are pressed, with the app's keys there. */
export function screensWithPackKeys(pack: PackFields): { screen: string; keys: readonly KeyBinding[] }[] {
  return [
    { screen: 'the label screen', keys: labelScreenKeys(pack) },
    { screen: 'the adjudication screen', keys: ADJUDICATION_KEYS },
    { screen: 'the disagreement list', keys: DISAGREEMENT_LIST_KEYS },
  ];
}
