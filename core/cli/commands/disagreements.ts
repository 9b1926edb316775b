import { findDisagreements, type DisagreementRule } from '../../adjudication/disagreements';
import { UsageError } from '../../errors';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('disagreements --workspace DIR (--any [--field KEY] | --spread N [--field KEY] | --below CONFIDENCE [--method majority|dawid-skene]) [--json]');

export const disagreementsCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      { workspace: { type: 'string' }, any: { type: 'boolean' }, spread: { type: 'string' }, below: { type: 'string' }, field: { type: 'string' }, method: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    let rule: DisagreementRule;
    if (values.spread !== undefined) rule = { kind: 'spread', field: values.field ?? 'severity', levels: Number(values.spread) };
    else if (values.below !== undefined) rule = { kind: 'low-confidence', threshold: Number(values.below), method: (values.method ?? 'dawid-skene') as 'majority' | 'dawid-skene' };
    else if (values.any) rule = { kind: 'any', field: values.field };
    else throw new UsageError(`choose a rule. Usage: ${usage}`);
    return withActor(dir, ctx, 'disagreements', contract.disagreements.access, (ws) => {
      let items;
      try {
        items = findDisagreements(ws, rule);
      } catch (e) {
        if ((e as Error).name === 'ZodError') throw new UsageError(`bad rule: ${(e as Error).message}`);
        throw e;
      }
      if (values.json) printJson(io, items);
      else io.out(items.map((d) => `${d.sampleId.padEnd(16)} ${d.conflicting ? '[adjudicated concurrently: settle it] ' : d.adjudicated ? '[adjudicated] ' : ''}${d.why}`).join('\n') + `\n${items.length} item(s)\n`);
      return 0;
    });
  },
};
