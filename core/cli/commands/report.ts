import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('report --workspace DIR --out report.html [--batch ID] [--guideline VERSION] [--bootstrap N] [--seed S] [--json]');

export const reportCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      { workspace: { type: 'string' }, out: { type: 'string' }, batch: { type: 'string' }, guideline: { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const out = requireFlag(values.out, 'out', usage);
    // Loaded on use: the report renders charts with ECharts, which every other command would pay for at startup.
    const { writeReport } = await import('../../report/htmlReport');
    return withActor(dir, ctx, 'report', contract.agreement.access, (ws) => {
      const view = writeReport(ws, out, {
        version: values.guideline,
        batch: values.batch,
        bootstrap: values.bootstrap ? Number(values.bootstrap) : undefined,
        seed: values.seed ? Number(values.seed) : undefined,
      });
      if (values.json) printJson(io, { file: out, threshold: view.threshold, labels: view.report.counts.labels });
      else io.out(`Wrote ${out} (${view.report.counts.labels} labels, ${view.report.fields.length} fields)\n`);
      return 0;
    });
  },
};
