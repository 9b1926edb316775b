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

/** An event's rule threw while events were applied together: the caller takes the run back. */
class EventFailed extends Error {}

/** Connections applying a run of events from elsewhere under one savepoint (applyTogether). */
const together = new WeakSet<SqliteDb>();

/**
 * Runs `fn`, which applies events from elsewhere (applyEvent, not strict), under one savepoint for
 * the run rather than one per event: a savepoint per event copies every page it touches into the
 * statement journal, which costs more than applying a label. If an event's rule throws, the whole
 * run is taken back, `undo` resets what fn did outside the database, and fn runs again with a
 * savepoint per event, so only that event is set aside, as if it had been applied alone.
 */
export function applyTogether<T>(db: SqliteDb, fn: () => T, undo: () => void): T {
  if (together.has(db)) return fn();
  together.add(db);
  try {
    return writeTransaction(db, fn);
  } catch (e) {
    if (!(e instanceof EventFailed)) throw e;
    undo();
  } finally {
    together.delete(db);
  }
  return writeTransaction(db, fn);
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
  if (together.has(db)) {
    // Under the run's savepoint (applyTogether): a throw takes the run back and runs it again as below.
    try {
      reason = rule.apply(db, e, e.seq);
    } catch {
      throw new EventFailed();
    }
  } else {
    try {
      // A savepoint: an event that fails takes back only its own changes.
      reason = writeTransaction(db, () => rule.apply(db, e, e.seq));
    } catch (err) {
      reason = `it failed to apply: ${(err as Error).message}`;
    }
  }
  if (!reason) return 'applied';
  setAside(db, e.id, reason);
  return 'set-aside';
}
