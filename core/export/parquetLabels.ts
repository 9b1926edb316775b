// Labels as a Parquet file: every original column of the rows, then one `concord` struct column with
// the provenance. Column types are read off the JSON values (strings, 64-bit integers, doubles,
// booleans, nested structs and lists); a column whose values disagree in type is written as JSON text.
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { LabeledRow } from './exportLabels';
import { writeThroughTemp } from './writeAtomic';

type ColumnType =
  | null // only nulls seen so far
  | { kind: 'string' | 'int' | 'double' | 'bool' | 'json' }
  | { kind: 'struct'; fields: Map<string, ColumnType> }
  | { kind: 'list'; element: ColumnType };

const JSON_TYPE: ColumnType = { kind: 'json' };

function typeOf(v: unknown): ColumnType {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { kind: 'int' } : { kind: 'double' };
  if (Array.isArray(v)) return { kind: 'list', element: v.reduce<ColumnType>((t, x) => merge(t, typeOf(x)), null) };
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return JSON_TYPE; // Parquet has no empty group
    return { kind: 'struct', fields: new Map(entries.map(([k, x]) => [k, typeOf(x)])) };
  }
  return JSON_TYPE;
}

/** The type that holds values of both types (JSON text when nothing narrower does). */
function merge(a: ColumnType, b: ColumnType): ColumnType {
  if (a === null) return b;
  if (b === null) return a;
  if (a.kind === 'json' || b.kind === 'json') return JSON_TYPE;
  if (a.kind === b.kind) {
    if (a.kind === 'struct' && b.kind === 'struct') {
      const fields = new Map(a.fields);
      for (const [k, t] of b.fields) fields.set(k, merge(fields.get(k) ?? null, t));
      return { kind: 'struct', fields };
    }
    if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', element: merge(a.element, b.element) };
    return a;
  }
  if ((a.kind === 'int' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'int')) return { kind: 'double' };
  return JSON_TYPE;
}

/** Schema elements (depth first) for a column of this type. */
function schemaOf(name: string, t: ColumnType): SchemaElement[] {
  const optional = 'OPTIONAL' as const;
  if (t === null) return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: optional }];
  switch (t.kind) {
    case 'string':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: optional }];
    case 'json':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: optional }];
    case 'int':
      return [{ name, type: 'INT64', repetition_type: optional }];
    case 'double':
      return [{ name, type: 'DOUBLE', repetition_type: optional }];
    case 'bool':
      return [{ name, type: 'BOOLEAN', repetition_type: optional }];
    case 'struct':
      return [{ name, repetition_type: optional, num_children: t.fields.size }, ...[...t.fields].flatMap(([k, f]) => schemaOf(k, f))];
    case 'list':
      // The three-level LIST layout of the Parquet format's LogicalTypes.md.
      return [{ name, repetition_type: optional, converted_type: 'LIST', num_children: 1 }, { name: 'list', repetition_type: 'REPEATED', num_children: 1 }, ...schemaOf('element', t.element)];
  }
}

/** A JSON value shaped for its column type: integers as bigint, struct fields filled, JSON kept for the writer to encode. */
function shape(v: unknown, t: ColumnType): unknown {
  if (v === null || v === undefined || t === null) return null;
  switch (t.kind) {
    case 'int':
      return BigInt(v as number);
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const [k, f] of t.fields) out[k] = shape((v as Record<string, unknown>)[k], f);
      return out;
    }
    case 'list':
      return (v as unknown[]).map((x) => shape(x, t.element));
    default:
      return v;
  }
}

const ROWS_PER_GROUP = 10_000;

/** Writes the rows to `out` (temporary name, then renamed), deterministically: same rows, same bytes. */
export function writeParquetLabels(rows: LabeledRow[], out: string): { rows: number } {
  const columns: string[] = [];
  const types = new Map<string, ColumnType>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.raw)) {
      if (!types.has(k)) columns.push(k);
      types.set(k, merge(types.get(k) ?? null, typeOf(v)));
    }
  }
  const concordType = rows.reduce<ColumnType>((t, r) => merge(t, typeOf(r.concord)), null);
  const all: { name: string; type: ColumnType; get: (r: LabeledRow) => unknown }[] = [
    ...columns.map((c) => ({ name: c, type: types.get(c) ?? null, get: (r: LabeledRow) => r.raw[c] })),
    { name: 'concord', type: concordType, get: (r: LabeledRow) => r.concord },
  ];
  const schema: SchemaElement[] = [{ name: 'root', num_children: all.length }, ...all.flatMap((c) => schemaOf(c.name, c.type))];

  // The writer writes the temp file by path; writeThroughTemp names it, syncs it and renames it.
  writeThroughTemp(out, (_fd, tmp) => {
    const writer = new ParquetWriter({ writer: fileWriter(tmp), schema, codec: 'SNAPPY', createdBy: 'concord' });
    for (let from = 0; from < rows.length || from === 0; from += ROWS_PER_GROUP) {
      const slice = rows.slice(from, from + ROWS_PER_GROUP);
      writer.write({
        columnData: all.map((c) => ({ name: c.name, data: slice.map((r) => shape(c.get(r), c.type)) })),
        rowGroupSize: ROWS_PER_GROUP,
      });
      if (rows.length === 0) break;
    }
    writer.finish();
  });
  return { rows: rows.length };
}
