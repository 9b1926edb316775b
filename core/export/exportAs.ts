import { InputError } from '../errors';
import { writeInspectScores, writeLabeledLog } from '../inspect/labelLog';
import type { Workspace } from '../workspace/workspace';
import { exportLabels, labeledRows, type ExportFormat, type ExportMethod, type ExportSummary } from './exportLabels';
import { writeParquetLabels } from './parquetLabels';

export const exportFormats: readonly ExportFormat[] = ['jsonl', 'csv', 'parquet', 'inspect', 'inspect-scores'];

export interface ExportOptions {
  out: string;
  format: ExportFormat;
  method?: ExportMethod;
  /** inspect: the log the labels go back into; inspect-scores: the log whose samples to keep. */
  log?: string;
  /** inspect and inspect-scores: the score's name (default `concord`). */
  scoreName?: string;
}

/**
 * Export in any format, every one written from the same labeled rows (exportLabels.ts labeledRows).
 * `rows` is what the file holds: for JSONL, CSV and Parquet every labeled row (an unresolved one with
 * no values); for Inspect, the samples scored (an unresolved sample gets no score). `bySource` counts
 * the workspace's labeled rows either way.
 */
export async function exportLabelsAs(ws: Workspace, opts: ExportOptions): Promise<ExportSummary & { samples?: number }> {
  const method = opts.method ?? 'adjudicated-then-dawid-skene';
  if (opts.format === 'jsonl' || opts.format === 'csv') return exportLabels(ws, { out: opts.out, format: opts.format, method });
  if (opts.format === 'inspect' && !opts.log) throw new InputError('--format inspect needs --log LOG: the Inspect log to write the labels back into');
  const { rows, bySource, aggregation } = labeledRows(ws, method);
  const base = { file: opts.out, format: opts.format, method, bySource, aggregation };
  if (opts.format === 'parquet') return { ...base, ...writeParquetLabels(rows, opts.out) };
  if (opts.format === 'inspect-scores') return { ...base, ...(await writeInspectScores(rows, { out: opts.out, log: opts.log })) };
  const r = await writeLabeledLog(rows, { log: opts.log!, out: opts.out, scoreName: opts.scoreName });
  return { ...base, rows: r.labelled, samples: r.samples };
}
