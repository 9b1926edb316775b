// `concord connect` and `concord sync`: a workspace and the team's hub (README "Working as a team").
import { InputError } from '../../errors';
import { connectedHub, connectWorkspace, type ConnectResult } from '../../sync/connect';
import { HubRefusal, HubUnreachable, syncWorkspace, type SyncProgress, type SyncReport } from '../../sync/sync';
import { withWorkspace } from '../../workspace/workspace';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { parseFlags, printJson, requireFlag, type Command, type CommandIO } from '../command';

const connectUsage = concordCommand('connect --workspace DIR --hub URL --token TOKEN [--progress] [--json]');
const syncUsage = concordCommand('sync --workspace DIR [--progress] [--json]');

const counts = (r: SyncReport) => ({ pushed: r.pushed, pulled: r.pulled, pending: r.pending, rejected: r.rejected });

function describe(r: SyncReport): string {
  const lines = [`Pushed ${r.pushed}, pulled ${r.pulled}; ${r.pending} change(s) waiting here, ${r.rejected} refused by the hub.`];
  if (r.waiting) lines.push(`${r.waiting} received event(s) wait for events they refer to.`);
  return lines.join('\n') + '\n';
}

function warnings(io: CommandIO, r: SyncReport) {
  for (const x of r.refusals) io.err(`refused by the hub: ${x.event}: ${x.reason}\n`);
  if (r.clockOffMs !== null) {
    const h = (Math.abs(r.clockOffMs) / 3600_000).toFixed(1);
    io.err(`warning: this machine's clock is ${h} h ${r.clockOffMs > 0 ? 'behind' : 'ahead of'} the hub's; syncing still orders changes correctly, but fix the clock\n`);
  }
}

function progressPrinter(io: CommandIO, on: boolean | undefined) {
  if (!on) return undefined;
  return (p: SyncProgress) => io.err(`${p.phase}: ${p.done} event(s)${p.remaining ? `, ${p.remaining} to go` : ''}\n`);
}

/** A failure to reach the hub is exit 1, with what is still waiting here (nothing is lost). */
function unreachable(io: CommandIO, e: Error & { report?: SyncReport }, json: boolean | undefined): number {
  const r = e.report;
  if (json) printJson(io, { ...(r ? counts(r) : {}), error: e.message });
  io.err(`concord sync: ${e.message}${r ? ` (${r.pending} change(s) are saved here and will be pushed on the next sync)` : ''}\n`);
  return 1;
}

export const connectCommand: Command = {
  usage: connectUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, hub: { type: 'string' }, token: { type: 'string' }, progress: { type: 'boolean' }, json: { type: 'boolean' } }, connectUsage);
    const dir = requireFlag(values.workspace, 'workspace', connectUsage);
    const url = requireFlag(values.hub, 'hub', connectUsage);
    const token = requireFlag(values.token, 'token', connectUsage);
    try {
      new URL(url);
    } catch {
      throw new InputError(`--hub must be a URL such as https://hub.example.org, not "${url}"`);
    }
    let result: ConnectResult;
    try {
      result = await connectWorkspace(dir, url, token, { onProgress: progressPrinter(io, values.progress) });
    } catch (e) {
      if (e instanceof HubUnreachable || (e instanceof HubRefusal && e.status !== 401)) return unreachable(io, e, values.json);
      throw e;
    }
    const { sync, ...who } = result;
    if (values.json) printJson(io, { ...who, ...counts(sync) });
    else {
      const what = { source: `is now the source of project "${who.projectName}"`, replica: `is now ${who.member}'s replica of project "${who.projectName}"`, updated: `reaches project "${who.projectName}" at its new address` }[who.mode];
      io.out(`${dir} ${what} (member ${who.member}: ${who.roles.join(', ')}).\n` + describe(sync));
    }
    warnings(io, sync);
    return 0;
  },
};

export const syncCommand: Command = {
  usage: syncUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, progress: { type: 'boolean' }, json: { type: 'boolean' } }, syncUsage);
    const dir = requireFlag(values.workspace, 'workspace', syncUsage);
    const { client } = connectedHub(dir);
    return withWorkspace(dir, async (ws) => {
      let r: SyncReport;
      try {
        r = await syncWorkspace(ws, client, { onProgress: progressPrinter(io, values.progress) });
      } catch (e) {
        if (e instanceof HubUnreachable || e instanceof HubRefusal) return unreachable(io, e, values.json);
        throw e;
      }
      if (values.json) printJson(io, counts(r));
      else io.out(describe(r));
      warnings(io, r);
      return 0;
    });
  },
};
