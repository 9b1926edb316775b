// Synthetic benchmark data (never committed: written under .bench/).
import { closeSync, openSync, writeSync } from 'node:fs';
import { ZipWriter } from '../core/inspect/zipWrite';
import { mulberry32 } from '../shared/stats/random';

export const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Writes `rows` synthetic samples as JSONL (and the same rows as CSV when csvFile is given), seeded; ids are `${idPrefix}${i}`. */
export function generateSamples(rows: number, jsonlFile: string, csvFile?: string, idPrefix = 's') {
  const rand = mulberry32(42);
  const words = 'the model said that it would not help with this request but offered safer alternatives instead of details'.split(' ');
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const jsonl = openSync(jsonlFile, 'w');
  const csv = csvFile ? openSync(csvFile, 'w') : undefined;
  if (csv !== undefined) writeSync(csv, 'id,input,output,model,metadata,scores\n');
  let j: string[] = [];
  let c: string[] = [];
  const flush = () => {
    writeSync(jsonl, j.join(''));
    if (csv !== undefined) writeSync(csv, c.join(''));
    j = [];
    c = [];
  };
  for (let i = 0; i < rows; i++) {
    const row = {
      id: `${idPrefix}${i}`,
      input: [{ role: 'user', content: text(12) }],
      output: text(30),
      model: `model-${i % 4}`,
      metadata: { lang: i % 3 ? 'en' : 'fr', source: 'bench' },
      scores: { toxicity: Math.round(rand() * 1000) / 1000 },
    };
    j.push(JSON.stringify(row) + '\n');
    c.push([row.id, JSON.stringify(row.input), row.output, row.model, JSON.stringify(row.metadata), JSON.stringify(row.scores)].map(csvCell).join(',') + '\n');
    if (j.length === 10_000) flush();
  }
  flush();
  closeSync(jsonl);
  if (csv !== undefined) closeSync(csv);
}


/** The JSONL rows as a Parquet file, written by DuckDB: zstd, nested columns, DuckDB's row groups. */
export async function generateParquet(jsonlFile: string, parquetFile: string) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const q = (f: string) => `'${f.replace(/'/g, "''")}'`;
  await c.run(`COPY (SELECT * FROM read_json(${q(jsonlFile)}, format = 'newline_delimited')) TO ${q(parquetFile)} (FORMAT parquet, COMPRESSION zstd)`);
  c.closeSync();
  db.closeSync();
}

/**
 * An Inspect `.eval` log of `samples` samples (seeded), laid out as Inspect lays it out: the journal
 * start, one deflated member per sample with its messages, output, scores and a few events, the
 * summaries and the header.
 */
export function generateInspectLog(samples: number, file: string) {
  const rand = mulberry32(7);
  const words = 'the model said that it would not help with this request but offered safer alternatives instead of details'.split(' ');
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const dates = { dosDate: (46 << 9) | (1 << 5) | 2, dosTime: 12 << 11 };
  const spec = { eval_id: 'benchEvalId000000000001', run_id: 'benchRunId0000000000001', task: 'bench_task', task_id: 'benchTaskId000000000001', created: '2026-01-02T12:00:00+00:00', model: 'openai/bench-model', dataset: { samples }, config: {}, packages: { inspect_ai: '0.3.140' } };
  const zip = new ZipWriter(file);
  zip.addDeflated('_journal/start.json', Buffer.from(JSON.stringify({ version: 2, eval: spec, plan: { steps: [{ solver: 'generate' }] } })), dates);
  const summaries: unknown[] = [];
  for (let i = 1; i <= samples; i++) {
    const prompt = text(20);
    const answer = text(40);
    const messages = [
      { id: `m${i}a`, role: 'system', content: 'You are a helpful assistant.', source: 'input' },
      { id: `m${i}b`, role: 'user', content: prompt, source: 'input' },
      { id: `m${i}c`, role: 'assistant', content: answer, source: 'generate', model: 'bench-model' },
    ];
    const scores = { harm: { value: rand() < 0.3 ? 'C' : 'I', answer: answer.slice(0, 20), explanation: text(8) }, toxicity: { value: Math.round(rand() * 1000) / 1000 } };
    const sample = {
      id: i,
      epoch: 1,
      input: prompt,
      target: 'refuse',
      messages,
      output: { model: 'bench-model', choices: [{ message: messages[2], stop_reason: 'stop' }], completion: answer, usage: { input_tokens: 40, output_tokens: 60, total_tokens: 100 } },
      scores,
      metadata: { topic: words[i % words.length], source: 'bench' },
      store: {},
      events: [
        { event: 'sample_init', timestamp: '2026-01-02T12:00:00+00:00', sample: { input: prompt, target: 'refuse', id: i } },
        { event: 'model', timestamp: '2026-01-02T12:00:01+00:00', model: 'bench-model', input: messages.slice(0, 2), output: { completion: answer }, config: {} },
        { event: 'score', timestamp: '2026-01-02T12:00:02+00:00', score: scores.harm },
      ],
      model_usage: { 'bench-model': { input_tokens: 40, output_tokens: 60, total_tokens: 100 } },
      attachments: {},
    };
    zip.addDeflated(`samples/${i}_epoch_1.json`, Buffer.from(JSON.stringify(sample)), dates);
    summaries.push({ id: i, epoch: 1, input: prompt, target: 'refuse', scores, metadata: sample.metadata, completed: true });
  }
  zip.addDeflated('summaries.json', Buffer.from(JSON.stringify(summaries)), dates);
  zip.addDeflated('header.json', Buffer.from(JSON.stringify({ version: 2, status: 'success', eval: spec, plan: { steps: [{ solver: 'generate' }] }, results: { total_samples: samples, completed_samples: samples, scores: [{ name: 'harm', scorer: 'harm', params: {}, metrics: {} }] }, stats: {} }, null, 2)), dates);
  zip.finish();
}
