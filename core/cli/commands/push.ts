import { UsageError } from '../../errors';
import { parseHeaders } from '../../remote/http';
import { PushFailed, pushLabels } from '../../remote/push';
import { contract } from '../../../shared/api/contract';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { methodFlag } from './export';

const usage = concordCommand(
  'push --workspace DIR --to URL [--format jsonl] [--header "Name: value"]... [--method adjudicated-then-dawid-skene|adjudicated-then-majority] [--json]',
);

export const pushCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      { workspace: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, header: { type: 'string', multiple: true }, method: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const to = requireFlag(values.to, 'to', usage);
    if ((values.format ?? 'jsonl') !== 'jsonl') throw new UsageError(`--format must be jsonl, not "${values.format}"`);
    const method = methodFlag(values.method);
    const headers = parseHeaders(values.header);
    try {
      // The export, sent elsewhere: the export's rule.
      const report = await withActor(dir, ctx, 'push', contract.exportLabels.access, (ws) => pushLabels(ws, { to, headers, method }));
      if (values.json) printJson(io, report);
      else io.out(`Sent ${report.sent} rows in ${report.chunks} chunk(s)${report.chunksRetried ? `, ${report.chunksRetried} retried` : ''}.\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof PushFailed)) throw e;
      if (values.json) printJson(io, e.report);
      io.err(`concord push: ${e.message}\n`);
      return 1;
    }
  },
};
