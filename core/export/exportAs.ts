import { adjudicationHistory } from '../adjudication/adjudicate';
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

/** Export in any format, every one written from the same labeled rows (exportLabels.ts labeledRows). */
export async function exportLabelsAs(ws: Workspace, opts: ExportOptions): Promise<ExportSummary & { samples?: number }> {
  const method = opts.method ?? 'adjudicated-then-dawid-skene';
  if (opts.format === 'jsonl' || opts.format === 'csv') return exportLabels(ws, { out: opts.out, format: opts.format, method });
  if (opts.format === 'inspect' && !opts.log) throw new InputError('--format inspect needs --log LOG: the Inspect log to write the labels back into');
  const { rows, bySource } = labeledRows(ws, method);
  const base = { file: opts.out, format: opts.format, method, bySource };
  const reasons = (sampleId: string) => adjudicationHistory(ws, sampleId).at(-1)?.reason;
  if (opts.format === 'parquet') return { ...base, ...writeParquetLabels(rows, opts.out) };
  if (opts.format === 'inspect-scores') return { ...base, ...(await writeInspectScores(rows, { out: opts.out, log: opts.log, reasons })) };
  const r = await writeLabeledLog(rows, { log: opts.log!, out: opts.out, scoreName: opts.scoreName, reasons });
  return { ...base, rows: r.labelled, samples: r.samples };
}
