import { prepared } from '../prepared';
import type { SqliteDb } from '../sqlite';

// What an event refers to and may arrive without: until each is present, the event waits in
// pending_events under the key of the first one missing.

export type Dependency =
  | { kind: 'sample' | 'rater' | 'label' | 'revision' | 'batch'; id: string }
  | { kind: 'guideline'; id: string; version: string };

export const dependencyKey = (d: Dependency): string => (d.kind === 'guideline' ? `guideline:${d.id}@${d.version}` : `${d.kind}:${d.id}`);

/** In words, for reports: `sample "s9"`, `guideline harm-taxonomy@1.1.0`. */
export function describeWaitingFor(key: string): string {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  return kind === 'guideline' ? `guideline ${id}` : kind === 'revision' ? `the revision (event ${id}) it undoes` : `${kind} "${id}"`;
}

const presence: Record<Dependency['kind'], string> = {
  sample: 'SELECT 1 FROM samples WHERE id = ?',
  rater: 'SELECT 1 FROM raters WHERE id = ?',
  label: 'SELECT 1 FROM label_aliases WHERE label_id = ?',
  revision: 'SELECT 1 FROM label_revisions WHERE event_id = ?',
  batch: 'SELECT 1 FROM batches WHERE id = ?',
  guideline: 'SELECT 1 FROM guidelines WHERE id = ? AND version = ?',
};

export function isPresent(db: SqliteDb, d: Dependency): boolean {
  const stmt = prepared(db, presence[d.kind]);
  return (d.kind === 'guideline' ? stmt.get(d.id, d.version) : stmt.get(d.id)) !== undefined;
}

/**
 * The first dependency of the list not present, or undefined when all are. A short list (a label's
 * sample, rater and guideline) is one statement, every presence in it a column; a long one (a
 * batch's samples) is asked one by one, stopping at the first missing.
 */
export function firstMissing(db: SqliteDb, deps: Iterable<Dependency>): Dependency | undefined {
  const list = [...deps];
  if (list.length > 1 && list.length <= 8) {
    const sql = `SELECT ${list.map((d) => `EXISTS (${presence[d.kind]})`).join(', ')}`;
    const found = prepared(db, sql)
      .raw()
      .get(...list.flatMap((d) => (d.kind === 'guideline' ? [d.id, d.version] : [d.id]))) as number[];
    const at = found.indexOf(0);
    return at < 0 ? undefined : list[at];
  }
  for (const d of list) if (!isPresent(db, d)) return d;
  return undefined;
}
