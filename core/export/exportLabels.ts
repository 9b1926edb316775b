import { createHash } from 'node:crypto';
import { aggregateLabels, type AggregatedItem } from '../agreement/aggregate';
import { collectLabelSets } from '../agreement/labelSets';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import type { Sample } from '../../shared/samples/schema';
import { iterateSamples } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { writeFileAtomic } from './writeAtomic';

export type ExportMethod = 'adjudicated-then-dawid-skene' | 'adjudicated-then-majority';
export type ExportFormat = 'jsonl' | 'csv' | 'parquet' | 'inspect' | 'inspect-scores';

/** What export adds to each row, under the key `concord`. */
export interface ConcordColumn {
  values: Record<string, unknown>;
  source: 'adjudicated' | 'aggregated' | 'single-rater';
  confidence: number | null;
  method: string;
  guideline: { id: string; version: string };
  raters: number;
  /** Share of agreeing rater pairs on the item, averaged over the measured fields (null with < 2 raters). */
  agreement: number | null;
  /** Pseudonymous: stable within this workspace, not reversible to the rater's name. */
  raterIds: string[];
}

export interface ExportSummary {
  file: string;
  format: ExportFormat;
  method: ExportMethod;
  rows: number;
  bySource: Record<ConcordColumn['source'], number>;
}

function pseudonym(workspaceId: string, raterId: string): string {
  return 'r-' + createHash('sha256').update(`${workspaceId}\0${raterId}`).digest('hex').slice(0, 12);
}

function itemAgreement(labels: Record<string, unknown>[], fields: string[]): number | null {
  if (labels.length < 2) return null;
  const key = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : v ?? null);
  const shares = fields.map((f) => {
    let agree = 0;
    let pairs = 0;
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        pairs++;
        if (key(labels[i][f]) === key(labels[j][f])) agree++;
      }
    return agree / pairs;
  });
  return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One labeled sample as export writes it: the imported row untouched and its `concord` object. */
export interface LabeledRow {
  sample: Sample;
  raw: Record<string, unknown>;
  concord: ConcordColumn;
}

/**
 * One row per labeled sample, in import order: the imported row plus a `concord` object with the
 * final label. Adjudicated labels win; otherwise the aggregated label (several raters) or the only
 * rater's label. Every export format (and the graders' human side) is written from these rows.
 */
export function labeledRows(ws: Workspace, method: ExportMethod): { rows: LabeledRow[]; bySource: ExportSummary['bySource'] } {
  const sets = collectLabelSets(ws);
  const agg = aggregateLabels(ws, method === 'adjudicated-then-majority' ? 'majority' : 'dawid-skene');
  const aggregated = new Map<string, AggregatedItem>(agg.items.map((i) => [i.sampleId, i]));
  const workspaceId = (prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_id'`).pluck().get() as string) ?? '';
  const byItem = new Map<string, { rater: string; values: Record<string, unknown> }[]>();
  for (const l of sets.labels) byItem.set(l.sampleId, [...(byItem.get(l.sampleId) ?? []), { rater: l.raterId, values: l.values }]);
  const fieldKeys = sets.fields.map((f) => f.key);

  const rows: LabeledRow[] = [];
  const bySource = { adjudicated: 0, aggregated: 0, 'single-rater': 0 };
  for (const { sample, raw } of iterateSamples(ws)) {
    const labels = byItem.get(sample.id) ?? [];
    const adjudicated = sets.adjudicated.get(sample.id);
    if (!labels.length && !adjudicated) continue;
    const base = {
      guideline: sets.guideline,
      raters: labels.length,
      agreement: itemAgreement(labels.map((l) => l.values), fieldKeys),
      raterIds: labels.map((l) => pseudonym(workspaceId, l.rater)).sort(),
    };
    let concord: ConcordColumn;
    if (adjudicated) concord = { values: adjudicated, source: 'adjudicated', confidence: 1, method, ...base };
    else if (labels.length === 1) concord = { values: labels[0].values, source: 'single-rater', confidence: null, method, ...base };
    else {
      const a = aggregated.get(sample.id)!;
      concord = { values: a.values, source: 'aggregated', confidence: a.confidence, method, ...base };
    }
    bySource[concord.source]++;
    const original = JSON.parse(raw) as Record<string, unknown>;
    if (Object.hasOwn(original, 'concord')) throw new InputError(`sample "${sample.id}" already has a "concord" field; export would overwrite it`);
    rows.push({ sample, raw: original, concord });
  }
  return { rows, bySource };
}

/**
 * Writes the labeled rows (labeledRows) as JSONL or CSV (the other formats: ./exportAs.ts). Rows carry
 * no timestamps and the file is written to a temporary name and renamed: same workspace, same bytes.
 */
export function exportLabels(ws: Workspace, opts: { out: string; format?: 'jsonl' | 'csv'; method?: ExportMethod }): ExportSummary {
  const format = opts.format ?? 'jsonl';
  const method = opts.method ?? 'adjudicated-then-dawid-skene';
  const { rows, bySource } = labeledRows(ws, method);
  writeFileAtomic(opts.out, (put) => {
    if (format === 'jsonl') {
      for (const r of rows) put(JSON.stringify({ ...r.raw, concord: r.concord }) + '\n');
      return;
    }
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r.raw)) if (!seen.has(k)) seen.add(k), columns.push(k);
    const concordColumns = ['values', 'source', 'confidence', 'method', 'guideline', 'raters', 'agreement', 'raterIds'] as const;
    put([...columns, ...concordColumns.map((c) => `concord.${c}`)].map(csvCell).join(',') + '\n');
    for (const r of rows) {
      const g = r.concord.guideline;
      const cells = [...columns.map((c) => r.raw[c]), ...concordColumns.map((c) => (c === 'guideline' ? `${g.id}@${g.version}` : r.concord[c]))];
      put(cells.map(csvCell).join(',') + '\n');
    }
  });
  return { file: opts.out, format, method, rows: rows.length, bySource };
}
