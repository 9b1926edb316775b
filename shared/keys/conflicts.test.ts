import { describe, expect, it } from 'vitest';
import { packV1 } from '../guidelines/fixtures';
import type { GuidelinePack } from '../guidelines/schema';
import { chordOf, lookalikeName, normalizeChord } from './chords';
import { keyConflicts, packKeyConflicts } from './conflicts';
import { ADJUDICATION_KEYS, DISAGREEMENT_LIST_KEYS, findAction, findPackHotkey, labelScreenKeys, QUEUE_KEYS, type KeyBinding } from './screens';

const pack = () => packV1() as unknown as GuidelinePack;
const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('chords', () => {
  it('spells a key press as the key maps write it', () => {
    expect(chordOf(press('R', { shiftKey: true }))).toBe('Shift+r');
    expect(normalizeChord('Shift+R')).toBe('Shift+r');
    expect(chordOf(press('r'))).toBe('r');
    expect(chordOf(press('?', { shiftKey: true }))).toBe('?'); // the character carries the Shift
    expect(chordOf(press(' ', { shiftKey: true }))).toBe(normalizeChord('Shift+Space'));
    expect(chordOf(press('Enter', { metaKey: true }))).toBe(normalizeChord('Ctrl+Enter'));
    expect(chordOf(press('z', { ctrlKey: true }))).toBe(normalizeChord('Ctrl+Z'));
    expect(normalizeChord('Esc')).toBe('Escape');
  });

  it('finds the action of a key press, Shift kept apart', () => {
    const keys = labelScreenKeys(pack());
    expect(findAction(keys, press('R', { shiftKey: true }))).toBe('toggleRubric');
    expect(findAction(keys, press('V', { shiftKey: true }))).toBe('reveal');
    expect(findAction(keys, press('v'))).toBeUndefined();
    expect(findAction(keys, press('Backspace'))).toBe('back');
    expect(findAction(ADJUDICATION_KEYS, press('Backspace', { shiftKey: true }))).toBe('clear');
  });

  it("finds the guideline's hotkey of a key press, and none with a modifier held", () => {
    const p = pack();
    // The fixture's option "b" has the hotkey c: the key, not the value, is what is looked up.
    expect(findPackHotkey(p, press('c'))).toMatchObject({ field: 'categories', value: 'b' });
    expect(findPackHotkey(p, press('1'))).toMatchObject({ field: 'severity', value: 1 });
    expect(findPackHotkey(p, press('r'))).toMatchObject({ field: 'expert' });
    expect(findPackHotkey(p, press('r'))?.value).toBeUndefined();
    expect(findPackHotkey(p, press('c', { ctrlKey: true }))).toBeUndefined();
    expect(findPackHotkey(p, press('C', { shiftKey: true }))).toBeUndefined();
    expect(findPackHotkey(p, press('b'))).toBeUndefined();
  });

  it('names the glyphs that look alike', () => {
    expect(lookalikeName('l')).toBe('lowercase letter L');
    expect(lookalikeName('1')).toBe('digit one');
    expect(lookalikeName('0')).toBe('digit zero');
    expect(lookalikeName('o')).toBe('lowercase letter O');
    expect(lookalikeName('x')).toBeUndefined();
  });
});

describe('keyConflicts', () => {
  it('finds a key that does two things, naming both', () => {
    // The label screen as it was: r revealed a blurred output, and harm-taxonomy's r toggles expert review.
    const before: KeyBinding[] = [{ action: 'reveal', keys: ['r'], what: 'Reveal a blurred output' }];
    const p = pack();
    expect(keyConflicts(before, p)).toEqual([
      { key: 'r', message: 'hotkey "r" of the field "Expert" is the app\'s key for "Reveal a blurred output"', path: 'fields[3]', withinPack: false },
    ]);
  });

  it('finds one thing with two keys: the app’s e and a guideline’s own key on the rationale', () => {
    const p = pack();
    const notes = p.fields[4];
    notes.hotkey = 't';
    const before: KeyBinding[] = [{ action: 'writeRationale', keys: ['e'], what: 'Edit the rationale', effect: 'field:notes' }];
    expect(keyConflicts(before, p).map((c) => c.message)).toEqual([
      'the field "Notes" (t) does what the app\'s key for "Edit the rationale" (e) does: one key per action',
    ]);
    // Today's map leaves e out when the field has a key of its own, and keeps it when it has none.
    expect(keyConflicts(labelScreenKeys(p), p)).toEqual([]);
    expect(labelScreenKeys(p).some((b) => b.keys.includes('e'))).toBe(false);
    expect(labelScreenKeys(pack()).find((b) => b.keys.includes('e'))).toMatchObject({ action: 'writeRationale', what: 'Write the notes' });
  });

  it('finds two of the guideline’s hotkeys on one key once, not once per screen', () => {
    const p = pack();
    if (p.fields[0].type === 'multi_select') p.fields[0].options[1].hotkey = 'a';
    expect(packKeyConflicts(p)).toEqual([
      { key: 'a', message: 'hotkey "a" of "B" (Categories) is already used by "A" (Categories)', path: 'fields[0].options[1]', withinPack: true },
    ]);
  });

  it('says on which screen a guideline clashes with the app', () => {
    const p = pack();
    // A key only the disagreement list uses (a pack may not bind arrows, but the check does not rely on that).
    if (p.fields[0].type === 'multi_select') p.fields[0].options[0].hotkey = 'ArrowDown';
    expect(packKeyConflicts(p).map((c) => c.message)).toEqual(['on the disagreement list, hotkey "ArrowDown" of "A" (Categories) is the app\'s key for "Move the cursor down"']);
  });

  it('finds nothing in the app’s own maps', () => {
    const none = { fields: [] };
    for (const keys of [QUEUE_KEYS, labelScreenKeys(none), labelScreenKeys(pack()), ADJUDICATION_KEYS, DISAGREEMENT_LIST_KEYS]) expect(keyConflicts(keys, none)).toEqual([]);
  });
});
