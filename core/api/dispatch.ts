import { z } from 'zod';
import { contract, type ApiContract, type ApiName } from '../../shared/api/contract';
import type { Access, ApiError, CallContext, Handlers, Session } from '../../shared/api/define';
import type { Profile } from '../../shared/api/types';
import { InputError } from '../errors';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** The engine as the bridges see it: the handlers, and the profiles that sessions stand for. */
export interface Engine {
  handlers: Handlers<ApiContract>;
  /** A profile as the store has it now: roles are read on every call, so a change applies at once. */
  profile(id: string): Profile | undefined;
  /** Whether the workspace has any profile (before the first, createProfile needs no session). */
  hasProfiles(): boolean;
}

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(contract, name);
}

const listRoles = (roles: readonly string[]) => (roles.length ? roles.join(', ') : 'no role');

/** Why the contract's access rule refuses this caller, or null when it allows the call. */
export function refusal(name: string, access: Access, actor: Profile | null, hasProfiles: () => boolean): string | null {
  if (access.roles === 'no-session') return null;
  if (access.firstProfile && !actor && !hasProfiles()) return null;
  if (!actor) {
    const what = access.roles === 'signed-in' ? 'a signed-in profile' : `a signed-in profile with the ${access.roles.join(' or ')} role`;
    return `${name} needs ${what}; no one is signed in`;
  }
  if (access.roles === 'signed-in' || access.roles.some((r) => actor.roles.includes(r))) return null;
  return `${name} needs the ${access.roles.join(' or ')} role; ${actor.id} has ${listRoles(actor.roles)}`;
}

/**
 * Runs an untrusted call for a session. Both bridges (Electron IPC, local HTTP) go through here, so
 * who may call what (the contract's access rules) is checked exactly once, before the input is
 * even parsed, and every input is zod-checked in one place. A refused call changes nothing.
 */
export async function dispatch(engine: Engine, name: string, input: unknown, session: Session): Promise<CallResult> {
  if (!isApiName(name)) return { ok: false, error: { kind: 'input', message: `unknown call "${name}"` } };
  const endpoint = contract[name];
  const actor = session.profileId === null ? null : (engine.profile(session.profileId) ?? null);
  const refused = refusal(name, endpoint.access, actor, () => engine.hasProfiles());
  if (refused) return { ok: false, error: { kind: 'input', message: refused } };
  const parsed = endpoint.input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { kind: 'input', message: `${name}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}` } };
  }
  try {
    const handler = engine.handlers[name] as (input: unknown, ctx: CallContext<Profile | null>) => unknown;
    return { ok: true, value: (await handler(parsed.data, { actor, session })) ?? null };
  } catch (e) {
    const kind = e instanceof InputError ? 'input' : 'failure';
    return { ok: false, error: { kind, message: (e as Error).message } };
  }
}
