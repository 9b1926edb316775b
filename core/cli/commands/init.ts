import { loadBundledPack } from '../../guidelines/load';
import { UsageError } from '../../errors';
import { activateGuideline, publishGuideline } from '../../workspace/guidelines';
import { workspaceStatus } from '../../workspace/status';
import { defaultOwner } from '../../workspace/localOwner';
import { checkProfileId } from '../../workspace/raters';
import { createWorkspace } from '../../workspace/workspace';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

export const DEFAULT_PACK = 'harm-taxonomy';

const usage = concordCommand('init --workspace DIR [--guideline ID@VERSION] [--owner ID] [--json]');

export function parseGuidelineRef(spec: string): { id: string; version?: string } {
  const [id, version, extra] = spec.split('@');
  if (!id || extra !== undefined || version === '') throw new UsageError(`--guideline must be ID or ID@VERSION, not "${spec}"`);
  return { id, version };
}

export const initCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, guideline: { type: 'string' }, owner: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    if (ctx.as !== undefined) throw new UsageError(`init creates the workspace's owner profile: name it with --owner ID, not --as. Usage: ${usage}`);
    const ref = parseGuidelineRef(values.guideline ?? DEFAULT_PACK);
    const pack = loadBundledPack(ref.id, ref.version); // validate before creating anything
    if (values.owner !== undefined) checkProfileId(values.owner);
    // The local owner: named after the OS user unless --owner says otherwise (core/workspace/localOwner.ts).
    const owner = defaultOwner(values.owner);
    const ws = createWorkspace(dir, { owner });
    try {
      publishGuideline(ws, pack, owner.id);
      activateGuideline(ws, { id: pack.id, version: pack.version }, owner.id);
      const status = workspaceStatus(ws);
      if (values.json) printJson(io, { ...status, owner: owner.id });
      else io.out(`Created workspace ${dir} with guideline ${pack.id}@${pack.version}; its owner profile is "${owner.id}"\n`);
    } finally {
      ws.close();
    }
    return 0;
  },
};
