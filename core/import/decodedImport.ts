// Parquet files and Inspect logs are decoded once, into a temporary JSONL file of their rows (one
// row per line, so line N is row or sample N), which then goes through the JSONL import: the same
// validation, all-or-nothing rule, writing pass and report, and the rows' bytes copied as they are.
// Decoding is what costs here; decoding twice (once per pass) cost twice as much. A Parquet file's
// rows are validated as DuckDB writes them (on its own thread), not after: decoding then costs
// little more than the time DuckDB takes to start.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors';
import type { Workspace } from '../workspace/workspace';
import type { ImportOptions, ImportReport } from './importSamples';
import { inspectToJsonlInWorker } from './inspectInWorker';
import { GrowingFile } from './lines';
import { parquetToJsonl } from './parquetJsonl';

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
    if (format === 'parquet' && !options.skipInvalid) return await importWhileDecoding(options, tmp, importJsonl);
    const onRows = (rows: number) => options.onProgress?.({ phase: 'validate', rows, imported: 0 });
    // A Parquet file's rows are all readable or none is: DuckDB refuses the file as a whole.
    const unreadable = format === 'parquet' ? (await parquetToJsonl(options.file, tmp, map), []) : await inspectToJsonlInWorker(options.file, tmp, onRows);
    if (unreadable.length && !options.skipInvalid) return { imported: 0, unchanged: 0, conflicts: [], invalid: unreadable };
    const report = await importJsonl({ ...options, file: tmp, format: 'jsonl', sourceName: options.sourceName ?? path.basename(options.file), recordAs: format });
    report.invalid.push(...unreadable);
    report.invalid.sort((a, b) => a.line - b.line);
    return report;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * A Parquet file's all-or-nothing import, its JSONL validated as DuckDB writes it. DuckDB refuses a
 * file it cannot read (a missing column, a corrupt page) with an error the validation then ends
 * with; the import waits for DuckDB to stop before the temporary file goes.
 */
async function importWhileDecoding(options: ImportOptions, tmp: string, importJsonl: (options: ImportOptions) => Promise<ImportReport>): Promise<ImportReport> {
  writeFileSync(tmp, '', { flag: 'wx' }); // there to be opened before DuckDB's first write
  const growing = new GrowingFile(parquetToJsonl(options.file, tmp, options.map ?? {}));
  try {
    return await importJsonl({ ...options, file: tmp, format: 'jsonl', growing, sourceName: options.sourceName ?? path.basename(options.file), recordAs: 'parquet' });
  } finally {
    await growing.written;
  }
}
