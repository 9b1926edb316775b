import os from 'node:os';
import { slugifyProfileId } from '../../shared/auth/profileId';
import { createRater, getRater, owners, type Rater } from './raters';
import type { Workspace } from './workspace';

// The local owner: who the CLI acts as when not told `--as PROFILE`, and who a new workspace's
// first profile is. Nothing records it: it is found by a rule, the same on every run.
//   1. the owner profile whose id is the OS user's (CONCORD_USER overrides the OS user name);
//   2. else the oldest owner profile (`concord init --owner ID` made it);
//   3. else, in a workspace made before profiles had roles, none: the first CLI write creates one
//      named after the OS user (id suffixed `-owner` if a rater already has that id).

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
  const found = all.find((o) => o.id === wanted.id) ?? all[0];
  if (found) return found;
  const id = getRater(ws, wanted.id) ? `${wanted.id.slice(0, 58)}-owner` : wanted.id;
  const owner = { ...wanted, id };
  return options.create ? createRater(ws, owner, owner.id) : owner;
}
