import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { SourceFormat } from '../../shared/samples/normalize';
import { readLines } from './lines';

/** One row of a source file: its object and verbatim text, or why it could not be read. */
export type SourceRow =
  | { line: number; row: Record<string, unknown>; raw: string; error?: undefined }
  | { line: number; error: string; row?: undefined; raw?: undefined };

export function readRows(file: string, format: SourceFormat): AsyncGenerator<SourceRow> {
  return format === 'csv' ? readCsvRows(file) : readJsonlRows(file);
}

async function* readJsonlRows(file: string): AsyncGenerator<SourceRow> {
  for await (const { line, text, encodingError } of readLines(file)) {
    if (encodingError) {
      yield { line, error: encodingError };
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      yield { line, error: `invalid JSON: ${(e as Error).message}` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
      continue;
    }
    yield { line, row: value as Record<string, unknown>, raw: trimmed };
  }
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

async function* readCsvRows(file: string): AsyncGenerator<SourceRow> {
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
  const source = createReadStream(file).pipe(checker.stream).pipe(parser);
  for await (const item of source as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const { record, info } = item;
    if (checker.state.bad && Object.values(record).some((v) => v.includes('\uFFFD'))) {
      yield { line: info.lines, error: 'not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)' };
      continue;
    }
    yield { line: info.lines, row: record, raw: JSON.stringify(record) };
  }
  while (skipped.length) yield skipped.shift()!;
}
