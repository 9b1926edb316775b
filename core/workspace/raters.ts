import type { Role } from '../../shared/auth/roles';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

export type { Role };

export interface Rater {
  id: string;
  name: string;
  roles: Role[];
}

/** Rater ids are chosen by people (`r7`, `alice`), so they are checked for a sane shape. */
export function createRater(ws: Workspace, rater: Rater): Rater {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(rater.id)) {
    throw new InputError(`rater id "${rater.id}" must be 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (getRater(ws, rater.id)) throw new InputError(`rater "${rater.id}" already exists`);
  appendEvents(ws.db, [newEvent('rater.created', ws.author, { raterId: rater.id, name: rater.name, roles: rater.roles })]);
  return rater;
}

export function getRater(ws: Workspace, id: string): Rater | undefined {
  const row = prepared(ws.db, 'SELECT id, name, roles FROM raters WHERE id = ?').get(id) as
    | { id: string; name: string; roles: string }
    | undefined;
  return row && { id: row.id, name: row.name, roles: JSON.parse(row.roles) };
}

export function listRaters(ws: Workspace): Rater[] {
  return (prepared(ws.db, 'SELECT id, name, roles FROM raters ORDER BY id').all() as { id: string; name: string; roles: string }[]).map(
    (r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles) }),
  );
}
