import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FieldMap } from '../../shared/samples/fieldMap';
import { validateRow, type SourceFormat } from '../../shared/samples/normalize';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { sampleCount, storedRowReader } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { IdIndex } from './idIndex';
import { readLines, sniffUnreadableEncoding } from './lines';
import { readRows } from './rows';

export interface ImportOptions {
  file: string;
  /** jsonl or csv; guessed from the extension when absent. */
  format?: string;
  map?: FieldMap;
  /** Import the valid rows and report the invalid ones, instead of importing nothing. */
  skipInvalid?: boolean;
  /** Rows per transaction (and per `samples.imported` event). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'validate' | 'import';
  rows: number;
  imported: number;
}

export interface ImportReport {
  imported: number;
  unchanged: number;
  conflicts: { line: number; id: string }[];
  invalid: { line: number; error: string }[];
}

export function detectFormat(file: string, explicit?: string): SourceFormat {
  if (explicit) {
    if (explicit !== 'jsonl' && explicit !== 'csv') throw new InputError(`--format must be jsonl or csv, not "${explicit}"`);
    return explicit;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new InputError(`cannot tell the format of ${file} from its extension; pass --format jsonl or --format csv`);
}

function checkReadable(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    const problem = sniffUnreadableEncoding(head.subarray(0, n));
    if (problem) throw new InputError(`${file}: ${problem}`);
  } finally {
    closeSync(fd);
  }
}

const duplicateError = (id: string, firstLine: number) => `duplicate id "${id}" (first on line ${firstLine})`;

/** A row that passed validation: its id and its verbatim source text. */
interface ValidRow {
  line: number;
  id: string;
  raw: string;
}

/**
 * Imports samples from a JSONL or CSV file, streaming, one transaction per batch.
 *
 * By default a file with any invalid row imports nothing: a first pass parses and validates every
 * row (and finds duplicate ids) without writing; the second pass writes the rows verbatim without
 * parsing them again, using the ids the first pass collected. With skipInvalid, one pass imports the
 * valid rows and reports the rest. An id already in the workspace is `unchanged` when its row and
 * field map are identical, and a conflict (never overwritten) when not.
 */
export async function importSamples(ws: Workspace, options: ImportOptions): Promise<ImportReport> {
  const { file, map = {}, skipInvalid = false, batchSize = 500, onProgress } = options;
  const format = detectFormat(file, options.format);
  checkReadable(file);
  const report: ImportReport = { imported: 0, unchanged: 0, conflicts: [], invalid: [] };
  const seen = new IdIndex(); // ids in file order, with the line each was first seen on

  let rows: AsyncIterable<ValidRow[]>;
  if (skipInvalid) {
    rows = validRows(file, format, map, seen, report.invalid);
  } else {
    const before = statSync(file);
    for await (const _ of validRows(file, format, map, seen, report.invalid, onProgress)) {
      // first pass: validation only
    }
    if (report.invalid.length) return report;
    rows = rereadRows(file, format, seen, before);
  }

  const mapJson = JSON.stringify(map);
  const workspaceWasEmpty = sampleCount(ws) === 0; // then no id can collide with a stored one
  const storedRow = storedRowReader(ws);
  const source = { file: path.basename(file), format };
  let ids: string[] = [];
  let raws: string[] = [];
  let read = 0;
  const flush = () => {
    if (ids.length === 0) return;
    appendEvents(ws.db, [newEvent('samples.imported', ws.author, { source, map, ids, rows: raws })]);
    report.imported += ids.length;
    ids = [];
    raws = [];
    onProgress?.({ phase: 'import', rows: read, imported: report.imported });
  };
  for await (const chunk of rows) {
    for (const row of chunk) {
      read++;
      if (!workspaceWasEmpty) {
        const stored = storedRow(row.id);
        if (stored) {
          if (stored.raw === row.raw && JSON.stringify(stored.map) === mapJson && stored.format === format) report.unchanged++;
          else report.conflicts.push({ line: row.line, id: row.id });
          continue;
        }
      }
      ids.push(row.id);
      raws.push(row.raw);
      if (ids.length >= batchSize) flush();
    }
  }
  flush();
  return report;
}

/** Parses and validates every row; yields the valid ones, records the invalid ones. */
async function* validRows(
  file: string,
  format: SourceFormat,
  map: FieldMap,
  seen: IdIndex,
  invalid: ImportReport['invalid'],
  onProgress?: (p: ImportProgress) => void,
): AsyncGenerator<ValidRow[]> {
  let n = 0;
  for await (const chunk of readRows(file, format)) {
    const valid: ValidRow[] = [];
    for (const r of chunk) {
      if (r.error !== undefined) {
        invalid.push({ line: r.line, error: r.error });
        continue;
      }
      const result = validateRow(r.row, map, format);
      if (!result.ok) {
        invalid.push({ line: r.line, error: result.error });
        continue;
      }
      const { id } = result;
      const earlier = seen.add(id, r.line);
      if (earlier !== undefined) {
        invalid.push({ line: r.line, error: duplicateError(id, earlier) });
        continue;
      }
      valid.push({ line: r.line, id, raw: r.raw });
    }
    n += chunk.length;
    onProgress?.({ phase: 'validate', rows: n, imported: 0 });
    yield valid;
  }
}

/**
 * Second pass over a file the first pass found valid: the same rows in the same order, paired with
 * the ids already collected. JSONL lines are not parsed again; CSV records are (their raw form is
 * the parsed record).
 */
async function* rereadRows(
  file: string,
  format: SourceFormat,
  ids: IdIndex,
  before: { size: number; mtimeMs: number },
): AsyncGenerator<ValidRow[]> {
  const changed = () => {
    const now = statSync(file);
    return now.size !== before.size || now.mtimeMs !== before.mtimeMs;
  };
  if (changed()) throw new InputError(`${file} changed while it was being imported; nothing was imported`);
  let next = 0;
  const source = format === 'csv' ? csvRaws(file) : jsonlRaws(file);
  for await (const chunk of source) {
    const rows: ValidRow[] = [];
    for (const { line, raw } of chunk) {
      if (next >= ids.size || ids.line(next) !== line) {
        throw new InputError(`${file} changed while it was being imported (line ${line}); import it again`);
      }
      rows.push({ line, id: ids.id(next++), raw });
    }
    yield rows;
  }
}

async function* jsonlRaws(file: string) {
  for await (const lines of readLines(file)) {
    const rows: { line: number; raw: string }[] = [];
    for (const { line, text } of lines) {
      const raw = text.trim();
      if (raw !== '') rows.push({ line, raw });
    }
    yield rows;
  }
}

async function* csvRaws(file: string) {
  for await (const chunk of readRows(file, 'csv')) {
    yield chunk.flatMap((r) => (r.raw !== undefined ? [{ line: r.line, raw: r.raw }] : []));
  }
}
