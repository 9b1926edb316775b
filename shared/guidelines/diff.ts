// What changed between two versions of a guideline pack: the label schema, field by field and
// option by option, and the rubric prose, line by line. Pure: the owner screen and the CLI share it.
import type { Field, GuidelinePack } from './schema';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface SchemaChange {
  kind: ChangeKind;
  /** e.g. `categories`, `categories.hate`, `severity.3` */
  path: string;
  /** What changed, in words: "title: Hate -> Hate speech". */
  detail: string;
}

export interface LineChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface PackDiff {
  from: string;
  to: string;
  schema: SchemaChange[];
  rubric: LineChange[];
  rubricStats: { added: number; removed: number };
}

type Entry = { value: string; title: string; description?: string; definition?: string; hotkey?: string; examples?: unknown };

function entries(f: Field): Entry[] {
  if (f.type === 'multi_select' || f.type === 'single_choice') return f.options.map((o) => ({ ...o, value: String(o.value) }) as Entry);
  if (f.type === 'ordinal') return f.levels.map((l) => ({ ...l, value: String(l.value) }) as Entry);
  return [];
}

function describeChanges(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const x = JSON.stringify(a[k] ?? null);
    const y = JSON.stringify(b[k] ?? null);
    if (x === y) continue;
    out.push(typeof a[k] === 'string' && typeof b[k] === 'string' && x.length + y.length < 160 ? `${k}: ${a[k]} -> ${b[k]}` : `${k} changed`);
  }
  return out;
}

export function diffSchema(a: Pick<GuidelinePack, 'fields'>, b: Pick<GuidelinePack, 'fields'>): SchemaChange[] {
  const out: SchemaChange[] = [];
  const bByKey = new Map(b.fields.map((f) => [f.key, f]));
  const aKeys = new Set(a.fields.map((f) => f.key));
  for (const fa of a.fields) {
    const fb = bByKey.get(fa.key);
    if (!fb) {
      out.push({ kind: 'removed', path: fa.key, detail: `field "${fa.title}" removed` });
      continue;
    }
    const fieldLevel = describeChanges(fa as never, fb as never, ['type', 'title', 'description', 'hotkey', 'required', 'examples']);
    if (fieldLevel.length) out.push({ kind: 'changed', path: fa.key, detail: fieldLevel.join('; ') });
    const eb = new Map(entries(fb).map((e) => [e.value, e]));
    const ea = new Set(entries(fa).map((e) => e.value));
    for (const e of entries(fa)) {
      const other = eb.get(e.value);
      if (!other) out.push({ kind: 'removed', path: `${fa.key}.${e.value}`, detail: `"${e.title}" removed` });
      else {
        const d = describeChanges(e as never, other as never, ['title', 'description', 'definition', 'hotkey', 'examples', 'exclusive', 'critical']);
        if (d.length) out.push({ kind: 'changed', path: `${fa.key}.${e.value}`, detail: d.join('; ') });
      }
    }
    for (const e of entries(fb)) if (!ea.has(e.value)) out.push({ kind: 'added', path: `${fa.key}.${e.value}`, detail: `"${e.title}" added` });
  }
  for (const fb of b.fields) if (!aKeys.has(fb.key)) out.push({ kind: 'added', path: fb.key, detail: `field "${fb.title}" (${fb.type}) added` });
  return out;
}

/** Line diff by longest common subsequence (Hunt-McIlroy style, O(n*m) table: rubrics are ~1,000 lines). */
export function diffLines(a: string, b: string): LineChange[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: 'same', text: x[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) out.push({ kind: 'removed', text: x[i++] });
    else out.push({ kind: 'added', text: y[j++] });
  }
  while (i < n) out.push({ kind: 'removed', text: x[i++] });
  while (j < m) out.push({ kind: 'added', text: y[j++] });
  return out;
}

export function diffPacks(a: GuidelinePack, b: GuidelinePack): PackDiff {
  const rubric = diffLines(a.rubric, b.rubric);
  return {
    from: a.version,
    to: b.version,
    schema: diffSchema(a, b),
    rubric,
    rubricStats: { added: rubric.filter((l) => l.kind === 'added').length, removed: rubric.filter((l) => l.kind === 'removed').length },
  };
}
