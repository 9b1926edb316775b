import { parseHeaders } from '../../remote/http';
import { pullSamples } from '../../remote/pull';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { formatReport, mapFlag, progressPrinter } from './import';

const usage = concordCommand('pull --workspace DIR --from URL [--header "Name: value"]... [--map field=path,...] [--skip-invalid] [--progress] [--json]');

export const pullCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      {
        workspace: { type: 'string' },
        from: { type: 'string' },
        header: { type: 'string', multiple: true },
        map: { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        progress: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const from = requireFlag(values.from, 'from', usage);
    const headers = parseHeaders(values.header);
    const map = mapFlag(values.map);
    const skipInvalid = values['skip-invalid'] ?? false;
    const showProgress = values.progress ?? Boolean(process.stderr.isTTY);
    // An import (the same rule as `import`: an owner's act), from a URL.
    const report = await withActor(dir, ctx, 'pull', { roles: ['owner'], writes: true }, (ws, actor) =>
      pullSamples(ws, { from, headers, map, skipInvalid, onProgress: showProgress ? progressPrinter(io) : undefined }, actor.id),
    );
    const failed = report.invalid.length > 0 && !skipInvalid;
    if (values.json) printJson(io, report);
    else (failed ? io.err : io.out)(`Read ${report.pages} page(s)${report.retried ? `, ${report.retried} request(s) retried` : ''}.\n${formatReport(report, skipInvalid)}`);
    if (failed && values.json) io.err(`concord pull: nothing imported: ${report.invalid.length} invalid row(s), first on line ${report.invalid[0].line}\n`);
    return failed ? 2 : 0;
  },
};
