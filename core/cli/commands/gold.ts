import { readFileSync } from 'node:fs';
import { InputError } from '../../errors';
import { listGold, setGold } from '../../workspace/gold';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('gold --workspace DIR (--file gold.jsonl | --list) [--json]');

/** Reads `{"sample": "...", "values": {...}}` lines, naming the line of any problem. */
function readGoldFile(file: string): { line: number; sampleId: string; values: Record<string, unknown> }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const out: { line: number; sampleId: string; values: Record<string, unknown> }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      throw new InputError(`${file} line ${i + 1}: invalid JSON: ${(e as Error).message}`);
    }
    const r = row as { sample?: unknown; values?: unknown };
    if (typeof r?.sample !== 'string' || !r.sample) throw new InputError(`${file} line ${i + 1}: "sample" must be a sample id`);
    if (!r.values || typeof r.values !== 'object' || Array.isArray(r.values)) throw new InputError(`${file} line ${i + 1}: "values" must be an object`);
    out.push({ line: i + 1, sampleId: r.sample, values: r.values as Record<string, unknown> });
  });
  return out;
}

export const goldCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(argv, { workspace: { type: 'string' }, file: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const listing = values.list || !values.file;
    return withActor(dir, ctx, 'gold', { roles: ['owner'], writes: !listing }, (ws, actor) => {
      if (listing) {
        const gold = listGold(ws);
        if (values.json) printJson(io, gold);
        else io.out(gold.map((g) => `${g.sampleId}  ${JSON.stringify(g.values)}`).join('\n') + (gold.length ? '\n' : 'no gold items\n'));
        return 0;
      }
      const rows = readGoldFile(values.file!);
      // All or nothing: one transaction, so a bad line leaves no gold half-set.
      ws.db.transaction(() => {
        for (const r of rows) {
          try {
            setGold(ws, { sampleId: r.sampleId, values: r.values }, actor.id);
          } catch (e) {
            throw new InputError(`${values.file} line ${r.line}: ${(e as Error).message}`);
          }
        }
      })();
      if (values.json) printJson(io, { gold: rows.length });
      else io.out(`Set ${rows.length} gold label(s).\n`);
      return 0;
    });
  },
};
