import type { Access } from '../../shared/api/define';
import { refusal } from '../api/dispatch';
import { concordCommand, shellQuote } from '../../shared/cli/concordCommand';
import { InputError } from '../errors';
import { hubMember, joinedAt } from '../store/localMeta';
import { localOwner } from '../workspace/localOwner';
import { getRater, hasProfiles, type Rater } from '../workspace/raters';
import { withWorkspace, type Workspace } from '../workspace/workspace';

/** What every command learns from the global options. */
export interface CliContext {
  /** `--as PROFILE`: act as this profile instead of the workspace's local owner. */
  as?: string;
}

/**
 * Who a command acts as: `--as PROFILE`, else the team member the workspace is connected to a hub
 * as, else the local owner (core/workspace/localOwner.ts). A member's replica (joined from a hub)
 * acts only as that member: whatever it wrote as anyone else, the hub would refuse.
 */
export function actingProfile(ws: Workspace, ctx: CliContext, writes: boolean): Rater {
  const member = hubMember(ws.db);
  if (member !== undefined) {
    if (ctx.as !== undefined && ctx.as !== member && joinedAt(ws.db) !== undefined) {
      throw new InputError(`this is ${member}'s replica of a team project: it acts only as ${member}, not as "${ctx.as}"`);
    }
    if (ctx.as === undefined) {
      const profile = getRater(ws, member);
      if (!profile) throw new InputError(`${member}'s profile has not reached this workspace yet: sync it first (${concordCommand(`sync --workspace ${shellQuote(ws.dir)}`)})`);
      return profile;
    }
  }
  if (ctx.as === undefined) return localOwner(ws, { create: writes });
  const profile = getRater(ws, ctx.as);
  if (!profile) throw new InputError(`--as ${ctx.as}: no profile "${ctx.as}" in this workspace`);
  return profile;
}

/**
 * The acting profile of a command on an open workspace, refused (InputError: exit 2, nothing
 * changed) unless that profile may do it under the same access rules the API declares
 * (shared/api/define.ts).
 */
export function authorizedActor(ws: Workspace, ctx: CliContext, command: string, access: Access): Rater {
  const actor = actingProfile(ws, ctx, access.writes);
  const refused = refusal(`concord ${command}`, access, actor, () => hasProfiles(ws));
  if (refused) throw new InputError(refused);
  return actor;
}

/** Runs a command's work on a workspace as its acting profile, once authorizedActor allows it. */
export function withActor<T>(dir: string, ctx: CliContext, command: string, access: Access, fn: (ws: Workspace, actor: Rater) => T | Promise<T>): Promise<T> {
  return withWorkspace(dir, (ws) => fn(ws, authorizedActor(ws, ctx, command, access)));
}
