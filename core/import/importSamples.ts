import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { EventPayload } from '../../shared/events';
import type { FieldMap } from '../../shared/samples/fieldMap';
import { normalizeRow, type SourceFormat } from '../../shared/samples/normalize';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import type { Workspace } from '../workspace/workspace';
import { sniffUnreadableEncoding } from './lines';
import { readRows } from './rows';

export interface ImportOptions {
  file: string;
  format?: SourceFormat;
  map?: FieldMap;
  /** Import the valid rows and report the invalid ones, instead of importing nothing. */
  skipInvalid?: boolean;
  /** Rows per transaction. */
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

type ImportedSample = EventPayload<'samples.imported'>['samples'][number];

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

function sampleHash(sample: object, raw: string): string {
  return createHash('sha256').update(JSON.stringify(sample)).update('\0').update(raw).digest('base64url');
}

/**
 * Imports samples from a JSONL or CSV file, streaming, one transaction per batch.
 * By default a file with any invalid row imports nothing: a first pass validates every row (and
 * finds duplicate ids) without writing, the second pass writes. With skipInvalid one pass imports
 * the valid rows and reports the rest. An id already in the workspace is `unchanged` if its content
 * is identical and a conflict (never overwritten) if not.
 */
export async function importSamples(ws: Workspace, options: ImportOptions): Promise<ImportReport> {
  const { file, map = {}, skipInvalid = false, batchSize = 2000, onProgress } = options;
  const format = detectFormat(file, options.format);
  checkReadable(file);

  if (!skipInvalid) {
    const invalid = await validateFile(file, format, map, onProgress);
    if (invalid.length) return { imported: 0, unchanged: 0, conflicts: [], invalid };
  }

  const report: ImportReport = { imported: 0, unchanged: 0, conflicts: [], invalid: [] };
  const existingHash = prepared(ws.db, 'SELECT hash FROM samples WHERE id = ?').pluck();
  const firstLine = new Map<string, number>();
  const source = { file: path.basename(file), format };
  let batch: ImportedSample[] = [];
  let rows = 0;
  const flush = () => {
    if (batch.length === 0) return;
    appendEvents(ws.db, [newEvent('samples.imported', ws.author, { source, samples: batch })]);
    report.imported += batch.length;
    batch = [];
    onProgress?.({ phase: 'import', rows, imported: report.imported });
  };

  for await (const r of readRows(file, format)) {
    rows++;
    if (r.error !== undefined) {
      report.invalid.push({ line: r.line, error: r.error });
      continue;
    }
    const result = normalizeRow(r.row, map, format);
    if (!result.ok) {
      report.invalid.push({ line: r.line, error: result.error });
      continue;
    }
    const { sample } = result;
    const earlier = firstLine.get(sample.id);
    if (earlier !== undefined) {
      report.invalid.push({ line: r.line, error: duplicateError(sample.id, earlier) });
      continue;
    }
    firstLine.set(sample.id, r.line);
    const hash = sampleHash(sample, r.raw);
    const existing = existingHash.get(sample.id) as string | undefined;
    if (existing === hash) report.unchanged++;
    else if (existing !== undefined) report.conflicts.push({ line: r.line, id: sample.id });
    else {
      batch.push({ ...sample, raw: r.raw, hash });
      if (batch.length >= batchSize) flush();
    }
  }
  flush();
  return report;
}

/** First pass: every problem in the file, with line numbers, writing nothing. */
async function validateFile(
  file: string,
  format: SourceFormat,
  map: FieldMap,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportReport['invalid']> {
  const invalid: ImportReport['invalid'] = [];
  const firstLine = new Map<string, number>();
  let rows = 0;
  for await (const r of readRows(file, format)) {
    if (++rows % 100_000 === 0) onProgress?.({ phase: 'validate', rows, imported: 0 });
    if (r.error !== undefined) {
      invalid.push({ line: r.line, error: r.error });
      continue;
    }
    const result = normalizeRow(r.row, map, format);
    if (!result.ok) {
      invalid.push({ line: r.line, error: result.error });
      continue;
    }
    const earlier = firstLine.get(result.sample.id);
    if (earlier !== undefined) invalid.push({ line: r.line, error: duplicateError(result.sample.id, earlier) });
    else firstLine.set(result.sample.id, r.line);
  }
  return invalid;
}

function duplicateError(id: string, firstLine: number): string {
  return `duplicate id "${id}" (first on line ${firstLine})`;
}
