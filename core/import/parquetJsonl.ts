// Parquet files as JSONL, decoded by DuckDB (`@duckdb/node-api`, a native library inside its npm
// package): one row a line, in file order, written by DuckDB itself from a query that turns each
// column into JSON by Concord's conventions. Values become JSON: 64-bit integers as numbers when
// exact (else as decimal strings), timestamps as ISO strings in UTC, binary as base64, non-finite
// floats as null; lists, structs and maps nest.
//
// Why DuckDB and not a JavaScript reader: on 1,000,000 rows of nested columns (zstd), DuckDB writes
// the JSONL in ~1 s on one thread within ~100 MB; hyparquet took ~18-48 s and 800-900 MB, of which
// zstd decompression in JavaScript alone was ~2 s and most of the rest collecting the garbage of
// materialized nested columns (README, "Performance").
import path from 'node:path';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { InputError } from '../errors';

// DuckDBTypeId's values (a const enum in its typings: imported as a value, the whole library would load).
const T = {
  BIGINT: 5,
  UBIGINT: 9,
  FLOAT: 10,
  DOUBLE: 11,
  TIMESTAMP: 12,
  HUGEINT: 16,
  VARCHAR: 17,
  BLOB: 18,
  TIMESTAMP_S: 20,
  TIMESTAMP_MS: 21,
  TIMESTAMP_NS: 22,
  LIST: 24,
  STRUCT: 25,
  MAP: 26,
  TIMESTAMP_TZ: 31,
  UHUGEINT: 32,
  ARRAY: 33,
} as const;

/**
 * How much memory DuckDB may use: it holds about one row group's pages of the columns it reads at a
 * time (a 122,880-row group of the benchmark's rows: ~100 MB). A file that needs more is refused
 * with DuckDB's "Out of Memory" message rather than growing without bound.
 */
const MEMORY_LIMIT = '256MB';

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A SQL expression for `expr` (of DuckDB type `type`) whose JSON, as DuckDB writes it, follows the
 * conventions above; undefined when DuckDB's own JSON of the value already does (strings, booleans,
 * 32-bit integers, decimals, dates, times, UUIDs, JSON columns), so only what needs it is rebuilt.
 */
export function jsonExpression(expr: string, type: DuckDBType): string | undefined {
  switch (type.typeId) {
    case T.FLOAT:
    case T.DOUBLE:
      return `CASE WHEN isfinite(${expr}) THEN ${expr} END`;
    case T.BIGINT:
    case T.UBIGINT:
    case T.HUGEINT:
    case T.UHUGEINT:
      return `CASE WHEN ${expr} BETWEEN -9007199254740991 AND 9007199254740991 THEN to_json(${expr}) ELSE to_json(${expr}::VARCHAR) END`;
    case T.TIMESTAMP:
    case T.TIMESTAMP_S:
    case T.TIMESTAMP_MS:
    case T.TIMESTAMP_NS:
    case T.TIMESTAMP_TZ:
      // Milliseconds, as JavaScript's Date.toISOString writes them; the session's time zone is UTC.
      return `strftime(${expr}::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%gZ')`;
    case T.BLOB:
      return `to_base64(${expr})`;
    case T.LIST:
    case T.ARRAY: {
      const element = jsonExpression('e', (type as DuckDBType & { valueType: DuckDBType }).valueType);
      return element && `list_transform(${expr}, lambda e: ${element})`;
    }
    case T.MAP: {
      const value = jsonExpression('e.value', (type as DuckDBType & { valueType: DuckDBType }).valueType);
      return value && `map_from_entries(list_transform(map_entries(${expr}), lambda e: struct_pack(key := e.key, value := ${value})))`;
    }
    case T.STRUCT: {
      const { entryNames, entryTypes } = type as DuckDBType & { entryNames: readonly string[]; entryTypes: readonly DuckDBType[] };
      const field = (name: string) => `struct_extract(${expr}, ${quoteString(name)})`;
      const fields = entryNames.map((name, i) => ({ name, converted: jsonExpression(field(name), entryTypes[i]) }));
      if (fields.every((f) => f.converted === undefined)) return undefined;
      const packed = fields.map((f) => `${quoteIdent(f.name)} := ${f.converted ?? field(f.name)}`).join(', ');
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${packed}) END`;
    }
    default:
      return undefined;
  }
}

interface ParquetColumn {
  name: string;
  type: DuckDBType;
}

/**
 * A DuckDB session that may touch only `paths`: one thread (rows stay in file order, and memory
 * follows one row group), no extensions loaded or installed from anywhere (the Parquet and JSON
 * readers are built in), no spilling to disk, UTC, and its configuration locked.
 */
async function withDuckDb<T>(paths: string[], run: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: MEMORY_LIMIT,
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
    allow_community_extensions: 'false',
    temp_directory: '',
  });
  try {
    const c = await db.connect();
    try {
      await c.run(`SET TimeZone = 'UTC'`);
      await c.run(`SET allowed_paths = [${paths.map(quoteString).join(', ')}]`);
      await c.run('SET enable_external_access = false');
      await c.run('SET lock_configuration = true');
      return await run(c);
    } finally {
      c.closeSync();
    }
  } finally {
    db.closeSync();
  }
}

async function readSchema(c: DuckDBConnection, file: string): Promise<ParquetColumn[]> {
  try {
    const r = await c.run(`SELECT * FROM read_parquet(${quoteString(file)}) LIMIT 0`);
    return r.columnNames().map((name, i) => ({ name, type: r.columnType(i) }));
  } catch (e) {
    throw new InputError(`${file}: not a readable Parquet file (${duckDbMessage(e)})`);
  }
}

/** DuckDB's error, first line (its messages go on with hints on tuning). */
const duckDbMessage = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/**
 * Refuses a file that lacks a column the canonical fields are read from (the first segment of each
 * field's path), in one line, before any row is read.
 */
function checkColumns(file: string, columns: string[], map: Partial<Record<string, string>>): void {
  for (const field of ['id', 'input', 'output'] as const) {
    const p = map[field] ?? field;
    if (columns.includes(p) || columns.includes(p.split('.')[0])) continue;
    throw new InputError(`${file}: no column "${p.split('.')[0]}" for the sample's ${field}${map[field] ? ` (--map ${field}=${p})` : ''}; its columns are ${columns.join(', ')}`);
  }
}

/**
 * Writes every row of a Parquet file to `out` as a JSON line, in file order (line N is row N), after
 * checking that it has the columns `map` reads the canonical fields from.
 */
export async function parquetToJsonl(file: string, out: string, map: Partial<Record<string, string>>): Promise<void> {
  const [source, target] = [path.resolve(file), path.resolve(out)];
  await withDuckDb([source, target], async (c) => {
    const columns = await readSchema(c, source);
    checkColumns(file, columns.map((col) => col.name), map);
    const select = columns.map(({ name, type }) => {
      const converted = jsonExpression(quoteIdent(name), type);
      return converted ? `${converted} AS ${quoteIdent(name)}` : quoteIdent(name);
    });
    try {
      await c.run(`COPY (SELECT ${select.join(', ')} FROM read_parquet(${quoteString(source)})) TO ${quoteString(target)} (FORMAT json, USE_TMP_FILE false)`);
    } catch (e) {
      throw new InputError(`${file}: its rows cannot be read (${duckDbMessage(e)})`);
    }
  });
}
