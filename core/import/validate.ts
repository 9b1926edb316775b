import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { FieldMap } from '../../shared/samples/fieldMap';
import { validateRow, type SourceFormat } from '../../shared/samples/normalize';
import { IdIndex, IdList, type IdListData } from './idIndex';
import type { ByteRange, GrowingFile } from './lines';
import { readRows, type ReadRowsOptions } from './rows';
import { validateInWorker } from './validateInWorker';

export interface InvalidRow {
  line: number;
  error: string;
}

/**
 * How deep a row's JSON may nest. Rows are stored inside their import event's payload, two levels
 * down, and SQLite's JSON functions, which read them back, refuse documents deeper than 1000 levels.
 */
export const MAX_ROW_DEPTH = 990;


/**
 * Validation reads 64 KB at a time: each chunk's parsed rows stay alive until it is done, and with
 * two threads validating, 1 MB chunks cost ~100 MB more peak memory (64 KB chunks: no slower).
 */
const VALIDATION_CHUNK_BYTES = 64 << 10;

/** A row that passed validation: its id and its JSON, as text or as its bytes in the file. */
export interface ValidRow {
  line: number;
  id: string;
  json: string | Buffer;
}

/** Where valid ids go: an IdIndex answers a duplicate with the line its id was first seen on. */
interface IdSink {
  add(id: string, line: number): number | undefined;
}

const duplicateError = (id: string, firstLine: number) => `duplicate id "${id}" (first on line ${firstLine})`;

/**
 * Parses and validates every row, records the invalid ones and yields the valid ones (or, with
 * `keep` false, empty arrays: the all-or-nothing first pass only collects ids).
 */
export async function* validRows(
  file: string,
  format: SourceFormat,
  map: FieldMap,
  seen: IdSink,
  invalid: InvalidRow[],
  keep: boolean,
  onRows?: (rows: number) => void,
  read?: ReadRowsOptions,
): AsyncGenerator<ValidRow[]> {
  let n = 0;
  for await (const chunk of readRows(file, format, { chunkSize: VALIDATION_CHUNK_BYTES, ...read })) {
    const valid: ValidRow[] = [];
    for (const r of chunk) {
      if (r.error !== undefined) {
        invalid.push({ line: r.line, error: r.error });
        continue;
      }
      const result = validateRow(r.row, map, format);
      if (!result.ok) {
        invalid.push({ line: r.line, error: withMapHint(result.error, r.row, map) });
        continue;
      }
      if (r.raw.length > 2 * MAX_ROW_DEPTH && nestingDepth(r.row, MAX_ROW_DEPTH + 1) > MAX_ROW_DEPTH) {
        invalid.push({ line: r.line, error: `the row nests more than ${MAX_ROW_DEPTH} levels deep` });
        continue;
      }
      const { id } = result;
      const earlier = seen.add(id, r.line);
      if (earlier !== undefined) {
        invalid.push({ line: r.line, error: duplicateError(id, earlier) });
        continue;
      }
      if (keep) valid.push({ line: r.line, id, json: r.raw });
    }
    n += chunk.length;
    onRows?.(n);
    yield valid;
  }
}

const CANONICAL_FIELDS = ['id', 'input', 'output'];
const KNOWN_FIELDS = new Set([...CANONICAL_FIELDS, 'model', 'metadata', 'scores']);

/**
 * A required field missing from a row read without a mapping for it: the row likely names it
 * otherwise, so the message lists the fields the row has and the --map that would read one.
 */
function withMapHint(error: string, row: Record<string, unknown>, map: FieldMap): string {
  const field = /^missing "([^"]+)"$/.exec(error)?.[1];
  if (!field || !CANONICAL_FIELDS.includes(field) || map[field as keyof FieldMap] !== undefined) return error;
  const keys = Object.keys(row);
  if (!keys.some((k) => !KNOWN_FIELDS.has(k))) return error; // nothing it could be read from instead
  const guess = field === 'id' ? keys.find((k) => /(^|_|-)id$/i.test(k) || /Id$/.test(k)) : undefined;
  const shown = keys.slice(0, 12).map((k) => JSON.stringify(k)).join(', ') + (keys.length > 12 ? `, ... (${keys.length} in all)` : '');
  return `${error}: the row's fields are ${shown}; to read the ${field} from one of them, pass --map ${field}=${guess ?? 'FIELD'}`;
}

/** How deep a JSON value nests (an object or array is one level), counting no further than `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object' || limit === 0) return 0;
  let deepest = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    deepest = Math.max(deepest, nestingDepth(v, limit - 1));
    if (deepest >= limit - 1) break;
  }
  return 1 + deepest;
}

/** What validating part of a JSONL file found: lines are counted from the part's start. */
export interface RangeResult {
  /** Every valid row's id and line, duplicates included: only the whole file can tell which came first. */
  ids: IdListData;
  invalid: InvalidRow[];
}

/** Validates the JSONL rows in bytes `range` of a file (the work a validation worker does). */
export async function validateRange(file: string, map: FieldMap, range: ByteRange, onRows?: (rows: number) => void): Promise<RangeResult> {
  const ids = new IdList();
  const sink: IdSink = { add: (id, line) => void ids.push(id, line) };
  const invalid: InvalidRow[] = [];
  for await (const _ of validRows(file, 'jsonl', map, sink, invalid, false, onRows, { range })) {
    // ids and errors are collected as it goes
  }
  return { ids: ids.data(), invalid };
}

/**
 * The all-or-nothing import's first pass: validates every row of the file, collecting the ids in
 * file order (with their lines) and the invalid rows in line order. A JSONL file of `splitFromBytes`
 * or more is validated in two halves at once, the second on a worker thread; duplicates across the
 * halves are found when the worker's ids are added after the first half's.
 *
 * A file still being written (`growing`) is validated on this thread as it grows; once it is
 * written, what this thread has not yet read is split the same way, if the file is that large.
 */
export async function validateFile(
  file: string,
  format: SourceFormat,
  map: FieldMap,
  invalid: InvalidRow[],
  onRows?: (rows: number) => void,
  splitFromBytes = Infinity,
  growing?: GrowingFile,
): Promise<IdList> {
  const seen = new IdIndex();
  const splitAt = (from: number, size: number) => {
    if (format !== 'jsonl' || size < splitFromBytes) return undefined;
    const mid = lineStartNear(file, from + Math.floor((size - from) / 2));
    return mid !== undefined && mid < size ? mid : undefined;
  };
  // The second half, once it is known: from the start for a file already written, else once it is.
  let second: Promise<ByteRange | undefined>;
  let firstRange: ByteRange | undefined;
  if (growing) {
    second = growing.written.then(() => {
      if (growing.failure !== undefined) return undefined;
      try {
        const size = statSync(file).size;
        const mid = splitAt(growing.readTo, size);
        growing.end = mid ?? size;
        return mid === undefined ? undefined : { start: mid, end: size };
      } catch (e) {
        growing.failure = e; // its reader stops with this, rather than wait for an end never set
        return undefined;
      }
    });
  } else {
    const size = statSync(file).size;
    const mid = splitAt(0, size);
    firstRange = mid === undefined ? undefined : { start: 0, end: mid };
    second = Promise.resolve(mid === undefined ? undefined : { start: mid, end: size });
  }
  if (!growing && !firstRange) {
    for await (const _ of validRows(file, format, map, seen, invalid, false, onRows)) {
      // first pass: validation only
    }
    return withoutLookup(seen);
  }

  // Progress is reported from this thread's loop only, so a callback that throws ends the import
  // here rather than inside a worker's message handler.
  let [mine, theirs] = [0, 0];
  const progress = () => onRows?.(mine + theirs);
  let worker: ReturnType<typeof validateInWorker> | undefined;
  let abandoned = false; // this pass failed before the file was written: start no worker then
  // Settled at once, so a worker that fails early is never an unhandled rejection.
  const answer = second.then((range) => {
    if (!range || abandoned) return undefined;
    worker = validateInWorker(file, map, range, (n) => (theirs = n));
    return worker.result.then(
      (r) => ({ range, r }),
      () => ({ range, r: undefined }),
    );
  });
  answer.catch(() => undefined); // awaited below, unless this thread's half fails first
  const counted = { lines: 0 };
  let rest: RangeResult | undefined;
  try {
    const firstRows = validRows(file, format, map, seen, invalid, false, (n) => ((mine = n), progress()), { range: firstRange, growing, counted });
    for await (const _ of firstRows) {
      // first half, on this thread, while the worker does the second
    }
    const done = await answer;
    // A worker that cannot start (or fails) costs time, not correctness: validate its half here.
    if (done) rest = done.r ?? (await validateRange(file, map, done.range, (n) => ((theirs = n), progress())));
  } finally {
    abandoned = true;
    worker?.stop();
  }
  progress();
  if (rest) {
    seen.addAll(rest.ids, counted.lines, (id, line, firstLine) => invalid.push({ line, error: duplicateError(id, firstLine) }));
    for (const { line, error } of rest.invalid) invalid.push({ line: line + counted.lines, error });
    invalid.sort((a, b) => a.line - b.line);
  }
  return withoutLookup(seen);
}

/** The ids alone, trimmed, for the writing pass: the lookup table is a third of an IdIndex's memory. */
const withoutLookup = (index: IdIndex) => new IdList(index.data());

/** The offset of the first line that starts at or after `offset`, or undefined if none does within 16 MB. */
function lineStartNear(file: string, offset: number): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    for (let pos = offset; pos < offset + (16 << 20); pos += buf.length) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return undefined;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl !== -1) return pos + nl + 1;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
