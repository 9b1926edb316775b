import { canonicalFields, type CanonicalField } from './schema';

/** Where each canonical field is read from in a source row (dotted paths). */
export type FieldMap = Partial<Record<CanonicalField, string>>;

/**
 * Parses `id=sample_id,output=response.text` into a FieldMap. Throws with a precise message on a
 * malformed pair or an unknown canonical field.
 */
export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new Error(`--map entry "${part}" is not of the form field=path`);
    const field = part.slice(0, eq).trim() as CanonicalField;
    const source = part.slice(eq + 1).trim();
    if (!canonicalFields.includes(field)) {
      throw new Error(`--map entry "${part}": "${field}" is not a sample field (one of ${canonicalFields.join(', ')})`);
    }
    if (map[field]) throw new Error(`--map names "${field}" twice`);
    map[field] = source;
  }
  return map;
}

/**
 * Reads a dotted path from a row. A key that literally contains the dots (a CSV header such as
 * `scores.toxicity`) wins over descending into nested objects.
 */
export function readPath(row: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(row, path)) return row[path];
  let cur: unknown = row;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Gathers flat columns `prefix.key` into an object { key: value }, or undefined if there are none. */
export function collectPrefixed(row: Record<string, unknown>, prefix: string): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  const p = prefix + '.';
  for (const k in row) {
    if (k.startsWith(p)) (out ??= {})[k.slice(p.length)] = row[k];
  }
  return out;
}
