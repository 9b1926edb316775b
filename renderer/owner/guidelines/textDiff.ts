// Display helpers for diffs: word-level changes inside a definition, and the rubric's line diff cut
// into hunks with a few lines of context (unchanged stretches collapse).
import type { LineChange } from '../../../shared/guidelines/diff';

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level diff (LCS over words and the spaces between them). Definitions are short, O(n*m) is fine. */
export function diffWords(a: string, b: string): WordPart[] {
  const x = a.split(/(\s+)/).filter((s) => s !== '');
  const y = b.split(/(\s+)/).filter((s) => s !== '');
  const n = x.length;
  const m = y.length;
  if (n * m > 4_000_000) return [{ kind: 'removed', text: a }, { kind: 'added', text: b }];
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
  const out: WordPart[] = [];
  const push = (kind: WordPart['kind'], text: string) => {
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push('same', x[i]);
      i++;
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) push('removed', x[i++]);
    else push('added', y[j++]);
  }
  while (i < n) push('removed', x[i++]);
  while (j < m) push('added', y[j++]);
  return out;
}

export interface NumberedLine extends LineChange {
  /** 1-based line in the old / new text (null for added / removed lines). */
  oldNo: number | null;
  newNo: number | null;
}

export type DiffRow = { type: 'line'; line: NumberedLine } | { type: 'gap'; id: number; from: number; count: number };

export function numberLines(lines: LineChange[]): NumberedLine[] {
  let o = 0;
  let n = 0;
  return lines.map((l) => ({
    ...l,
    oldNo: l.kind === 'added' ? null : ++o,
    newNo: l.kind === 'removed' ? null : ++n,
  }));
}

/**
 * Rows to show: changed lines with `context` unchanged lines around them; longer unchanged
 * stretches become a gap row (expanded when its id is in `open`).
 */
export function diffRows(lines: NumberedLine[], context: number, open: ReadonlySet<number>): DiffRow[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    if (keep[i]) {
      rows.push({ type: 'line', line: lines[i++] });
      continue;
    }
    const start = i;
    while (i < lines.length && !keep[i]) i++;
    const count = i - start;
    if (count <= 2 || open.has(start)) for (let k = start; k < i; k++) rows.push({ type: 'line', line: lines[k] });
    else rows.push({ type: 'gap', id: start, from: start, count });
  }
  return rows;
}
