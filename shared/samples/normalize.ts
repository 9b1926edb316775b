import { collectPrefixed, readPath, type FieldMap } from './fieldMap';
import { hasLoneSurrogate, sampleSchema, type Sample } from './schema';

/**
 * How a stored row was read. Rows from JSONL, Parquet and Inspect logs are JSON objects read the same
 * way (an Inspect row is already the canonical sample, shared/samples/inspect.ts); CSV cells are text.
 */
export type SourceFormat = (typeof sourceFormats)[number];
export const sourceFormats = ['jsonl', 'csv', 'inspect', 'parquet'] as const;

export type NormalizeResult = { ok: true; sample: Sample } | { ok: false; error: string };

/**
 * Turns one source row into a canonical sample, or says precisely what is wrong with it.
 * CSV cells are all strings, so for CSV: empty cells are absent, numeric scores are parsed,
 * a JSON chat array in `input` and a JSON object in `metadata`/`scores` are decoded, and
 * `metadata.x` / `scores.x` columns are gathered into objects.
 */
export function normalizeRow(row: Record<string, unknown>, map: FieldMap, format: SourceFormat): NormalizeResult {
  const pick = (field: keyof FieldMap) => {
    const path = map[field] ?? field;
    const v = readPath(row, path);
    if (v !== undefined || format !== 'csv') return v;
    return field === 'metadata' || field === 'scores' ? collectPrefixed(row, path) : undefined;
  };
  const candidate: Record<string, unknown> = {};
  for (const field of ['id', 'input', 'output', 'model', 'metadata', 'scores'] as const) {
    let v = pick(field);
    if (format === 'csv') {
      const coerced = coerceCsv(field, v);
      if (typeof coerced === 'object' && coerced !== null && 'error' in coerced) return { ok: false, error: coerced.error as string };
      v = coerced;
    }
    if (v === null && field !== 'id' && field !== 'input' && field !== 'output') v = undefined; // null optional = absent
    if (field === 'id' && typeof v === 'number' && Number.isSafeInteger(v)) v = String(v);
    if (v !== undefined) candidate[field] = v;
  }
  for (const field of ['id', 'input', 'output'] as const) {
    if (candidate[field] === undefined) {
      const path = map[field] ?? field;
      return { ok: false, error: `missing "${path}"${path !== field ? ` (mapped to ${field})` : ''}` };
    }
  }
  const parsed = sampleSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, sample: parsed.data };
  const issue = parsed.error.issues[0];
  const [field, ...rest] = issue.path.map(String);
  const sourcePath = [map[field as keyof FieldMap] ?? field, ...rest].join('.');
  return { ok: false, error: `"${sourcePath}": ${describeIssue(issue, candidate, issue.path)}` };
}

function describeIssue(issue: { code: string; message: string }, candidate: unknown, path: PropertyKey[]): string {
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    let v: unknown = candidate;
    for (const k of path) v = (v as Record<PropertyKey, unknown>)?.[k];
    const got = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
    const want = expectedOf(path);
    return `expected ${want}, got ${got}`;
  }
  return issue.message;
}

function expectedOf(path: PropertyKey[]): string {
  const [field, ...rest] = path.map(String);
  if (field === 'input') return rest.length ? 'a chat message {role: string, content: string}' : 'a string or a chat [{role, content}]';
  if (field === 'scores') return rest.length ? 'a number' : 'an object of numbers';
  if (field === 'metadata') return 'an object';
  return 'a string';
}

function coerceCsv(field: string, v: unknown): unknown {
  if (typeof v === 'string' && v === '') return undefined;
  if (field === 'input' && typeof v === 'string' && v.trimStart().startsWith('[')) {
    try {
      return JSON.parse(v);
    } catch {
      return v; // a prompt that merely starts with '[' stays text
    }
  }
  if (field === 'metadata' && v && typeof v === 'object' && !Array.isArray(v)) {
    const kept = Object.entries(v).filter(([, x]) => x !== '');
    return kept.length ? Object.fromEntries(kept) : undefined;
  }
  if ((field === 'metadata' || field === 'scores') && typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return { error: `"${field}": expected a JSON object, got text that is not JSON` };
    }
  }
  if (field === 'scores' && v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(v)) {
      if (s === '' || s === undefined) continue;
      const n = typeof s === 'string' ? Number(s) : s;
      if (typeof n !== 'number' || Number.isNaN(n)) return { error: `"scores.${k}": expected a number, got "${String(s)}"` };
      out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The id of a valid row, or the same error normalizeRow gives. For JSONL this checks the row in
 * place, building nothing (the import's validation pass runs it a million times); anything unusual
 * falls through to normalizeRow, so the two always agree (see normalize.test.ts).
 */
export function validateRow(row: Record<string, unknown>, map: FieldMap, format: SourceFormat): { ok: true; id: string } | { ok: false; error: string } {
  if (format !== 'csv' && looksValid(row, map)) {
    const id = readPath(row, map.id ?? 'id');
    return { ok: true, id: typeof id === 'number' ? String(id) : (id as string) };
  }
  const result = normalizeRow(row, map, format);
  return result.ok ? { ok: true, id: result.sample.id } : result;
}

function looksValid(row: Record<string, unknown>, map: FieldMap): boolean {
  const id = readPath(row, map.id ?? 'id');
  if (!((typeof id === 'string' && id !== '' && !hasLoneSurrogate(id)) || (typeof id === 'number' && Number.isSafeInteger(id)))) return false;
  if (typeof readPath(row, map.output ?? 'output') !== 'string') return false;
  const input = readPath(row, map.input ?? 'input');
  if (typeof input !== 'string') {
    if (!Array.isArray(input)) return false;
    for (const m of input) if (!isPlainObject(m) || typeof m.role !== 'string' || m.role === '' || typeof m.content !== 'string') return false;
  }
  const model = readPath(row, map.model ?? 'model');
  if (model != null && typeof model !== 'string') return false;
  const metadata = readPath(row, map.metadata ?? 'metadata');
  if (metadata != null && !isPlainObject(metadata)) return false;
  const scores = readPath(row, map.scores ?? 'scores');
  if (scores != null) {
    if (!isPlainObject(scores)) return false;
    for (const k in scores) if (typeof scores[k] !== 'number' || !Number.isFinite(scores[k])) return false;
  }
  return true;
}
