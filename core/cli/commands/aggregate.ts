import { aggregateLabels, type AggregationMethod } from '../../agreement/aggregate';
import { UsageError } from '../../errors';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';

const usage = 'concord aggregate --workspace DIR --method majority|dawid-skene [--json]';

export const aggregateCommand: Command = {
  name: 'aggregate',
  summary: 'The calibrated label per item (majority vote or Dawid-Skene) with its confidence',
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, method: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const method = requireFlag(values.method, 'method', usage);
    if (method !== 'majority' && method !== 'dawid-skene') throw new UsageError(`--method must be majority or dawid-skene, not "${method}"`);
    return withActor(dir, ctx, 'aggregate', contract.agreement.access, (ws) => {
      const result = aggregateLabels(ws, method as AggregationMethod);
      if (values.json) {
        printJson(io, result);
        return 0;
      }
      io.out(`Calibrated labels by ${method} under ${result.guideline.id}@${result.guideline.version}: ${result.items.length} item(s)\n\n`);
      const fmt = (v: unknown) => (Array.isArray(v) ? v.join('+') || '(none)' : v === null ? 'TIE' : String(v));
      for (const item of result.items) {
        const fields = Object.entries(item.fields)
          .map(([k, f]) => `${k}=${fmt(f.value)}${f.confidence === null ? '' : ` (${f.confidence.toFixed(2)})`}`)
          .join('  ');
        io.out(`${item.sampleId.padEnd(16)} raters=${item.raters}  ${fields}\n`);
      }
      return 0;
    });
  },
};
