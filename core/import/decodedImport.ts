// Parquet files and Inspect logs are decoded once, into a temporary JSONL file of their rows (one
// row per line, so line N is row or sample N), which then goes through the JSONL import: the same
// validation, all-or-nothing rule, writing pass and report, and the rows' bytes copied as they are.
// Decoding is what costs here; decoding twice (once per pass) cost twice as much.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { inspectSampleRow } from '../../shared/samples/inspect';
import { InputError } from '../errors';
import { openInspectLog } from '../inspect/readLog';
import type { Workspace } from '../workspace/workspace';
import type { ImportOptions, ImportReport } from './importSamples';
import { parquetToJsonl } from './parquetJsonl';
import type { InvalidRow } from './validate';

/** A decoded row: its JSON text, or why it could not be read. */
type DecodedRow = { line: number; json: string; error?: undefined } | { line: number; error: string };

/**
 * Each sample of each epoch of an Inspect log as the JSON of its canonical row
 * (shared/samples/inspect.ts). Only the text is kept: a chunk's parsed samples die young, so the
 * garbage collector reclaims them cheaply instead of letting them pile up in the old generation.
 */
async function* inspectRowsJson(file: string): AsyncGenerator<DecodedRow[]> {
  const log = await openInspectLog(file);
  try {
    let rows: DecodedRow[] = [];
    for await (const s of log.samples()) {
      if (s.error !== undefined) rows.push({ line: s.index, error: s.error });
      else {
        try {
          rows.push({ line: s.index, json: JSON.stringify(inspectSampleRow(log.eval, s.sample)) });
        } catch (e) {
          rows.push({ line: s.index, error: `${s.name}: ${(e as Error).message}` });
        }
      }
      if (rows.length >= 200) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length) yield rows;
  } finally {
    log.close();
  }
}

/** Writes every row's JSON as a line of `out`; a row that cannot be read leaves a blank line and is reported. */
async function writeJsonl(rows: AsyncIterable<DecodedRow[]>, out: string, onRows?: (rows: number) => void): Promise<InvalidRow[]> {
  const invalid: InvalidRow[] = [];
  const fd = openSync(out, 'w');
  try {
    let line = 0;
    for await (const chunk of rows) {
      let text = '';
      for (const r of chunk) {
        for (line++; line < r.line; line++) text += '\n'; // keep line = row number
        if (r.error !== undefined) {
          invalid.push({ line: r.line, error: r.error });
          text += '\n';
        } else text += r.json + '\n';
      }
      writeSync(fd, text);
      onRows?.(line);
    }
  } finally {
    closeSync(fd);
  }
  return invalid;
}

/** importSamples for Parquet and Inspect: decode to JSONL, import that, record the original file and format. */
export async function importDecoded(
  ws: Workspace,
  options: ImportOptions,
  format: 'parquet' | 'inspect',
  importJsonl: (options: ImportOptions) => Promise<ImportReport>,
): Promise<ImportReport> {
  const map = options.map ?? {};
  if (format === 'inspect' && Object.keys(map).length) throw new InputError('--map does not apply to Inspect logs: their samples are read as Inspect defines them');
  const tmp = path.join(ws.dir, `.import-${process.pid}-${Date.now()}.jsonl`);
  try {
    const onRows = (rows: number) => options.onProgress?.({ phase: 'validate', rows, imported: 0 });
    // A Parquet file's rows are all readable or none is: DuckDB refuses the file as a whole.
    const unreadable = format === 'parquet' ? (await parquetToJsonl(options.file, tmp, map), []) : await writeJsonl(inspectRowsJson(options.file), tmp, onRows);
    if (unreadable.length && !options.skipInvalid) return { imported: 0, unchanged: 0, conflicts: [], invalid: unreadable };
    const report = await importJsonl({ ...options, file: tmp, format: 'jsonl', sourceName: options.sourceName ?? path.basename(options.file), recordAs: format });
    report.invalid.push(...unreadable);
    report.invalid.sort((a, b) => a.line - b.line);
    return report;
  } finally {
    rmSync(tmp, { force: true });
  }
}
