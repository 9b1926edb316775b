// Parquet in and out, each against an implementation independent of Concord's: Concord reads with
// DuckDB, so the files it reads are written by hyparquet-writer (core/testing/parquetFiles.ts); it
// writes with hyparquet-writer, so DuckDB reads the files it writes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SchemaElement } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConcord } from '../testing/cli';
import { int64, list, map, string, struct, double, writeTestParquet, writeTestSamples } from '../testing/parquetFiles';
import { harmLabel, makeWorkspace } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { openWorkspace } from '../workspace/workspace';

const tempDir = useTempDirs();
let duck: DuckDBConnection;
let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  duck = await instance.connect();
});
afterAll(() => {
  duck.closeSync();
  instance.closeSync();
});

const sql = (s: string) => s.replace(/'/g, "''");

/** Rows DuckDB reads from a query, as JSON. */
async function query(q: string): Promise<Record<string, unknown>[]> {
  return (await duck.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Row `index` of the workspace's last import as it was stored (the JSON the import kept). */
function storedRow(dir: string, index: number): Record<string, unknown> {
  const ws = openWorkspace(dir);
  try {
    return JSON.parse(ws.db.prepare(`SELECT json_extract(payload, '$.rows[${index}]') FROM events WHERE type = 'samples.imported' ORDER BY seq LIMIT 1`).pluck().get() as string);
  } finally {
    ws.close();
  }
}

async function importFile(dir: string, file: string, extra: string[] = [], env: Record<string, string> = {}) {
  return runConcord(['import', '--workspace', dir, '--file', file, '--json', ...extra], env);
}

describe('Parquet in', () => {
  for (const codec of ['SNAPPY', 'ZSTD', 'GZIP', 'BROTLI', 'UNCOMPRESSED'] as const) {
    it(`reads a ${codec.toLowerCase()} file hyparquet-writer wrote, nested columns included, in row groups`, async () => {
      const dir = tempDir();
      const file = path.join(dir, `samples-${codec}.parquet`);
      writeTestSamples(file, 25, { codec, rowGroupSize: 10 });
      const ws = await makeWorkspace(dir, 0);
      ws.close();
      const r = await importFile(ws.dir, file);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ imported: 25, invalid: [] });
      const { samples, total } = JSON.parse((await runConcord(['samples', '--workspace', ws.dir, '--limit', '30', '--json'])).stdout);
      expect(total).toBe(25);
      expect(samples.map((s: { id: string }) => s.id)).toEqual(Array.from({ length: 25 }, (_, i) => `s${i}`));
      expect(samples[3]).toEqual({
        id: 's3',
        input: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'question 3' },
        ],
        output: 'answer 3',
        model: 'model-1',
        metadata: { lang: 'fr' },
        scores: { toxicity: 0.3, graphic: 0.9 },
      });
      // Columns that are no canonical field are kept in the stored row for export.
      expect(storedRow(ws.dir, 3)).toMatchObject({ big: 3_000_000_000_000, created: '2026-01-02T03:04:08.000Z' });
      // The same file again: every row unchanged.
      expect(JSON.parse((await importFile(ws.dir, file)).stdout)).toMatchObject({ imported: 0, unchanged: 25 });
    });
  }

  it('turns every value into JSON by its conventions: exact 64-bit integers as numbers, others as strings, timestamps in UTC, binary as base64, non-finite floats as null', async () => {
    const dir = tempDir();
    // A name DuckDB must not take for a glob pattern or a string's end.
    const file = path.join(dir, "it's [typed]*.parquet");
    const ts = (unit: 'MILLIS' | 'MICROS' | 'NANOS', utc = true): SchemaElement[] => [{ name: `ts_${unit.toLowerCase()}`, type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: utc, unit } }];
    const instant = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    writeTestParquet(file, [
      { schema: string('id'), data: ['a', 'b'] },
      { schema: string('input'), data: ['q', 'q'] },
      { schema: string('output'), data: ['o', 'o'] },
      { schema: int64('big'), data: [9007199254740993n, -9007199254740991n] },
      { schema: double('ratio'), data: [Number.NaN, -Infinity] },
      { schema: [{ name: 'f32', type: 'FLOAT', repetition_type: 'OPTIONAL' }], data: [0.5, Infinity] },
      { schema: struct('stats', double('x'), int64('n')), data: [{ x: Infinity, n: 2n ** 60n }, null] },
      { schema: list('values', double('element')), data: [[1.5, Number.NaN, null], []] },
      { schema: map('extra', double('value')), data: [{ k: Number.NaN }, null] },
      { schema: [{ name: 'raw', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' }], data: [new Uint8Array([0, 255, 97, 98]), null] },
      { schema: [{ name: 'doc', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' }], data: [{ k: [1, 'two'] }, null] },
      { schema: [{ name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' }], data: [new Date(Date.UTC(2026, 0, 2)), null] },
      { schema: ts('MILLIS'), data: [instant, null] },
      { schema: ts('MICROS', false), data: [instant, null] },
      { schema: ts('NANOS'), data: [instant, null] },
      { schema: string('text'), data: ['line\nbreak "quoted" \\ \u0001 é 😀', ''] },
    ]);
    const ws = await makeWorkspace(dir, 0);
    ws.close();
    // In a time zone other than UTC, timestamps still come out in UTC.
    const r = await importFile(ws.dir, file, [], { TZ: 'America/New_York' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2 });
    expect(storedRow(ws.dir, 0)).toEqual({
      id: 'a',
      input: 'q',
      output: 'o',
      big: '9007199254740993',
      ratio: null,
      f32: 0.5,
      stats: { x: null, n: '1152921504606846976' },
      values: [1.5, null, null],
      extra: { k: null },
      raw: 'AP9hYg==',
      doc: { k: [1, 'two'] },
      day: '2026-01-02',
      ts_millis: '2026-01-02T03:04:05.678Z',
      ts_micros: '2026-01-02T03:04:05.678Z',
      ts_nanos: '2026-01-02T03:04:05.678Z',
      text: 'line\nbreak "quoted" \\ \u0001 é 😀',
    });
    expect(storedRow(ws.dir, 1)).toMatchObject({ big: -9007199254740991, ratio: null, f32: null, stats: null, values: [], extra: null, raw: null, doc: null, text: '' });
  });

  it('reads canonical fields from other columns with --map, and validates every row as JSONL rows are', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mapped.parquet');
    const range = [0, 1, 2, 3, 4, 5];
    writeTestParquet(file, [
      { schema: int64('sample_id'), data: range.map(BigInt) },
      { schema: string('prompt'), data: range.map((i) => `prompt ${i}`) },
      { schema: struct('response', string('text'), int64('tokens')), data: range.map((i) => ({ text: i === 4 ? null : `reply ${i}`, tokens: BigInt(i) })) },
    ]);
    const ws = await makeWorkspace(dir, 0);
    ws.close();
    const bad = await importFile(ws.dir, file, ['--map', 'id=sample_id,input=prompt,output=response.text']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).invalid).toEqual([{ line: 5, error: '"response.text": expected a string, got null' }]);
    expect(JSON.parse((await runConcord(['status', '--workspace', ws.dir, '--json'])).stdout).samples).toBe(0);
    const ok = await importFile(ws.dir, file, ['--map', 'id=sample_id,input=prompt,output=response.text', '--skip-invalid']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ imported: 5 });
    const { samples } = JSON.parse((await runConcord(['samples', '--workspace', ws.dir, '--id', '3', '--json'])).stdout);
    expect(samples[0]).toMatchObject({ id: '3', input: 'prompt 3', output: 'reply 3' });
  });

  it('refuses a file without a column a field needs, a file that is not Parquet and one whose pages are damaged: exit 2, one line, nothing imported', async () => {
    const dir = tempDir();
    const noOutput = path.join(dir, 'no-output.parquet');
    writeTestParquet(noOutput, [
      { schema: string('id'), data: ['s0', 's1', 's2'] },
      { schema: string('input'), data: ['q', 'q', 'q'] },
    ]);
    const bytes = readFileSync(noOutput);
    const broken = path.join(dir, 'broken.parquet');
    writeFileSync(broken, bytes.subarray(0, bytes.length - 30));
    // The same rows with their `output` column's pages overwritten: the footer still reads.
    const samples = path.join(dir, 'samples.parquet');
    writeTestSamples(samples, 2000, { codec: 'GZIP' });
    const damagedBytes = readFileSync(samples);
    const at = damagedBytes.indexOf(Buffer.from([0x1f, 0x8b])); // the first gzip-compressed page
    damagedBytes.fill(0x41, at, at + 64);
    const damaged = path.join(dir, 'damaged.parquet');
    writeFileSync(damaged, damagedBytes);
    const ws = await makeWorkspace(dir, 0);
    ws.close();
    for (const [file, message] of [
      [noOutput, /no-output\.parquet: no column "output" for the sample's output; its columns are id, input/],
      [broken, /broken\.parquet: not a readable Parquet file/],
      [damaged, /damaged\.parquet: its rows cannot be read \(/],
    ] as const) {
      const r = await importFile(ws.dir, file);
      expect(r.code, file).toBe(2);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
      expect(r.stderr, file).toMatch(message);
    }
    expect(JSON.parse((await runConcord(['status', '--workspace', ws.dir, '--json'])).stdout).samples).toBe(0);
    expect(readdirSync(ws.dir).filter((f) => f.startsWith('.import-'))).toEqual([]);
  });
});

describe('Parquet out', () => {
  it('writes the original columns plus a concord struct that DuckDB reads, deterministically and atomically', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'samples.parquet');
    writeTestSamples(file, 25, { codec: 'ZSTD' });
    const ws = await makeWorkspace(dir, 0);
    ws.close();
    await importFile(ws.dir, file);
    const w = openWorkspace(ws.dir);
    for (let i = 0; i < 10; i++) {
      for (const rater of ['r1', 'r2', 'r3']) saveLabel(w, { sampleId: `s${i}`, raterId: rater, values: i % 2 ? harmLabel(['hate'], 3) : harmLabel(['none'], 0), timeSpentMs: 500 });
    }
    // s10: one against one on the categories, a tie: unresolved, a row with no final label.
    saveLabel(w, { sampleId: 's10', raterId: 'r1', values: harmLabel(['hate'], 2), timeSpentMs: 500 });
    saveLabel(w, { sampleId: 's10', raterId: 'r2', values: harmLabel(['harassment'], 2), timeSpentMs: 500 });
    w.close();
    const out = path.join(dir, 'labels.parquet');
    const r = await runConcord(['export', '--workspace', ws.dir, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'parquet', rows: 11, bySource: { aggregated: 10, unresolved: 1 } });

    const types = Object.fromEntries((await query(`DESCRIBE SELECT * FROM read_parquet('${sql(out)}')`)).map((c) => [c.column_name, c.column_type]));
    expect(types).toMatchObject({
      id: 'VARCHAR',
      input: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
      scores: 'STRUCT(toxicity DOUBLE, graphic DOUBLE)',
      big: 'BIGINT',
    });
    expect(types.concord).toMatch(/^STRUCT\("values" STRUCT\(categories VARCHAR\[\], severity BIGINT, refusal VARCHAR, needs_expert_review BOOLEAN\), "source" VARCHAR, confidence DOUBLE, "method" VARCHAR, aggregatedBy VARCHAR, guideline STRUCT\(id VARCHAR, "version" VARCHAR, labelVersions VARCHAR\[\], "mapping" VARCHAR\[\]\), raters BIGINT, agreement DOUBLE, raterIds VARCHAR\[\], unresolved VARCHAR\)$/);

    const back = await query(`SELECT id, input, scores, big, concord.values.categories AS categories, concord.values.severity AS severity, concord.source AS source, concord.raters AS raters, concord.guideline.version AS version, concord.raterIds AS raterIds, concord.values IS NULL AS noLabel, concord.unresolved AS unresolved FROM read_parquet('${sql(out)}') ORDER BY id`);
    const original = await query(`SELECT id, input, scores, big FROM read_parquet('${sql(file)}') WHERE id IN (${Array.from({ length: 11 }, (_, i) => `'s${i}'`).join(',')}) ORDER BY id`);
    expect(back.map(({ id, input, scores, big }) => ({ id, input, scores, big }))).toEqual(original);
    const s1 = back.find((b) => b.id === 's1')!;
    expect(s1).toMatchObject({ categories: ['hate'], severity: '3', source: 'aggregated', raters: '3', version: '1.1.0' });
    expect(s1.raterIds).toHaveLength(3);
    expect(s1).toMatchObject({ noLabel: false, unresolved: null });
    const s10 = back.find((b) => b.id === 's10')!;
    expect(s10).toMatchObject({ noLabel: true, categories: null, severity: null, source: 'unresolved', raters: '2', version: '1.1.0' });
    expect(s10.unresolved).toMatch(/tied on categories/);

    const again = path.join(dir, 'again.parquet');
    await runConcord(['export', '--workspace', ws.dir, '--out', again]);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // And Concord reads back what it wrote.
    const ws2 = await makeWorkspace(tempDir(), 0);
    ws2.close();
    const reread = await importFile(ws2.dir, out);
    expect(reread.stderr).toBe('');
    expect(JSON.parse(reread.stdout)).toMatchObject({ imported: 11 });
  });
});
