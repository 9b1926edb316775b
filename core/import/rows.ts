import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { SourceFormat } from '../../shared/samples/normalize';
import { readLines, type ReadOptions } from './lines';

/** One row of a source file: its object and its JSON text (a trimmed JSONL line), or why it could not be read. */
export type SourceRow =
  | { line: number; row: Record<string, unknown>; raw: string; error?: undefined }
  | { line: number; error: string; row?: undefined; raw?: undefined };

/**
 * How many bytes to read at a time; for JSONL only, which bytes to read and a count of the lines
 * read so far (blank ones too). A CSV file is read whole: a quoted cell may hold a newline, so a
 * byte offset is no record boundary.
 */
export interface ReadRowsOptions extends ReadOptions {
  counted?: { lines: number };
}

/**
 * Rows in file order, in arrays of whatever one read brought in (never empty). Parquet files and
 * Inspect logs are decoded to JSONL first (decodedImport.ts) and read as that.
 */
export function readRows(file: string, format: SourceFormat, options: ReadRowsOptions = {}): AsyncGenerator<SourceRow[]> {
  if (format === 'inspect' || format === 'parquet') throw new Error(`a ${format} file is decoded to JSONL before its rows are read`);
  if (format !== 'jsonl' && (options.range || options.counted)) throw new Error(`a ${format} file is read whole, not in byte ranges`);
  return format === 'csv' ? readCsvRows(file, options.chunkSize) : readJsonlRows(file, options);
}

async function* readJsonlRows(file: string, { counted, ...read }: ReadRowsOptions): AsyncGenerator<SourceRow[]> {
  for await (const lines of readLines(file, read)) {
    if (counted) counted.lines = lines[lines.length - 1].line;
    const rows: SourceRow[] = [];
    for (const { line, text, encodingError } of lines) {
      if (encodingError) {
        rows.push({ line, error: encodingError });
        continue;
      }
      const trimmed = text.trim();
      if (trimmed !== '') rows.push(parseJsonRow(line, trimmed));
    }
    if (rows.length) yield rows;
  }
}

function parseJsonRow(line: number, text: string): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, error: `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  return { line, row: value as Record<string, unknown>, raw: text };
}

/** Decodes bytes as UTF-8 in a streaming way and remembers whether any bytes were not UTF-8. */
function utf8Checker() {
  const lenient = new TextDecoder('utf-8');
  const strict = new TextDecoder('utf-8', { fatal: true });
  const state = { bad: false };
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = lenient.decode(chunk, { stream: true });
      if (!state.bad && text.includes('\uFFFD')) {
        try {
          strict.decode(chunk, { stream: true });
        } catch {
          state.bad = true;
        }
      } else if (!state.bad) {
        strict.decode(chunk, { stream: true });
      }
      done(null, text);
    },
  });
  return { stream, state };
}

async function* readCsvRows(file: string, chunkSize?: number): AsyncGenerator<SourceRow[]> {
  const skipped: SourceRow[] = [];
  const checker = utf8Checker();
  const parser = parseCsv({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) skipped.push({ line: (err as { lines?: number }).lines ?? 0, error: `invalid CSV: ${err.message}` });
      return undefined;
    },
  });
  const source = createReadStream(file, { highWaterMark: chunkSize }).pipe(checker.stream).pipe(parser);
  let rows: SourceRow[] = [];
  for await (const item of source as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const { record, info } = item;
    // Skipped records are reported by the parser ahead of records it parsed earlier: keep line order.
    while (skipped.length && skipped[0].line < info.lines) rows.push(skipped.shift()!);
    if (checker.state.bad && Object.values(record).some((v) => v.includes('\uFFFD'))) {
      rows.push({ line: info.lines, error: 'not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)' });
    } else {
      rows.push({ line: info.lines, row: record, raw: JSON.stringify(record) });
    }
    if (rows.length >= 1000) {
      yield rows;
      rows = [];
    }
  }
  rows.push(...skipped);
  if (rows.length) yield rows;
}
