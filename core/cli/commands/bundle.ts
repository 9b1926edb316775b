// `concord bundle export|import`: sync without a server. A bundle is a JSONL file of events (README
// "Bundles") carried between machines; importing one applies its events in any order, idempotently.
import type { Access } from '../../../shared/api/define';
import { concordCommand, shellQuote } from '../../../shared/cli/concordCommand';
import { exportBundle } from '../../bundle/exportBundle';
import { importBundle } from '../../bundle/importBundle';
import { InputError, UsageError } from '../../errors';
import { authorizedActor, withActor, type CliContext } from '../actor';
import { parseFlags, printJson, requireFlag, type Command, type CommandIO } from '../command';

const exportUsage = concordCommand('bundle export --workspace DIR --out FILE [--since FILE.cursor] [--json]');
const importUsage = concordCommand('bundle import --workspace DIR --file FILE [--json]');
const usage = `${exportUsage} | ${importUsage}`;

// Who may carry bundles (README "Bundles"): any profile, both ways. A bundle grants nothing: every
// event in it keeps its own author, and the importing replica checks each against that author's
// roles (shared/auth/eventPermissions.ts). Raters and adjudicators export their replica's events to
// hand their work back, and import the owner's bundles to get new batches and guideline versions.
// Export writes no event (a file and its cursor); import stores others' events, authoring none.
const exportAccess: Access = { roles: 'signed-in', writes: false };
const importAccess: Access = { roles: 'signed-in', writes: true };

function runExport(argv: string[], io: CommandIO, ctx: CliContext) {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, out: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } }, exportUsage);
  const dir = requireFlag(values.workspace, 'workspace', exportUsage);
  const out = requireFlag(values.out, 'out', exportUsage);
  return withActor(dir, ctx, 'bundle export', exportAccess, (ws) => {
    const s = exportBundle(ws, { out, since: values.since });
    if (values.json) printJson(io, s);
    else {
      const what = s.after ? `events after the cursor (log position ${s.after})` : 'events';
      io.out(`Wrote ${s.events} ${what} of workspace ${s.workspace} to ${s.file}; the next export can start after them: --since ${shellQuote(s.cursor)}\n`);
      if (s.withheld) io.out(`${s.withheld} events of an unfinished import were left for a later bundle.\n`);
    }
    return 0;
  });
}

async function runImport(argv: string[], io: CommandIO, ctx: CliContext) {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } }, importUsage);
  const dir = requireFlag(values.workspace, 'workspace', importUsage);
  const file = requireFlag(values.file, 'file', importUsage);
  const { report, created, workspace, clockAhead } = await importBundle(dir, file, {
    intoWorkspace: (ws) => void authorizedActor(ws, ctx, 'bundle import', importAccess),
    // A new replica has no profile yet to act as (like init): `--as` must at least name one the bundle brings.
    intoNewReplica: (profiles) => {
      if (ctx.as !== undefined && !profiles.has(ctx.as)) {
        throw new InputError(`--as ${ctx.as}: the bundle creates no profile "${ctx.as}" (it creates ${[...profiles].join(', ') || 'none'}); nothing was imported`);
      }
    },
  });
  if (values.json) printJson(io, report);
  else {
    const lines = [
      ...(created ? [`Created ${dir}: a replica of workspace ${workspace}. Act on it as one of its profiles: ${concordCommand(`status --workspace ${shellQuote(dir)} --as PROFILE`)}`] : []),
      `Applied ${report.applied}, duplicates ${report.duplicates}, pending ${report.pending}, rejected ${report.rejected.length}, set aside ${report.setAside.length}.`,
      ...(report.pending ? [`  ${report.pending} event(s) wait for events they refer to; they apply when those arrive (${concordCommand('status')} shows them).`] : []),
    ];
    io.out(lines.join('\n') + '\n');
    for (const r of report.rejected) io.err(`  rejected ${r.event}: ${r.reason}\n`);
    for (const r of report.setAside) io.err(`  set aside ${r.event}: ${r.reason}\n`);
  }
  if (clockAhead.events) {
    const hours = (clockAhead.maxMs / 3600_000).toFixed(1);
    io.err(`warning: ${clockAhead.events} event(s) are stamped up to ${hours} h ahead of this machine's clock: the clock of the machine that wrote them, or this one, is off (their order is still right)\n`);
  }
  return 0;
}

export const bundleCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const [action, ...rest] = argv;
    if (action === 'export') return runExport(rest, io, ctx);
    if (action === 'import') return runImport(rest, io, ctx);
    throw new UsageError(`bundle needs export or import${action ? `, not "${action}"` : ''}. Usage: ${usage}`);
  },
};
