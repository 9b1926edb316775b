import os from 'node:os';
import { slugifyProfileId } from '../../shared/auth/profileId';
import { InputError } from '../errors';
import { joinedAt } from '../store/localMeta';
import { createRater, getRater, listRaters, owners, type Rater } from './raters';
import type { Workspace } from './workspace';

// The local owner: who the CLI acts as when not told `--as PROFILE`, and who a new workspace's
// first profile is. Nothing records it: it is found by a rule, the same on every run.
//   1. the owner profile whose id is the OS user's (CONCORD_USER overrides the OS user name);
//   2. else the oldest owner profile by clock (`concord init --owner ID` made it);
//   3. else, in a workspace made before profiles had roles, none: the first CLI write creates one
//      named after the OS user (id suffixed `-owner` if a rater already has that id).
// Rules 2 and 3 hold only where the workspace was created. A replica made from a bundle sits on
// someone else's machine (a rater's laptop): there only rule 1 holds, else no one is the local
// owner and the CLI needs `--as PROFILE`, so nothing is done there in an owner's name by default.

/** The OS user's name (CONCORD_USER overrides it, for scripts and tests). */
export function osUserName(): string {
  if (process.env.CONCORD_USER) return process.env.CONCORD_USER;
  try {
    return os.userInfo().username || 'owner';
  } catch {
    return 'owner';
  }
}

/** The owner profile a new workspace starts with, named after the OS user unless an id is given. */
export function defaultOwner(id?: string): Rater {
  const name = id ?? osUserName();
  return { id: id ?? (slugifyProfileId(name) || 'owner'), name, roles: ['owner'] };
}

/** The workspace's local owner; with `create`, a legacy workspace without one gets it (an event). */
export function localOwner(ws: Workspace, options: { create: boolean }): Rater {
  const wanted = defaultOwner();
  const all = owners(ws);
  const mine = all.find((o) => o.id === wanted.id);
  if (mine) return mine;
  if (joinedAt(ws.db) !== undefined) throw new InputError(noLocalOwnerOnReplica(ws, wanted.id));
  const found = all[0];
  if (found) return found;
  const id = getRater(ws, wanted.id) ? `${wanted.id.slice(0, 58)}-owner` : wanted.id;
  const owner = { ...wanted, id };
  return options.create ? createRater(ws, owner, owner.id) : owner;
}

function noLocalOwnerOnReplica(ws: Workspace, osUser: string): string {
  const profiles = listRaters(ws);
  const shown = profiles.slice(0, 12).map((p) => `${p.id} (${p.roles.join(', ')})`);
  if (profiles.length > shown.length) shown.push(`and ${profiles.length - shown.length} more`);
  return (
    `this copy of the workspace was made from a bundle, and none of its owner profiles is the OS user's ("${osUser}"): ` +
    `say who acts with --as PROFILE${shown.length ? ` (its profiles: ${shown.join(', ')})` : ''}`
  );
}
