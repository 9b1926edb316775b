import type { ConcordEvent, EventType } from '../../../shared/events';
import { InputError } from '../../errors';
import { eventAt, type StoredEvent } from '../eventRows';
import type { SqliteDb } from '../sqlite';
import { writeTransaction } from '../transaction';
import { dependencyKey, firstMissing } from './dependencies';
import { mergeRules, type MergeRule } from './rules';
import { park, setAside, wake } from './waiting';

// Applies a stored event by its merge rule: it waits if something it refers to is missing, it is
// set aside (with why) if it cannot apply, and applying it applies the events that waited for it.

export type Outcome = 'applied' | 'pending' | 'set-aside';

/**
 * `strict` (this replica's own writes): an event that cannot apply is the caller's mistake, so it
 * throws and the whole write rolls back. Otherwise (events from elsewhere, a rebuild) it is set
 * aside, and the events around it still apply.
 */
export function applyEvent(db: SqliteDb, e: StoredEvent, strict: boolean): Outcome {
  const outcome = applyOnce(db, e, strict);
  if (outcome === 'applied') applyWaitingFor(db, provides(db, e));
  return outcome;
}

/** Applies the events waiting for any of `keys` (dependency keys now present), and those waiting for what they provide. */
export function applyWaitingFor(db: SqliteDb, keys: string[]): void {
  let provided = keys;
  while (provided.length) {
    const next: string[] = [];
    for (const seq of wake(db, provided)) {
      const woken = eventAt(db, seq);
      if (applyOnce(db, woken, false) === 'applied') next.push(...provides(db, woken));
    }
    provided = next;
  }
}

const ruleOf = (e: ConcordEvent) => mergeRules[e.type] as MergeRule<EventType>;
const provides = (db: SqliteDb, e: ConcordEvent) => ruleOf(e).provides?.(e, db) ?? [];

function applyOnce(db: SqliteDb, e: StoredEvent, strict: boolean): Outcome {
  const rule = ruleOf(e);
  const missing = rule.needs && firstMissing(db, rule.needs(e));
  if (missing) {
    park(db, e.id, e.seq, dependencyKey(missing));
    return 'pending';
  }
  if (strict) {
    const reason = rule.apply(db, e, e.seq);
    if (reason) throw new InputError(`${e.type} cannot apply: ${reason}`);
    return 'applied';
  }
  let reason: string | void;
  try {
    // A savepoint: an event that fails takes back only its own changes.
    reason = writeTransaction(db, () => rule.apply(db, e, e.seq));
  } catch (err) {
    reason = `it failed to apply: ${(err as Error).message}`;
  }
  if (!reason) return 'applied';
  setAside(db, e.id, reason);
  return 'set-aside';
}
