import { contract } from '../../../shared/api/contract';
import { roleSchema, roles as allRoles, type Role } from '../../../shared/auth/roles';
import { UsageError } from '../../errors';
import { createRater, listRaters, setRoles, type Rater } from '../../workspace/raters';
import { withActor } from '../actor';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { parseFlags, printJson, requireFlag, type Command } from '../command';

const usage = concordCommand('profiles list|add|roles --workspace DIR [--id ID] [--name NAME] [--roles rater,adjudicator,owner] [--json]');

function parseRoles(spec: string): Role[] {
  const list = spec.split(',').map((r) => r.trim()).filter(Boolean);
  if (!list.length) throw new UsageError(`--roles needs at least one of ${allRoles.join(', ')}`);
  for (const r of list) if (!roleSchema.safeParse(r).success) throw new UsageError(`--roles: "${r}" is not a role (${allRoles.join(', ')})`);
  return [...new Set(list)] as Role[];
}

const line = (p: Rater) => `${p.id.padEnd(20)} ${p.roles.join(',').padEnd(26)} ${p.name}`;

export const profilesCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values, positionals } = parseFlags(
      argv,
      { workspace: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, json: { type: 'boolean' } },
      usage,
      true,
    );
    const [sub, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}". Usage: ${usage}`);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    switch (sub) {
      case 'list':
        return withActor(dir, ctx, 'profiles list', contract.listProfiles.access, (ws) => {
          const all = listRaters(ws);
          if (values.json) printJson(io, all);
          else io.out(all.map(line).join('\n') + (all.length ? '\n' : 'no profiles\n'));
          return 0;
        });
      case 'add': {
        const id = requireFlag(values.id, 'id', usage);
        const roles = parseRoles(values.roles ?? 'rater');
        return withActor(dir, ctx, 'profiles add', contract.createProfile.access, (ws, actor) => {
          const profile = createRater(ws, { id, name: values.name?.trim() || id, roles }, actor.id);
          if (values.json) printJson(io, profile);
          else io.out(`Added ${line(profile)}\n`);
          return 0;
        });
      }
      case 'roles': {
        const id = requireFlag(values.id, 'id', usage);
        const roles = parseRoles(requireFlag(values.roles, 'roles', usage));
        return withActor(dir, ctx, 'profiles roles', contract.setProfileRoles.access, (ws, actor) => {
          const profile = setRoles(ws, id, roles, actor.id);
          if (values.json) printJson(io, profile);
          else io.out(`${line(profile)}\n`);
          return 0;
        });
      }
      case undefined:
        throw new UsageError(`missing subcommand. Usage: ${usage}`);
      default:
        throw new UsageError(`unknown subcommand "${sub}". Usage: ${usage}`);
    }
  },
};
