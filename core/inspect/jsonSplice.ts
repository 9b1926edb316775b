// Edits a JSON document in place, as text: the value at a key is replaced (or the key appended) and
// every other byte stays as it was. Inspect's documents hold bare NaN, which a parse and a
// re-serialization would lose, and numbers like 0.0 that JSON.stringify would respell.

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  throw new Error('unterminated string');
}

/** The index just past the JSON value that starts at `i` (after any whitespace). */
export function skipValue(text: string, i: number): number {
  i = skipSpace(text, i);
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x22) i = skipString(text, i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return i + 1;
      }
    }
    throw new Error('unterminated object or array');
  }
  // a number, true, false, null, NaN, Infinity, -Infinity
  while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  return i;
}

export interface Span {
  start: number;
  end: number;
}

export interface Member {
  key: string;
  value: Span;
}

/** The members of the object starting at `start` (its `{`), with where each value is. */
export function objectMembers(text: string, start: number): { members: Member[]; close: number } {
  let i = skipSpace(text, start);
  if (text[i] !== '{') throw new Error(`expected an object at ${i}`);
  const members: Member[] = [];
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return { members, close: i };
  for (;;) {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected ':' at ${i}`);
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, value: { start: valueStart, end: valueEnd } });
    i = skipSpace(text, valueEnd);
    if (text[i] === '}') return { members, close: i };
    if (text[i] !== ',') throw new Error(`expected ',' or '}' at ${i}`);
    i = skipSpace(text, i + 1);
  }
}

/** The elements of the array starting at `start` (its `[`). */
export function arrayElements(text: string, start: number): { elements: Span[]; close: number } {
  let i = skipSpace(text, start);
  if (text[i] !== '[') throw new Error(`expected an array at ${i}`);
  const elements: Span[] = [];
  i = skipSpace(text, i + 1);
  if (text[i] === ']') return { elements, close: i };
  for (;;) {
    const end = skipValue(text, i);
    elements.push({ start: i, end });
    i = skipSpace(text, end);
    if (text[i] === ']') return { elements, close: i };
    if (text[i] !== ',') throw new Error(`expected ',' or ']' at ${i}`);
    i = skipSpace(text, i + 1);
  }
}

/** A text edit: replace [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The edit that sets `key` of the object at `start` to `valueJson`: its value replaced, or the key appended. */
export function setMemberEdit(text: string, start: number, key: string, valueJson: string): Edit {
  const { members, close } = objectMembers(text, start);
  const found = members.find((m) => m.key === key);
  if (found) return { start: found.value.start, end: found.value.end, text: valueJson };
  return { start: close, end: close, text: `${members.length ? ',' : ''}${JSON.stringify(key)}:${valueJson}` };
}

/** Where the value of `key` is in the object at `start`, or undefined. */
export function memberValue(text: string, start: number, key: string): Span | undefined {
  return objectMembers(text, start).members.find((m) => m.key === key)?.value;
}

/**
 * The edit that sets `scores[name]` of the object at `start`: into its scores object, or a new
 * `scores` object when it has none (or null).
 */
export function setScoreEdit(text: string, start: number, name: string, scoreJson: string): Edit {
  const scores = memberValue(text, start, 'scores');
  if (scores && text[scores.start] === '{') return setMemberEdit(text, scores.start, name, scoreJson);
  return setMemberEdit(text, start, 'scores', `{${JSON.stringify(name)}:${scoreJson}}`);
}
