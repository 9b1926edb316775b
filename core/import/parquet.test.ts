// Parquet in and out against an independent implementation: DuckDB writes the files Concord reads,
// and reads the files Concord writes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConcord } from '../testing/cli';
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

// Nested columns as datasets have them: a chat as a list of {role, content} structs, a struct of
// scores, a map of metadata, a 64-bit integer and a timestamp.
const SELECT_SAMPLES = `SELECT 's' || i AS id,
    [{'role': 'system', 'content': 'be brief'}, {'role': 'user', 'content': 'question ' || i}] AS input,
    'answer ' || i AS output,
    'model-' || (i % 2) AS model,
    {'toxicity': (i % 10) / 10.0, 'graphic': CASE WHEN i % 3 = 0 THEN 0.9 ELSE 0.1 END::DOUBLE} AS scores,
    MAP {'lang': CASE WHEN i % 2 = 0 THEN 'en' ELSE 'fr' END} AS metadata,
    i::BIGINT * 1000000000000 AS big,
    TIMESTAMP '2026-01-02 03:04:05' + INTERVAL (i) SECOND AS created
  FROM range(25) t(i)`;

async function importFile(dir: string, file: string, extra: string[] = []) {
  return runConcord(['import', '--workspace', dir, '--file', file, '--json', ...extra]);
}

describe('Parquet in', () => {
  for (const codec of ['snappy', 'zstd', 'gzip', 'uncompressed']) {
    it(`reads a ${codec} file DuckDB wrote, nested columns included, in row groups`, async () => {
      const dir = tempDir();
      const file = path.join(dir, `samples-${codec}.parquet`);
      await duck.run(`COPY (${SELECT_SAMPLES}) TO '${sql(file)}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 10)`);
      const ws = await makeWorkspace(dir, 0);
      ws.close();
      const r = await importFile(ws.dir, file);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ imported: 25, invalid: [] });
      const { samples, total } = JSON.parse((await runConcord(['samples', '--workspace', ws.dir, '--limit', '30', '--json'])).stdout);
      expect(total).toBe(25);
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
      const stored = await query(`SELECT big, strftime(created, '%Y-%m-%dT%H:%M:%S.000Z') AS created FROM read_parquet('${sql(file)}') WHERE id = 's3'`);
      const ws2 = openWorkspace(ws.dir);
      const raw = JSON.parse(ws2.db.prepare(`SELECT json_extract(payload, '$.rows[3]') FROM events WHERE type = 'samples.imported' ORDER BY seq DESC LIMIT 1`).pluck().get() as string);
      ws2.close();
      expect({ big: raw.big, created: raw.created }).toEqual({ big: Number(stored[0].big), created: stored[0].created });
      // The same file again: every row unchanged.
      expect(JSON.parse((await importFile(ws.dir, file)).stdout)).toMatchObject({ imported: 0, unchanged: 25 });
    });
  }

  it('reads canonical fields from other columns with --map, and validates every row as JSONL rows are', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mapped.parquet');
    await duck.run(
      `COPY (SELECT i AS sample_id, 'prompt ' || i AS prompt, {'text': CASE WHEN i = 4 THEN NULL ELSE 'reply ' || i END, 'tokens': i} AS response FROM range(6) t(i)) TO '${sql(file)}' (FORMAT parquet)`,
    );
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

  it('refuses a file without a column a field needs, and a file that is not Parquet: exit 2, one line, nothing imported', async () => {
    const dir = tempDir();
    const noOutput = path.join(dir, 'no-output.parquet');
    await duck.run(`COPY (SELECT 's' || i AS id, 'q' AS input FROM range(3) t(i)) TO '${sql(noOutput)}' (FORMAT parquet)`);
    const broken = path.join(dir, 'broken.parquet');
    const bytes = readFileSync(noOutput);
    await import('node:fs').then((fs) => fs.writeFileSync(broken, bytes.subarray(0, bytes.length - 30)));
    const ws = await makeWorkspace(dir, 0);
    ws.close();
    for (const [file, message] of [
      [noOutput, /no-output\.parquet: no column "output" for the sample's output; its columns are id, input/],
      [broken, /broken\.parquet: not a readable Parquet file/],
    ] as const) {
      const r = await importFile(ws.dir, file);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(JSON.parse((await runConcord(['status', '--workspace', ws.dir, '--json'])).stdout).samples).toBe(0);
  });
});

describe('Parquet out', () => {
  it('writes the original columns plus a concord struct that DuckDB reads, deterministically and atomically', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'samples.parquet');
    await duck.run(`COPY (${SELECT_SAMPLES}) TO '${sql(file)}' (FORMAT parquet, COMPRESSION zstd)`);
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
