import { parseHeaders } from '../../remote/http';
import { pullSamples } from '../../remote/pull';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { withActor } from '../actor';
import { parseFlags, requireFlag, type Command } from '../command';
import { finishImport, IMPORT_FLAGS, importFlagValues } from './import';

const usage = concordCommand('pull --workspace DIR --from URL [--header "Name: value"]... [--map field=path,...] [--skip-invalid] [--progress] [--json]');

export const pullCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(argv, { ...IMPORT_FLAGS, from: { type: 'string' }, header: { type: 'string', multiple: true } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const from = requireFlag(values.from, 'from', usage);
    const headers = parseHeaders(values.header);
    const options = importFlagValues(values, io);
    // An import (the same rule as `import`: an owner's act), from a URL.
    const report = await withActor(dir, ctx, 'pull', { roles: ['owner'], writes: true }, (ws, actor) => pullSamples(ws, { from, headers, ...options }, actor.id));
    const intro = `Read ${report.pages} page(s)${report.retried ? `, ${report.retried} request(s) retried` : ''}.\n`;
    return finishImport(io, 'pull', report, { skipInvalid: options.skipInvalid, json: values.json, intro });
  },
};
