import { UsageError } from '../../errors';
import { exportLabels, type ExportFormat, type ExportMethod } from '../../export/exportLabels';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('export --workspace DIR --out PATH [--format jsonl|csv] [--method adjudicated-then-dawid-skene|adjudicated-then-majority] [--json]');

export const exportCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      { workspace: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, method: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const out = requireFlag(values.out, 'out', usage);
    const format = (values.format ?? (out.endsWith('.csv') ? 'csv' : 'jsonl')) as ExportFormat;
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`);
    const method = (values.method ?? 'adjudicated-then-dawid-skene') as ExportMethod;
    if (method !== 'adjudicated-then-dawid-skene' && method !== 'adjudicated-then-majority') {
      throw new UsageError(`--method must be adjudicated-then-dawid-skene or adjudicated-then-majority, not "${method}"`);
    }
    return withActor(dir, ctx, 'export', contract.exportLabels.access, (ws) => {
      const summary = exportLabels(ws, { out, format, method });
      if (values.json) printJson(io, summary);
      else {
        const b = summary.bySource;
        io.out(`Wrote ${summary.rows} rows to ${out} (${b.adjudicated} adjudicated, ${b.aggregated} aggregated, ${b['single-rater']} single-rater, ${b.unresolved} unresolved)\n`);
        for (const g of summary.aggregation) if (g.fallback) io.out(`Under ${g.version}: ${g.fallback}.\n`);
        if (b.unresolved) io.out(`${b.unresolved} row(s) carry no final label (a tie, or a combination the guideline forbids): they are in the adjudication queue.\n`);
      }
      return 0;
    });
  },
};
