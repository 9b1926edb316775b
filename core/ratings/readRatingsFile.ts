// Reads a standalone ratings file for `concord agreement`: JSONL lines {"item", "rater", "value"} or
// CSV with a header naming item, rater, value (other columns are ignored). The first bad line stops
// the read with an InputError naming the file and line, e.g. `ratings.jsonl line 7: "value" must
// be a string or a number`. A later line for the same item and rater replaces the earlier one (that
// happens when the ratings are compiled; see compileRatings).
//
// The file is read whole (ratings files are small next to memory: 1M ratings is ~50 MB) and
// decoded as strict UTF-8, so a file in another encoding is named as such instead of being misread.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { normalizeValue } from '../../shared/stats/matrix';
import type { Level, Rating, Value } from '../../shared/stats/types';
import { InputError } from '../errors';

export type RatingsFormat = 'jsonl' | 'csv';

export interface ReadRatingsOptions {
  /** jsonl or csv; by default from the extension (.jsonl/.ndjson/.json, .csv), else sniffed from the first character. */
  format?: RatingsFormat;
  /** The level the values will be measured at: ordinal, interval and ratio need numbers (ratio: not negative). */
  level?: Level;
}

export interface RatingsFile {
  ratings: Rating[];
  format: RatingsFormat;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new InputError(`cannot read ${file}: the file is UTF-16 (byte-order mark found); save it as UTF-8`);
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  try {
    return strictUtf8.decode(buf);
  } catch {
    // Name the first line that is not UTF-8.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 10) {
        try {
          strictUtf8.decode(buf.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new InputError(`${path.basename(file)} line ${line}: not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)`);
  }
}

function detectFormat(file: string, text: string): RatingsFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** Item and rater ids: non-empty strings (a JSON number is taken as its decimal string). */
function readId(row: Record<string, unknown>, field: 'item' | 'rater'): string {
  const v = row[field];
  if (v === undefined) throw new Error(`missing "${field}"`);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new Error(`"${field}" must be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
  if (v.trim() === '') throw new Error(`"${field}" is empty`);
  return v;
}

function readValue(row: Record<string, unknown>, level: Level): Value {
  const v = row.value;
  if (v === undefined) throw new Error('missing "value"');
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) throw new Error('"value" must be a string or a number');
  if (typeof v === 'string' && v.trim() === '') throw new Error('"value" is empty');
  if (level !== 'nominal') {
    const n = normalizeValue(v, true);
    if (n === undefined) {
      const why = level === 'ordinal' ? ' (the order of text labels is unknown: use numbers)' : '';
      throw new Error(`"value" must be a number at the ${level} level${why}, got ${JSON.stringify(v)}`);
    }
    if (level === 'ratio' && (n as number) < 0) throw new Error(`"value" must not be negative at the ratio level, got ${n}`);
  }
  return v;
}

function* jsonlRows(text: string): Generator<{ line: number; row: Record<string, unknown> }> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim(); // also drops the \r of CRLF
    if (t === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (e) {
      throw new LineError(i + 1, `invalid JSON: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new LineError(i + 1, `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    }
    yield { line: i + 1, row: value as Record<string, unknown> };
  }
}

function* csvRows(text: string): Generator<{ line: number; row: Record<string, unknown> }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new LineError(err.lines ?? 0, `invalid CSV: ${err.message}`);
  }
  if (records.length === 0) return;
  const header = records[0].record.map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [ci, cr, cv] = [col('item'), col('rater'), col('value')];
  if (ci < 0 || cr < 0 || cv < 0) {
    throw new LineError(records[0].info.lines, `the CSV header must name the columns item, rater, value (found ${header.join(', ')})`);
  }
  for (let k = 1; k < records.length; k++) {
    const { record, info } = records[k];
    yield { line: info.lines, row: { item: record[ci], rater: record[cr], value: record[cv] } };
  }
}

class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function readRatingsFile(file: string, opts: ReadRatingsOptions = {}): RatingsFile {
  const text = readText(file);
  const format = opts.format ?? detectFormat(file, text);
  const level = opts.level ?? 'nominal';
  const name = path.basename(file);
  const ratings: Rating[] = [];
  let line = 0;
  try {
    for (const r of format === 'csv' ? csvRows(text) : jsonlRows(text)) {
      line = r.line;
      ratings.push({ item: readId(r.row, 'item'), rater: readId(r.row, 'rater'), value: readValue(r.row, level) });
    }
  } catch (e) {
    if (e instanceof LineError) throw new InputError(`${name} line ${e.line}: ${e.message}`);
    throw new InputError(`${name} line ${line}: ${(e as Error).message}`);
  }
  return { ratings, format };
}
