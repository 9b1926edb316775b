import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { sourceFormats, type SourceFormat } from '../../shared/samples/normalize';
import { InputError } from '../errors';
import { looksLikeInspectJson } from '../inspect/readLog';
import { sniffUnreadableEncoding } from './lines';

// Which format an import file is in, and whether it can be read at all.

const FORMAT_NAMES = sourceFormats.join(', ');

/** Opens the file and reads its first bytes; a missing file or a folder is bad input, named. */
function readHead(file: string, n = 512): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  try {
    const head = Buffer.alloc(n);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's format: as given, else from its extension, else from its first bytes (a zip is an
 * Inspect `.eval` log, `PAR1` a Parquet file); a `.json` file is an Inspect log when it reads as one.
 */
export function detectFormat(file: string, explicit?: string): SourceFormat {
  if (explicit) {
    if (!(sourceFormats as readonly string[]).includes(explicit)) throw new InputError(`--format must be one of ${FORMAT_NAMES}, not "${explicit}"`);
    return explicit as SourceFormat;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.eval') return 'inspect';
  if (ext === '.parquet') return 'parquet';
  const head = readHead(file);
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'inspect';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (ext === '.json') return looksLikeInspectJson(file) ? 'inspect' : 'jsonl';
  throw new InputError(`cannot tell the format of ${file} from its extension or its first bytes; pass --format (${FORMAT_NAMES})`);
}

/** Throws bad input when the file cannot be opened, or a text format's first bytes say it is not UTF-8. */
export function checkReadable(file: string, format: SourceFormat): void {
  const head = readHead(file);
  if (format === 'inspect' || format === 'parquet') return; // binary formats: their readers say what is wrong
  const problem = sniffUnreadableEncoding(head);
  if (problem) throw new InputError(`${file}: ${problem}`);
}
