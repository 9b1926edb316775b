// Parquet files for the import tests, written by an implementation independent of the reader (the
// import reads with DuckDB; these are written by hyparquet-writer, pure JavaScript), with each codec:
// snappy and uncompressed are built in, gzip and brotli come from node:zlib, zstd from Debian's `zstd` tool.
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { CompressionCodec, SchemaElement } from 'hyparquet';
import { parquetWriteFile } from 'hyparquet-writer';

export type TestCodec = 'SNAPPY' | 'GZIP' | 'BROTLI' | 'ZSTD' | 'UNCOMPRESSED';

const compressors = {
  GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input)),
  ZSTD: (input: Uint8Array) => new Uint8Array(execFileSync('zstd', ['-q', '-c', '-3'], { input })),
};

const optional = 'OPTIONAL' as const;
export const string = (name: string): SchemaElement[] => [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: optional }];
export const int64 = (name: string): SchemaElement[] => [{ name, type: 'INT64', repetition_type: optional }];
export const double = (name: string): SchemaElement[] => [{ name, type: 'DOUBLE', repetition_type: optional }];
export const struct = (name: string, ...fields: SchemaElement[][]): SchemaElement[] => [{ name, repetition_type: optional, num_children: fields.length }, ...fields.flat()];
/** The three-level LIST layout (the format's LogicalTypes.md). */
export const list = (name: string, element: SchemaElement[]): SchemaElement[] => [
  { name, repetition_type: optional, converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  ...element,
];
/** A MAP of string keys (LogicalTypes.md: a repeated key_value group of a required key and a value). */
export const map = (name: string, value: SchemaElement[]): SchemaElement[] => [
  { name, repetition_type: optional, converted_type: 'MAP', num_children: 1 },
  { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
  { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  ...value,
];

/** Writes columns of values (one array per column, in schema order) as a Parquet file. */
export function writeTestParquet(file: string, columns: { schema: SchemaElement[]; data: unknown[] }[], opts: { codec?: TestCodec; rowGroupSize?: number } = {}): void {
  parquetWriteFile({
    filename: file,
    schema: [{ name: 'root', num_children: columns.length }, ...columns.flatMap((c) => c.schema)],
    columnData: columns.map((c) => ({ name: c.schema[0].name, data: c.data })),
    codec: (opts.codec ?? 'SNAPPY') as CompressionCodec,
    compressors,
    rowGroupSize: opts.rowGroupSize,
  });
}

/** The samples the import tests read: a chat as a list of {role, content} structs, a struct of scores, a map of metadata, a 64-bit integer and a timestamp. */
export function writeTestSamples(file: string, rows: number, opts: { codec?: TestCodec; rowGroupSize?: number } = {}): void {
  const range = Array.from({ length: rows }, (_, i) => i);
  writeTestParquet(
    file,
    [
      { schema: string('id'), data: range.map((i) => `s${i}`) },
      {
        schema: list('input', struct('element', string('role'), string('content'))),
        data: range.map((i) => [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: `question ${i}` },
        ]),
      },
      { schema: string('output'), data: range.map((i) => `answer ${i}`) },
      { schema: string('model'), data: range.map((i) => `model-${i % 2}`) },
      { schema: struct('scores', double('toxicity'), double('graphic')), data: range.map((i) => ({ toxicity: (i % 10) / 10, graphic: i % 3 === 0 ? 0.9 : 0.1 })) },
      { schema: map('metadata', string('value')), data: range.map((i) => ({ lang: i % 2 === 0 ? 'en' : 'fr' })) },
      { schema: int64('big'), data: range.map((i) => BigInt(i) * 1_000_000_000_000n) },
      {
        schema: [{ name: 'created', type: 'INT64', repetition_type: optional, logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } }],
        data: range.map((i) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5 + i))),
      },
    ],
    opts,
  );
}
