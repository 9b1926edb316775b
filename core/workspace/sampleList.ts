import type { Sample } from '../../shared/samples/schema';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { getSample, sampleCount } from './samples';
import type { Workspace } from './workspace';

export interface SampleList {
  samples: Sample[];
  /** Samples in the workspace (with ids: how many of the ids were asked for). */
  total: number;
}

/**
 * Canonical samples as the workspace reads them: the ones asked for by id (in that order; an
 * unknown id is bad input), or a page of all of them in import order.
 */
export function listSamples(ws: Workspace, opts: { ids?: string[]; limit?: number; offset?: number }): SampleList {
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  if (opts.ids?.length) {
    const missing = opts.ids.filter((id) => !prepared(ws.db, 'SELECT 1 FROM samples WHERE id = ?').get(id));
    if (missing.length) throw new InputError(`no sample ${missing.map((id) => JSON.stringify(id)).join(', ')} in the workspace`);
    return { samples: opts.ids.slice(offset, offset + limit).map((id) => getSample(ws, id)!), total: opts.ids.length };
  }
  const ids = prepared(ws.db, 'SELECT id FROM samples ORDER BY ordinal LIMIT ? OFFSET ?').pluck().all(limit, offset) as string[];
  return { samples: ids.map((id) => getSample(ws, id)!), total: sampleCount(ws) };
}
