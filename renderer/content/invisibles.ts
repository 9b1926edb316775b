// Characters that change how text is displayed without being visible themselves: bidirectional
// embeddings, overrides and isolates (which can reorder what a rater reads, "Trojan Source"),
// zero-width characters and marks. Content never carries them into the DOM: each becomes a small
// visible badge such as ⟨U+202E RLO⟩, so an attempted trick is seen rather than obeyed.

export const INVISIBLE_NAMES: Readonly<Record<number, [abbr: string, name: string]>> = {
  0x061c: ['ALM', 'ARABIC LETTER MARK'],
  0x200b: ['ZWSP', 'ZERO WIDTH SPACE'],
  0x200c: ['ZWNJ', 'ZERO WIDTH NON-JOINER'],
  0x200d: ['ZWJ', 'ZERO WIDTH JOINER'],
  0x200e: ['LRM', 'LEFT-TO-RIGHT MARK'],
  0x200f: ['RLM', 'RIGHT-TO-LEFT MARK'],
  0x202a: ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  0x202b: ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  0x202c: ['PDF', 'POP DIRECTIONAL FORMATTING'],
  0x202d: ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  0x202e: ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  0x2060: ['WJ', 'WORD JOINER'],
  0x2066: ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  0x2067: ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  0x2068: ['FSI', 'FIRST STRONG ISOLATE'],
  0x2069: ['PDI', 'POP DIRECTIONAL ISOLATE'],
  0xfeff: ['BOM', 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)'],
};

// A ZWJ between two emoji (an emoji, skin tone or VS16 before it, an emoji after) is how sequences
// such as 👩‍💻 are written: it only joins glyphs, so it is left alone. Any other ZWJ is shown.
const EMOJI_BEFORE = '[\\p{Extended_Pictographic}\\u{1F3FB}-\\u{1F3FF}\\uFE0F]';
const SOURCE = `[\\u061C\\u200B\\u200C\\u200E\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]|(?<!${EMOJI_BEFORE})\\u200D|\\u200D(?!\\p{Extended_Pictographic})`;

/** Matches one invisible or direction-changing character (global: use with split/replace/exec loops). */
export const INVISIBLE_PATTERN = new RegExp(SOURCE, 'gu');
const TEST = new RegExp(SOURCE, 'u');

export function hasInvisibles(text: string): boolean {
  return TEST.test(text);
}

export interface InvisibleBadge {
  /** What the badge shows, e.g. "⟨U+202E RLO⟩". */
  label: string;
  /** Its full name, for the tooltip and screen readers. */
  title: string;
}

export function describeInvisible(ch: string): InvisibleBadge {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const [abbr, name] = INVISIBLE_NAMES[cp] ?? ['?', 'INVISIBLE CHARACTER'];
  return { label: `⟨U+${hex} ${abbr}⟩`, title: `Hidden character U+${hex} ${name}, shown here instead of applied` };
}

export type TextSegment = string | InvisibleBadge;

/** The text cut into plain runs and badges, in order; plain text when there is nothing to show. */
export function segmentInvisibles(text: string): TextSegment[] {
  if (!hasInvisibles(text)) return [text];
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE_PATTERN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(describeInvisible(m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The text with every invisible character replaced by its badge label (for attributes and plain strings). */
export function revealInvisibles(text: string): string {
  return hasInvisibles(text) ? text.replace(INVISIBLE_PATTERN, (ch) => describeInvisible(ch).label) : text;
}
