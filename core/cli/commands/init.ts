import { loadBundledPack } from '../../guidelines/load';
import { UsageError } from '../../errors';
import { activateGuideline, publishGuideline } from '../../workspace/guidelines';
import { workspaceStatus } from '../../workspace/status';
import { createWorkspace } from '../../workspace/workspace';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

export const DEFAULT_PACK = 'harm-taxonomy';

const usage = concordCommand('init --workspace DIR [--guideline ID@VERSION] [--json]');

export function parseGuidelineRef(spec: string): { id: string; version?: string } {
  const [id, version, extra] = spec.split('@');
  if (!id || extra !== undefined || version === '') throw new UsageError(`--guideline must be ID or ID@VERSION, not "${spec}"`);
  return { id, version };
}

export const initCommand: Command = {
  usage,
  run(argv, io) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, guideline: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const ref = parseGuidelineRef(values.guideline ?? DEFAULT_PACK);
    const pack = loadBundledPack(ref.id, ref.version); // validate before creating anything
    const ws = createWorkspace(dir);
    try {
      publishGuideline(ws, pack);
      activateGuideline(ws, { id: pack.id, version: pack.version });
      const status = workspaceStatus(ws);
      if (values.json) printJson(io, status);
      else io.out(`Created workspace ${dir} with guideline ${pack.id}@${pack.version}\n`);
    } finally {
      ws.close();
    }
    return 0;
  },
};
