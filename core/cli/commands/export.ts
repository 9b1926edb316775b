import { UsageError } from '../../errors';
import { exportFormats, exportLabelsAs } from '../../export/exportAs';
import type { ExportFormat, ExportMethod } from '../../export/exportLabels';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand(
  'export --workspace DIR --out PATH [--format jsonl|csv|parquet|inspect|inspect-scores] [--log LOG] [--score-name NAME] [--method adjudicated-then-dawid-skene|adjudicated-then-majority] [--json]',
);

/** `--method`, checked (default adjudicated-then-dawid-skene). */
export function methodFlag(v: string | undefined): ExportMethod {
  const method = v ?? 'adjudicated-then-dawid-skene';
  if (method !== 'adjudicated-then-dawid-skene' && method !== 'adjudicated-then-majority') {
    throw new UsageError(`--method must be adjudicated-then-dawid-skene or adjudicated-then-majority, not "${method}"`);
  }
  return method;
}

/** The format from the output's extension when not given. */
function formatOf(out: string, explicit?: string): ExportFormat {
  const format = explicit ?? (out.endsWith('.csv') ? 'csv' : out.endsWith('.parquet') ? 'parquet' : out.endsWith('.eval') ? 'inspect' : 'jsonl');
  if (!(exportFormats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${exportFormats.join(', ')}, not "${format}"`);
  return format as ExportFormat;
}

export const exportCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      {
        workspace: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        method: { type: 'string' },
        log: { type: 'string' },
        'score-name': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const out = requireFlag(values.out, 'out', usage);
    const format = formatOf(out, values.format);
    const method = methodFlag(values.method);
    if (values.log && format !== 'inspect' && format !== 'inspect-scores') throw new UsageError('--log goes with --format inspect or inspect-scores');
    const scoreName = values['score-name'];
    if (scoreName !== undefined && (format !== 'inspect' || !/^[\w.-]+$/.test(scoreName))) {
      throw new UsageError(format !== 'inspect' ? '--score-name goes with --format inspect' : `--score-name must be letters, digits, "_", "." or "-", not "${scoreName}"`);
    }
    return withActor(dir, ctx, 'export', contract.exportLabels.access, async (ws) => {
      const summary = await exportLabelsAs(ws, { out, format, method, log: values.log, scoreName });
      if (values.json) printJson(io, summary);
      else {
        const b = summary.bySource;
        if (format === 'inspect') io.out(`Wrote ${out}: ${summary.rows} of ${summary.samples} samples scored "${scoreName ?? 'concord'}" (${b.adjudicated} adjudicated, ${b.aggregated} aggregated, ${b['single-rater']} single-rater, ${b.unresolved} unresolved in the workspace)\n`);
        else io.out(`Wrote ${summary.rows} rows to ${out} (${b.adjudicated} adjudicated, ${b.aggregated} aggregated, ${b['single-rater']} single-rater, ${b.unresolved} unresolved)\n`);
        for (const g of summary.aggregation) if (g.fallback) io.out(`Under ${g.version}: ${g.fallback}.\n`);
        if (b.unresolved) io.out(`${b.unresolved} row(s) carry no final label (a tie, or a combination the guideline forbids): they are in the adjudication queue${format === 'jsonl' || format === 'csv' || format === 'parquet' ? '' : ', and get no score'}.\n`);
      }
      return 0;
    });
  },
};
