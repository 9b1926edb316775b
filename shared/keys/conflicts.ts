// Whether a screen's keys and a guideline's hotkeys can be pressed together: no key does two things,
// and no one thing has two keys from different places (the app's and the guideline's). The guideline
// validator runs it for every pack (shared/guidelines/validate.ts), and a test runs it over every
// bundled pack and every screen.
import { packHotkeys, type GuidelinePack } from '../guidelines/schema';
import { normalizeChord } from './chords';
import { screensWithPackKeys, type KeyBinding } from './screens';

export interface KeyConflict {
  /** The chord in question (`r`, `Shift+R`). */
  key: string;
  message: string;
  /** Where in the pack the guideline's hotkey in question is (`fields[0].options[3]`), when one is the guideline's. */
  path?: string;
  /** Both sides are the guideline's hotkeys (the same clash on every screen). */
  withinPack: boolean;
}

interface Entry {
  chords: string[];
  /** What pressing it does; two entries with one effect are two keys for one thing. */
  effect: string;
  /** In words: `"Skip this item"`, `"Self-harm" (Harm categories)`, `the field "Rationale"`. */
  who: string;
  /** Where the guideline declares it; undefined for the app's keys. */
  path?: string;
}

type PackFields = Pick<GuidelinePack, 'fields'>;

/** The guideline's hotkeys as entries, each named by title: `"Self-harm" (Harm categories)`, `the field "Rationale"`. */
function packEntries(pack: PackFields): Entry[] {
  const titles = new Map(pack.fields.map((f) => [f.key, f.title] as const));
  return packHotkeys(pack).map((h) => {
    const field = titles.get(h.field) ?? h.field;
    const isField = h.value === undefined;
    return {
      chords: [normalizeChord(h.key)],
      effect: isField ? `field:${h.field}` : `value:${h.field}:${String(h.value)}`,
      who: isField ? `the field "${field}"` : `"${typeof h.value === 'number' ? `${h.value} · ${h.title}` : h.title}" (${field})`,
      path: h.path,
    };
  });
}

function appEntries(bindings: readonly KeyBinding[]): Entry[] {
  return bindings.map((b) => ({ chords: b.keys.map(normalizeChord), effect: b.effect ?? `app:${b.action}`, who: `"${b.what}"` }));
}

const isPack = (e: Entry) => e.path !== undefined;
const describe = (e: Entry) => (isPack(e) ? e.who : `the app's key for ${e.who}`);

function clash(chord: string, first: Entry, later: Entry): KeyConflict {
  const withinPack = isPack(first) && isPack(later);
  const [ours, theirs] = isPack(later) ? [later, first] : [first, later];
  const message = withinPack
    ? `hotkey ${JSON.stringify(chord)} of ${later.who} is already used by ${first.who}`
    : isPack(ours)
      ? `hotkey ${JSON.stringify(chord)} of ${ours.who} is ${describe(theirs)}`
      : `${JSON.stringify(chord)} is both ${describe(first)} and ${describe(later)}`;
  return { key: chord, message, path: ours.path, withinPack };
}

/** Every conflict between the app's keys on one screen and the guideline's hotkeys (and within each). */
export function keyConflicts(app: readonly KeyBinding[], pack: PackFields): KeyConflict[] {
  const entries = [...appEntries(app), ...packEntries(pack)];
  const out: KeyConflict[] = [];
  const byChord = new Map<string, Entry>();
  for (const e of entries) {
    for (const chord of new Set(e.chords)) {
      const first = byChord.get(chord);
      if (!first) byChord.set(chord, e);
      else if (first.effect !== e.effect) out.push(clash(chord, first, e));
    }
  }
  const byEffect = new Map<string, Entry>();
  for (const e of entries) {
    const first = byEffect.get(e.effect);
    if (!first) {
      byEffect.set(e.effect, e);
      continue;
    }
    // Two of the guideline's own entries with one effect are a duplicate value, which the validator
    // reports as such ("duplicate level 4"); saying it again as a key problem would only confuse.
    if (isPack(first) && isPack(e)) continue;
    const [ours, theirs] = isPack(e) ? [e, first] : [first, e];
    out.push({
      key: e.chords[0],
      message: `${describe(ours)} (${ours.chords.join(', ')}) does what ${describe(theirs)} (${theirs.chords.join(', ')}) does: one key per action`,
      path: ours.path,
      withinPack: false,
    });
  }
  return out;
}

/** The conflicts of a guideline's hotkeys on every screen they are pressed on, each saying where. */
export function packKeyConflicts(pack: PackFields): KeyConflict[] {
  const seen = new Set<string>();
  const out: KeyConflict[] = [];
  for (const { screen, keys } of screensWithPackKeys(pack)) {
    for (const c of keyConflicts(keys, pack)) {
      // A clash between two of the guideline's own hotkeys is the same on every screen: say it once.
      const shown = c.withinPack ? c : { ...c, message: `on ${screen}, ${c.message}` };
      if (seen.has(shown.message)) continue;
      seen.add(shown.message);
      out.push(shown);
    }
  }
  return out;
}
