// Parquet files and Inspect logs are decoded once, into a temporary JSONL file of their rows (one
// row per line, so line N is row or sample N), which then goes through the JSONL import: the same
// validation, all-or-nothing rule, writing pass and report, and the rows' bytes copied as they are.
// Decoding is what costs here; decoding twice (once per pass) cost twice as much.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SourceFormat } from '../../shared/samples/normalize';
import { InputError } from '../errors';
import type { Workspace } from '../workspace/workspace';
import type { ImportOptions, ImportReport } from './importSamples';
import { checkParquetColumns, readParquetRows } from './parquetRows';
import { readRows } from './rows';
import type { InvalidRow } from './validate';

async function* mapChunks<T, U>(chunks: AsyncIterable<T[]>, f: (t: T) => U): AsyncGenerator<U[]> {
  for await (const chunk of chunks) yield chunk.map(f);
}

/** Writes every row's JSON as a line of `out`; a row that cannot be read leaves a blank line and is reported. */
async function decodeToJsonl(file: string, format: SourceFormat, out: string, onRows?: (rows: number) => void): Promise<InvalidRow[]> {
  const invalid: InvalidRow[] = [];
  const fd = openSync(out, 'w');
  try {
    let line = 0;
    // Parquet rows arrive as JSON text already (no need to parse them here: the import validates them).
    const source = format === 'parquet' ? mapChunks(readParquetRows(file), ({ index, json }) => ({ line: index, raw: json, error: undefined })) : readRows(file, format);
    for await (const chunk of source) {
      let text = '';
      for (const r of chunk) {
        for (line++; line < r.line; line++) text += '\n'; // keep line = row number
        if (r.error !== undefined) {
          invalid.push({ line: r.line, error: r.error });
          text += '\n';
        } else text += r.raw + '\n';
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
  if (format === 'parquet') await checkParquetColumns(options.file, map);
  const tmp = path.join(ws.dir, `.import-${process.pid}-${Date.now()}.jsonl`);
  try {
    const unreadable = await decodeToJsonl(options.file, format, tmp, (rows) => options.onProgress?.({ phase: 'validate', rows, imported: 0 }));
    if (unreadable.length && !options.skipInvalid) return { imported: 0, unchanged: 0, conflicts: [], invalid: unreadable };
    const report = await importJsonl({ ...options, file: tmp, format: 'jsonl', sourceName: options.sourceName ?? path.basename(options.file), recordAs: format });
    report.invalid.push(...unreadable);
    report.invalid.sort((a, b) => a.line - b.line);
    return report;
  } finally {
    rmSync(tmp, { force: true });
  }
}
