import { readFileSync } from 'node:fs';
import { createBatch } from '../../batches/createBatch';
import { InputError, UsageError } from '../../errors';
import { readInputFile } from '../../files/inputFile';
import { contract } from '../../../shared/api/contract';
import { withActor } from '../actor';
import { parseFlags, printJson, requireFlag, type Command } from '../command';
import { concordCommand } from '../../../shared/cli/concordCommand';

const usage =
  concordCommand('batch --workspace DIR --name NAME --size N --seed S --raters a,b,c [--overlap K] [--overlap-fraction F] [--gold-share F] [--stratify metadata.KEY|scores.KEY] [--bins N] [--model M] [--where KEY=VALUE ...] [--score-min KEY=X ...] [--score-max KEY=X ...] [--include-batched] [--spec batch.json] [--json]');

/** KEY=VALUE flags (repeatable) as an object; `parse` turns each value into what the filter needs. */
function pairs<T>(list: string[] | undefined, flag: string, shape: string, parse: (v: string, raw: string) => T): Record<string, T> | undefined {
  if (!list?.length) return undefined;
  const out: Record<string, T> = {};
  for (const raw of list) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} takes ${shape}, not "${raw}"`);
    out[raw.slice(0, eq)] = parse(raw.slice(eq + 1), raw);
  }
  return out;
}

const score = (flag: string) => (v: string, raw: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} takes KEY=NUMBER, not "${raw}"`);
  return n;
};

const number = (v: string | undefined, flag: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, not "${v}"`);
  return n;
};

export const batchCommand: Command = {
  usage,
  run(argv, io, ctx) {
    const { values } = parseFlags(
      argv,
      {
        workspace: { type: 'string' },
        name: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        raters: { type: 'string' },
        overlap: { type: 'string' },
        'overlap-fraction': { type: 'string' },
        'gold-share': { type: 'string' },
        stratify: { type: 'string' },
        bins: { type: 'string' },
        model: { type: 'string' },
        where: { type: 'string', multiple: true },
        'score-min': { type: 'string', multiple: true },
        'score-max': { type: 'string', multiple: true },
        'include-batched': { type: 'boolean' },
        spec: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const dir = requireFlag(values.workspace, 'workspace', usage);
    let request: Record<string, unknown> = {};
    if (values.spec) {
      const text = readInputFile(values.spec, (f) => readFileSync(f, 'utf8'));
      try {
        request = JSON.parse(text);
      } catch (e) {
        throw new InputError(`batch spec ${values.spec} is not JSON: ${(e as Error).message}`);
      }
    }
    const set = (k: string, v: unknown) => v !== undefined && (request[k] = v);
    set('name', values.name);
    set('size', number(values.size, 'size'));
    set('seed', number(values.seed, 'seed'));
    set('raters', values.raters?.split(',').map((r) => r.trim()).filter(Boolean));
    if (values.overlap || values['overlap-fraction']) {
      request.overlap = { k: number(values.overlap, 'overlap') ?? 1, fraction: number(values['overlap-fraction'], 'overlap-fraction') ?? 1 };
    }
    request.overlap ??= { k: 1 };
    set('goldShare', number(values['gold-share'], 'gold-share'));
    if (values.stratify) request.strategy = 'stratified';
    set('stratifyBy', values.stratify);
    set('bins', number(values.bins, 'bins'));
    // Filter flags add to (and override) the spec file's filters.
    const filters: Record<string, unknown> = { ...((request.filters as Record<string, unknown> | undefined) ?? {}) };
    const setFilter = (k: string, v: unknown) => v !== undefined && (filters[k] = v);
    setFilter('model', values.model);
    setFilter('metadata', pairs(values.where, 'where', 'KEY=VALUE', (v) => v));
    setFilter('scoreAtLeast', pairs(values['score-min'], 'score-min', 'KEY=NUMBER', score('score-min')));
    setFilter('scoreAtMost', pairs(values['score-max'], 'score-max', 'KEY=NUMBER', score('score-max')));
    if (values['include-batched']) filters.excludeBatched = false;
    if (Object.keys(filters).length) request.filters = filters;
    return withActor(dir, ctx, 'batch', contract.createBatch.access, (ws, actor) => {
      const batch = createBatch(ws, request as Parameters<typeof createBatch>[1], actor.id);
      if (values.json) printJson(io, batch);
      else io.out(`Created batch "${batch.name}" (${batch.batchId}): ${batch.items} items (${batch.gold} gold), ${batch.assignments} assignments under ${batch.guideline.id}@${batch.guideline.version}\nLoad: ${Object.entries(batch.load).map(([r, n]) => `${r} ${n}`).join(', ')}\n`);
      return 0;
    });
  },
};
