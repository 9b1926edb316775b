import { readFileSync } from 'node:fs';
import type { NewEvent } from '../../../shared/events';
import { InputError } from '../../errors';
import { readInputFile } from '../../files/inputFile';
import { appendEvents } from '../../store/eventLog';
import { goldEvent, listGold } from '../../workspace/gold';
import type { Workspace } from '../../workspace/workspace';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage = concordCommand('gold --workspace DIR (--file gold.jsonl | --list) [--json]');

interface BadLine {
  line: number;
  error: string;
}

/**
 * Reads `{"sample": "...", "values": {...}}` lines and checks each against the workspace, without
 * writing: the events to append, and every bad line with what is wrong with it.
 */
function checkGoldFile(ws: Workspace, file: string, by: string): { events: NewEvent[]; invalid: BadLine[] } {
  const text = readInputFile(file, (f) => readFileSync(f, 'utf8'));
  const events: NewEvent[] = [];
  const invalid: BadLine[] = [];
  const packs = new Map();
  const firstLine = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      return void invalid.push({ line, error: `invalid JSON: ${(e as Error).message}` });
    }
    const r = row as { sample?: unknown; values?: unknown };
    if (typeof r?.sample !== 'string' || !r.sample) return void invalid.push({ line, error: '"sample" must be a sample id' });
    if (!r.values || typeof r.values !== 'object' || Array.isArray(r.values)) return void invalid.push({ line, error: '"values" must be an object' });
    const earlier = firstLine.get(r.sample);
    if (earlier !== undefined) return void invalid.push({ line, error: `a second gold label for "${r.sample}" (first on line ${earlier})` });
    firstLine.set(r.sample, line);
    try {
      events.push(goldEvent(ws, { sampleId: r.sample, values: r.values as Record<string, unknown> }, by, packs));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      invalid.push({ line, error: e.message });
    }
  });
  return { events, invalid };
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
      // Every line is checked before anything is written, so the write itself is one short
      // transaction: all or nothing, and the workspace is locked for milliseconds, not seconds.
      const { events, invalid } = checkGoldFile(ws, values.file!, actor.id);
      if (invalid.length) {
        if (values.json) printJson(io, { gold: 0, invalid });
        const shown = invalid.slice(0, 50).map((b) => `  line ${b.line}: ${b.error}`);
        if (invalid.length > 50) shown.push(`  ... and ${invalid.length - 50} more (use --json for all)`);
        io.err(`concord gold: nothing set: ${invalid.length} invalid line(s) in ${values.file}\n${shown.join('\n')}\n`);
        return 2;
      }
      appendEvents(ws.db, events);
      if (values.json) printJson(io, { gold: events.length, invalid: [] });
      else io.out(`Set ${events.length} gold label(s).\n`);
      return 0;
    });
  },
};
