import { PROFILE_ID_PATTERN, PROFILE_ID_RULE } from '../../shared/auth/profileId';
import type { Role } from '../../shared/auth/roles';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { writeTransaction } from '../store/transaction';
import type { Workspace } from './workspace';

// Profiles (called raters in the store, whatever their roles). Creating one and setting its roles
// are an owner's acts; `by` is the acting owner's profile id, the events' author.

export type { Role };

export interface Rater {
  id: string;
  name: string;
  roles: Role[];
}

export function checkProfileId(id: string): void {
  if (!PROFILE_ID_PATTERN.test(id)) throw new InputError(`profile id "${id}" must be ${PROFILE_ID_RULE}`);
}

export function createRater(ws: Workspace, rater: Rater, by: string): Rater {
  checkProfileId(rater.id);
  if (getRater(ws, rater.id)) throw new InputError(`a profile "${rater.id}" already exists`);
  appendEvents(ws.db, [newEvent('rater.created', by, { raterId: rater.id, name: rater.name, roles: rater.roles })]);
  return rater;
}

/**
 * The first profile of a workspace that has none (one made before profiles had roles): it is the
 * workspace's owner, and authors its own creation. Refused once any profile exists, checked inside
 * the write transaction so two first-comers cannot both become owner.
 */
export function createFirstProfile(ws: Workspace, rater: Rater): Rater {
  const roles = rater.roles.includes('owner') ? rater.roles : (['owner', ...rater.roles] as Role[]);
  return writeTransaction(ws.db, () => {
    if (hasProfiles(ws)) throw new InputError('the workspace already has profiles: only an owner can add one');
    return createRater(ws, { ...rater, roles }, rater.id);
  });
}

/** An owner's act: the profile's roles become exactly these. A workspace always keeps one owner. */
export function setRoles(ws: Workspace, raterId: string, roles: Role[], by: string): Rater {
  const rater = getRater(ws, raterId);
  if (!rater) throw new InputError(`no profile "${raterId}"`);
  if (roles.length === 0) throw new InputError('a profile needs at least one role');
  const unique = [...new Set(roles)];
  if (rater.roles.includes('owner') && !unique.includes('owner') && owners(ws).length === 1) {
    throw new InputError(`"${raterId}" is the workspace's only owner: make someone else an owner first`);
  }
  appendEvents(ws.db, [newEvent('rater.roles_set', by, { raterId, roles: unique })]);
  return getRater(ws, raterId)!;
}

export function getRater(ws: Workspace, id: string): Rater | undefined {
  const row = prepared(ws.db, 'SELECT id, name, roles FROM raters WHERE id = ?').get(id) as { id: string; name: string; roles: string } | undefined;
  return row && { id: row.id, name: row.name, roles: JSON.parse(row.roles) };
}

export function listRaters(ws: Workspace): Rater[] {
  return (prepared(ws.db, 'SELECT id, name, roles FROM raters ORDER BY id').all() as { id: string; name: string; roles: string }[]).map((r) => ({
    id: r.id,
    name: r.name,
    roles: JSON.parse(r.roles),
  }));
}

export function hasProfiles(ws: Workspace): boolean {
  return prepared(ws.db, 'SELECT 1 FROM raters LIMIT 1').get() !== undefined;
}

/** The owner profiles, oldest first: by the clock of their first creation, the same on every replica (not by wall-clock time). */
export function owners(ws: Workspace): Rater[] {
  const ids = prepared(ws.db, `SELECT id FROM raters WHERE EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'owner') ORDER BY hlc, id`).pluck().all() as string[];
  return ids.map((id) => getRater(ws, id)!);
}
