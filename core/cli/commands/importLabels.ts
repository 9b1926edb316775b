import { importLabels } from '../../import/importLabels';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('import-labels --workspace DIR --file labels.jsonl [--skip-invalid] [--json]');

export const importLabelsCommand: Command = {
  usage,
  async run(argv, io, ctx) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, file: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const file = requireFlag(values.file, 'file', usage);
    const skipInvalid = values['skip-invalid'] ?? false;
    // Labels made in another tool come in by an owner's hand (the owner authors the events), or a
    // rater brings in their own (on a member's replica, the member): only lines of that rater.
    const report = await withActor(dir, ctx, 'import-labels', { roles: ['owner', 'rater'], writes: true }, (ws, actor) =>
      importLabels(ws, { file, skipInvalid, onlyRater: actor.roles.includes('owner') ? undefined : actor.id }, actor.id),
    );
    const failed = report.invalid.length > 0 && !skipInvalid;
    if (values.json) printJson(io, report);
    else {
      const lines = [
        failed
          ? `Nothing imported: ${report.invalid.length} invalid line(s). Fix them or pass --skip-invalid.`
          : `Imported ${report.imported}, unchanged ${report.unchanged}, conflicts ${report.conflicts.length}, invalid ${report.invalid.length}.`,
        ...report.conflicts.map((c) => `  line ${c.line}: conflict: "${c.rater}" already has a different label for "${c.sample}" (kept)`),
        ...report.invalid.map((i) => `  line ${i.line}: ${i.error}`),
      ];
      (failed ? io.err : io.out)(lines.join('\n') + '\n');
    }
    if (failed && values.json) io.err(`concord import-labels: nothing imported: ${report.invalid.length} invalid line(s), first on line ${report.invalid[0].line}\n`);
    return failed ? 2 : 0;
  },
};
