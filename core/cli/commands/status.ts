import { workspaceStatus, type WorkspaceStatus } from '../../workspace/status';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('status --workspace DIR [--json]');

export function formatStatus(s: WorkspaceStatus): string {
  const rows: [string, string | number][] = [
    ['Workspace', s.workspace],
    ['Active guideline', s.activeGuideline ? `${s.activeGuideline.id}@${s.activeGuideline.version}` : '(none)'],
    ['Guideline versions', s.guidelineVersions.join(', ') || '(none)'],
    ['Samples', s.samples],
    ['Labels', s.labels],
    ['Raters', s.raters],
    ['Adjudications', s.adjudications],
    ['Events', s.events],
    ...(s.pendingEvents ? [['Pending events', `${s.pendingEvents} (waiting for events they refer to)`] as [string, string]] : []),
    ...(s.setAsideEvents ? [['Set-aside events', `${s.setAsideEvents} (stored, cannot apply)`] as [string, string]] : []),
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join('\n') + '\n';
}

export const statusCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    return withActor(dir, ctx, 'status', { roles: 'signed-in', writes: false }, (ws) => {
      const status = workspaceStatus(ws);
      if (values.json) printJson(io, status);
      else io.out(formatStatus(status));
      return 0;
    });
  },
};
