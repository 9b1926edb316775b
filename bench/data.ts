// Synthetic benchmark data (never committed: written under .bench/).
import { closeSync, openSync, writeSync } from 'node:fs';
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

