import { parseHeaders } from '../../remote/http';
import { pullSamples } from '../../remote/pull';
import { withWorkspace } from '../../workspace/workspace';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { formatReport, mapFlag, progressPrinter } from './import';

const usage = 'concord pull --workspace DIR --from URL [--header "Name: value"]... [--map field=path,...] [--skip-invalid] [--progress] [--json]';

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Import samples from an HTTP eval store that serves JSONL (following rel="next" pages), as import does',
  usage,
  async run(argv, io) {
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
    const report = await withWorkspace(dir, (ws) => pullSamples(ws, { from, headers, map, skipInvalid, onProgress: showProgress ? progressPrinter(io) : undefined }));
    const failed = report.invalid.length > 0 && !skipInvalid;
    if (values.json) printJson(io, report);
    else (failed ? io.err : io.out)(`Read ${report.pages} page(s)${report.retried ? `, ${report.retried} request(s) retried` : ''}.\n${formatReport(report, skipInvalid)}`);
    if (failed && values.json) io.err(`concord pull: nothing imported: ${report.invalid.length} invalid row(s), first on line ${report.invalid[0].line}\n`);
    return failed ? 2 : 0;
  },
};
