// Parquet files as import rows: read one row group at a time, column by column, so memory follows
// the group size, not the file size. Values
// become JSON: 64-bit integers as numbers when exact (else as decimal strings), timestamps and
// dates as ISO strings, binary as base64, non-finite floats as null; lists and structs nest.
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors';

/** Turns a decoded Parquet value into plain JSON. */
export function parquetValueToJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'bigint':
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    default:
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, parquetValueToJson);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), parquetValueToJson(x)]));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = parquetValueToJson(x);
    return out;
  }
  return String(v);
}

async function openParquet(file: string) {
  const buffer = await asyncBufferFromFile(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputError(`${file}: not a readable Parquet file (${(e as Error).message})`);
  }
  return { buffer, metadata };
}

/** The file's top-level column names. */
export async function parquetColumns(file: string): Promise<string[]> {
  const { metadata } = await openParquet(file);
  const root = metadata.schema[0];
  const names: string[] = [];
  // Top-level columns are the root's children; skip each child's own subtree.
  let i = 1;
  for (let c = 0; c < (root.num_children ?? 0); c++) {
    names.push(metadata.schema[i].name);
    i = skipSubtree(metadata, i);
  }
  return names;
}

function skipSubtree(metadata: FileMetaData, i: number): number {
  let pending = 1;
  while (pending > 0) {
    pending += (metadata.schema[i].num_children ?? 0) - 1;
    i++;
  }
  return i;
}

/**
 * Refuses a file that lacks a column the canonical fields are read from (the first segment of each
 * field's path), in one line, before any row is read.
 */
export async function checkParquetColumns(file: string, map: Partial<Record<string, string>>): Promise<void> {
  const columns = await parquetColumns(file);
  for (const field of ['id', 'input', 'output'] as const) {
    const path = map[field] ?? field;
    if (columns.includes(path) || columns.includes(path.split('.')[0])) continue;
    throw new InputError(`${file}: no column "${path.split('.')[0]}" for the sample's ${field}${map[field] ? ` (--map ${field}=${path})` : ''}; its columns are ${columns.join(', ')}`);
  }
}

/**
 * Every row of a Parquet file as its JSON text, in order, one row group at a time. Each column of
 * the group is decoded alone and turned into JSON text at once, so the decoded values of only one
 * column are alive at a time: a whole group decoded as row objects took ~8 KB a row.
 */
export async function* readParquetRows(file: string): AsyncGenerator<{ index: number; json: string }[]> {
  const { buffer, metadata } = await openParquet(file);
  const columns = await parquetColumns(file);
  const keys = columns.map((c) => JSON.stringify(c));
  let start = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const end = start + rows;
    const cells: string[][] = [];
    for (const column of columns) {
      let values: unknown[] = [];
      try {
        await parquetRead({ file: buffer, metadata, rowStart: start, rowEnd: end, columns: [column], compressors, onComplete: (r) => (values = r as unknown[]) });
      } catch (e) {
        throw new InputError(`${file}: column "${column}" of rows ${start + 1}-${end} cannot be read (${(e as Error).message})`);
      }
      cells.push(values.map((r) => JSON.stringify(parquetValueToJson((r as unknown[])[0]))));
    }
    const out: { index: number; json: string }[] = [];
    for (let i = 0; i < rows; i++) {
      let json = '{';
      for (let c = 0; c < columns.length; c++) json += `${c ? ',' : ''}${keys[c]}:${cells[c][i]}`;
      out.push({ index: start + i + 1, json: json + '}' });
    }
    cells.length = 0;
    // Handed on in slices, so the rows' parsed objects downstream stay few at a time.
    for (let i = 0; i < out.length; i += 5000) yield out.slice(i, i + 5000);
    start = end;
  }
}
