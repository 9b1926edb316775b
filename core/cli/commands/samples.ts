import type { Sample } from '../../../shared/samples/schema';
import { UsageError } from '../../errors';
import { listSamples } from '../../workspace/sampleList';
import { concordCommand } from '../../../shared/cli/concordCommand';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';

const usage = concordCommand('samples --workspace DIR [--id ID]... [--limit N] [--offset N] [--json]');

function count(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${flag} must be a whole number >= 0, not "${v}"`);
  return n;
}

const oneLine = (s: string, max = 100) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function describe(s: Sample): string {
  const input = typeof s.input === 'string' ? s.input : s.input.map((m) => `${m.role}: ${m.content}`).join(' | ');
  const lines = [`${s.id}${s.model ? `  (${s.model})` : ''}`, `  input:  ${oneLine(input)}`, `  output: ${oneLine(s.output)}`];
  if (s.scores && Object.keys(s.scores).length) lines.push(`  scores: ${Object.entries(s.scores).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (s.metadata && Object.keys(s.metadata).length) lines.push(`  metadata: ${oneLine(JSON.stringify(s.metadata))}`);
  return lines.join('\n');
}

export const samplesCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      { workspace: { type: 'string' }, id: { type: 'string', multiple: true }, limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    const limit = count('limit', values.limit, 20);
    const offset = count('offset', values.offset, 0);
    // Owners only: this shows any sample's content and its grader scores, where a rater sees only the
    // items assigned to them (and scores only when the owner allows) and an adjudicator the items
    // they adjudicate.
    return withActor(dir, ctx, 'samples', { roles: ['owner'], writes: false }, (ws) => {
      const list = listSamples(ws, { ids: values.id, limit, offset });
      if (values.json) printJson(io, list);
      else {
        io.out(list.samples.map(describe).join('\n\n') + (list.samples.length ? '\n\n' : ''));
        io.out(`${list.samples.length} shown (from ${offset + (list.samples.length ? 1 : 0)}) of ${list.total}\n`);
      }
      return 0;
    });
  },
};
