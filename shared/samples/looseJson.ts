// JSON as Python writes it: Inspect's logs hold bare NaN, Infinity and -Infinity (a NaN score is
// Inspect's "unscored" sentinel), which JSON.parse refuses.

/**
 * Parses JSON that may hold the bare tokens NaN, Infinity and -Infinity (outside strings), which
 * become null: a stored row must be plain JSON, and a non-finite number is no usable score.
 */
export function parseLooseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const fixed = nonFiniteToNull(text);
    if (fixed === text) throw e;
    return JSON.parse(fixed);
  }
}

/** The same text with every bare NaN, Infinity and -Infinity outside strings replaced by null. */
export function nonFiniteToNull(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string, escapes included
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      continue;
    }
    const token = c === 0x4e && text.startsWith('NaN', i) ? 3 : c === 0x49 && text.startsWith('Infinity', i) ? 8 : c === 0x2d && text.startsWith('-Infinity', i) ? 9 : 0;
    if (token) {
      out += text.slice(from, i) + 'null';
      i += token - 1;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
