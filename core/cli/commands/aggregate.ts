import { aggregateLabels, type AggregationMethod } from '../../agreement/aggregate';
import { UsageError } from '../../errors';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('aggregate --workspace DIR --method majority|dawid-skene [--json]');

export const aggregateCommand: Command = {
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
      io.out(`Calibrated labels by ${method}: ${result.items.length} item(s)\n`);
      for (const g of result.groups) {
        io.out(`Under ${g.guideline.id}@${g.guideline.version}: ${g.items} item(s) by ${g.method}. Confidence: ${g.confidence}.\n`);
        if (g.fallback) io.out(`  ${g.fallback}.\n`);
      }
      io.out('\n');
      const fmt = (v: unknown) => (Array.isArray(v) ? v.join('+') || '(none)' : v === null ? 'TIE' : String(v));
      for (const item of result.items) {
        const fields = Object.entries(item.fields)
          .map(([k, f]) => `${k}=${fmt(f.value)}${f.confidence === null ? '' : ` (${f.confidence.toFixed(2)})`}`)
          .join('  ');
        const status = item.status === 'resolved' ? `confidence ${item.confidence!.toFixed(2)}` : `UNRESOLVED: ${item.unresolved}`;
        io.out(`${item.sampleId.padEnd(16)} raters=${item.raters}  ${fields}  ${status}\n`);
      }
      return 0;
    });
  },
};
