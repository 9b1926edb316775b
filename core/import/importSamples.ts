import { statSync } from 'node:fs';
import path from 'node:path';
import type { FieldMap } from '../../shared/samples/fieldMap';
import type { SourceFormat } from '../../shared/samples/normalize';
import { InputError } from '../errors';
import { checkInputFile } from '../files/inputFile';
import { startBackgroundCheckpoints } from '../store/backgroundCheckpoints';
import { uuidv7 } from '../../shared/ids';
import { appendImportedRows, eventEnvelope, newEvent, type ImportedRows } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { discardImport, holdImportLease, listUnfinishedImports } from '../store/unfinishedImports';
import { storedRowReader } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { IdIndex, type IdList } from './idIndex';
import { readLineSpans, type GrowingFile } from './lines';
import { importDecoded } from './decodedImport';
import { readRows } from './rows';
import { RowsJson } from './rowsJson';
import { checkReadable, detectFormat } from './sourceFile';
import { validateFile, validRows, type InvalidRow, type ValidRow } from './validate';

export interface ImportOptions {
  file: string;
  /** jsonl or csv; guessed from the extension when absent. */
  format?: string;
  map?: FieldMap;
  /** Import the valid rows and report the invalid ones, instead of importing nothing. */
  skipInvalid?: boolean;
  /** Rows per transaction. */
  batchSize?: number;
  /** Rows per `samples.imported` event (at most batchSize). */
  rowsPerEvent?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * From this file size on, the import uses a second thread: a JSONL file is validated in two halves
   * at once (see validateFile) and WAL checkpoints run in the background while it writes.
   */
  largeFromBytes?: number;
  /** What the import event names as its source (default: the file's name), e.g. the URL a pull read. */
  sourceName?: string;
  /** The format the event records when it is not the file's (a Parquet file or Inspect log decoded to JSONL). */
  recordAs?: SourceFormat;
  /** The JSONL file is still being written (a Parquet file's rows, as DuckDB decodes them): validate it as it grows. */
  growing?: GrowingFile;
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
  invalid: InvalidRow[];
}

/** Below this size (~80,000 typical rows) an import stays on one thread: starting a worker costs 0.1-0.3 s. */
export const LARGE_IMPORT_BYTES = 32 << 20;

/**
 * An owner (`by`) imports samples from a JSONL, CSV or Parquet file or an Inspect log, streaming, one transaction per batch.
 *
 * By default a file with any invalid row imports nothing: a first pass parses and validates every
 * row (and finds duplicate ids) without writing, a large JSONL file in two halves on two threads;
 * the second pass copies each JSONL row's bytes into its import event without decoding or parsing
 * them again, using the ids the first pass collected, while (for a large file) another thread
 * checkpoints the WAL.
 * With skipInvalid, one pass imports the valid rows and reports the rest. An id already in the
 * workspace is `unchanged` when its row is the same JSON (whitespace aside) under the same field
 * map, and a conflict (never overwritten) when not.
 */
export async function importSamples(ws: Workspace, options: ImportOptions, by: string): Promise<ImportReport> {
  const { file, map = {}, skipInvalid = false, batchSize = 5000, onProgress } = options;
  // Reading one sample parses its whole event (core/workspace/samples.ts): events stay small, while
  // transactions are larger, since each commit rewrites every page of the id index it touched.
  const rowsPerEvent = Math.min(options.rowsPerEvent ?? 500, batchSize);
  checkInputFile(file); // "no such file" before "cannot tell the format"
  const format = detectFormat(file, options.format);
  checkReadable(file, format);
  if (format === 'parquet' || format === 'inspect') return importDecoded(ws, options, format, (jsonl) => importSamples(ws, jsonl, by));
  const recorded = options.recordAs ?? format;
  const report: ImportReport = { imported: 0, unchanged: 0, conflicts: [], invalid: [] };
  const { growing } = options;
  if (growing && (skipInvalid || format !== 'jsonl')) throw new Error('only the all-or-nothing import of JSONL reads a file as it is written');
  const largeFromBytes = options.largeFromBytes ?? LARGE_IMPORT_BYTES;
  // The second pass checks the file is still this one (a growing file: as it was once written).
  let before = growing ? undefined : statSync(file);

  let rows: AsyncIterable<ValidRow[]>;
  if (skipInvalid) {
    rows = validRows(file, format, map, new IdIndex(), report.invalid, true);
  } else {
    const onRows = (n: number) => onProgress?.({ phase: 'validate', rows: n, imported: 0 });
    const seen = await validateFile(file, format, map, report.invalid, onRows, largeFromBytes, growing);
    if (report.invalid.length) return report;
    before ??= statSync(file);
    rows = rereadRows(file, format, seen, before);
  }
  const large = (before ?? statSync(file)).size >= largeFromBytes;

  const mapJson = JSON.stringify(map);
  // An unfinished import elsewhere (another process, still running) holds rows no reader sees:
  // an id among them is a conflict here, not a row to insert and lose to the unique index.
  const hiddenRow = prepared(ws.db, 'SELECT 1 FROM sample_rows WHERE id = ?');
  const noRowsAtAll = prepared(ws.db, 'SELECT NOT EXISTS (SELECT 1 FROM sample_rows)').pluck().get() === 1; // then no id can collide
  const othersUnfinished = listUnfinishedImports(ws.db).length > 0;
  const storedRow = storedRowReader(ws);
  const sameJson = prepared(ws.db, 'SELECT json(?) IS json(?)').pluck();
  const source = { file: options.sourceName ?? path.basename(file), format: recorded };
  let ids: string[] = [];
  const rowsJson = new RowsJson();
  let pending: ImportedRows[] = [];
  let pendingRows = 0;
  let read = 0;
  // An import that fits in one transaction is atomic as it is. One that does not gets an id (in each
  // of its events) and a lease (a lock its process holds while it lives) before its first commit, and
  // its rows stay hidden until its last transaction appends `samples.import_committed`.
  let unfinished: { importId: string; lease: { release(): void } } | undefined;
  const endEvent = () => {
    if (ids.length === 0) return;
    pending.push({ event: { ...eventEnvelope('samples.imported', by), payload: { source, map, ids } }, rowsJson: rowsJson.take() });
    pendingRows += ids.length;
    ids = [];
  };
  const commit = (last: boolean) => {
    endEvent();
    if (!last && !unfinished) {
      const importId = uuidv7();
      unfinished = { importId, lease: holdImportLease(ws.db, importId) };
    }
    if (pending.length === 0 && !unfinished) return;
    if (unfinished) for (const p of pending) p.event.payload.importId = unfinished.importId;
    const done = last && unfinished ? [newEvent('samples.import_committed', by, { importId: unfinished.importId, rows: report.imported + pendingRows })] : [];
    appendImportedRows(ws.db, pending, done);
    report.imported += pendingRows;
    pending = [];
    pendingRows = 0;
    onProgress?.({ phase: 'import', rows: read, imported: report.imported });
  };
  const checkpoints = large ? startBackgroundCheckpoints(ws.db) : undefined;
  try {
    for await (const chunk of rows) {
      for (const row of chunk) {
        read++;
        if (!noRowsAtAll) {
          const stored = storedRow(row.id);
          if (stored) {
            const same = JSON.stringify(stored.map) === mapJson && stored.format === recorded && sameJson.get(stored.raw, row.json.toString()) === 1;
            if (same) report.unchanged++;
            else report.conflicts.push({ line: row.line, id: row.id });
            continue;
          }
          if (othersUnfinished && hiddenRow.get(row.id)) {
            report.conflicts.push({ line: row.line, id: row.id });
            continue;
          }
        }
        if (pendingRows + ids.length >= batchSize) commit(false);
        ids.push(row.id);
        rowsJson.add(row.json);
        if (ids.length >= rowsPerEvent) endEvent();
      }
    }
    commit(true);
  } catch (e) {
    // Whatever stopped it (the file changed, the disk filled, the workspace stayed busy), none of
    // this import stays. If even that fails, its lease is gone and the next open discards it.
    if (unfinished) {
      report.imported = 0;
      try {
        discardImport(ws.db, unfinished.importId);
      } catch {
        /* left for the next open */
      }
    }
    throw e;
  } finally {
    unfinished?.lease.release();
    await checkpoints?.stop();
  }
  return report;
}

/**
 * Second pass over a file the first pass found valid: the same rows in the same order, paired with
 * the ids already collected. JSONL rows are passed on as their bytes in the file, neither decoded
 * nor parsed again; CSV records are parsed again (their JSON is built from the parsed record).
 */
async function* rereadRows(
  file: string,
  format: SourceFormat,
  ids: IdList,
  before: { size: number; mtimeMs: number },
): AsyncGenerator<ValidRow[]> {
  const changed = () => {
    const now = statSync(file);
    return now.size !== before.size || now.mtimeMs !== before.mtimeMs;
  };
  if (changed()) throw new InputError(`${file} changed while it was being imported; nothing was imported`);
  let next = 0;
  const source = format === 'csv' ? csvRows(file) : jsonlRowBytes(file);
  for await (const chunk of source) {
    const rows: ValidRow[] = [];
    for (const { line, json } of chunk) {
      if (next >= ids.size || ids.line(next) !== line) {
        throw new InputError(`${file} changed while it was being imported (line ${line}); nothing of it was imported: import it again`);
      }
      rows.push({ line, id: ids.id(next++), json });
    }
    yield rows;
  }
  // A file cut short, or rewritten in place, reads as fewer rows or a new mtime: all of it or none.
  if (next !== ids.size || changed()) throw new InputError(`${file} changed while it was being imported; nothing of it was imported: import it again`);
}

const isJsonSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;

/** The non-blank lines of a JSONL file as the bytes of their JSON, trimmed as the first pass trimmed them. */
async function* jsonlRowBytes(file: string) {
  for await (const { buf, firstLine, starts, ends } of readLineSpans(file)) {
    const rows: { line: number; json: string | Buffer }[] = [];
    for (let i = 0; i < starts.length; i++) {
      let start = starts[i];
      let end = ends[i];
      while (start < end && isJsonSpace(buf[start])) start++;
      while (end > start && isJsonSpace(buf[end - 1])) end--;
      if (start === end) continue;
      if (buf[start] === 0x7b && buf[end - 1] === 0x7d) {
        rows.push({ line: firstLine + i, json: buf.subarray(start, end) });
        continue;
      }
      // A valid row is an object, so other edges are whitespace beyond ASCII (which trim() removes).
      const text = buf.toString('utf8', start, end).trim();
      if (text !== '') rows.push({ line: firstLine + i, json: text });
    }
    yield rows;
  }
}

async function* csvRows(file: string) {
  for await (const chunk of readRows(file, 'csv')) {
    yield chunk.flatMap((r) => (r.raw !== undefined ? [{ line: r.line, json: r.raw }] : []));
  }
}
