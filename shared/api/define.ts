import type { z } from 'zod';
import type { Role } from '../auth/roles';
import type { Profile } from './types';

/**
 * Who may make a call, declared next to its input schema and enforced once, by the engine's
 * dispatcher (core/api/dispatch.ts), for every bridge.
 */
export interface Access {
  /**
   * Any one of these roles; or `'signed-in'`: any signed-in profile; or `'no-session'`: anyone,
   * signed in or not (what the sign-in screen needs).
   */
  roles: readonly Role[] | 'signed-in' | 'no-session';
  /** Whether the call records events (changes the workspace). A read never does. */
  writes: boolean;
  /** Also open without a session while the workspace has no profile at all: how a legacy workspace gets its first profile, its owner. */
  firstProfile?: true;
}

/**
 * One API call: who may make it, its zod input schema and (as a phantom type) its output. The
 * Electron IPC handlers, the preload bridge, the HTTP bridge and the renderer's client are all
 * generated from the contract built out of these, so a call is declared exactly once.
 */
export interface Endpoint<I extends z.ZodType = z.ZodType, O = unknown, A extends Access = Access> {
  access: A;
  input: I;
  /** Never set: carries the output type for the generated clients and handlers. */
  readonly output?: O;
}

/** `endpoint<Output>()(access, inputSchema)`: the output type is named, the rest inferred. */
export function endpoint<O>() {
  return <const A extends Access, I extends z.ZodType>(access: A, input: I): Endpoint<I, O, A> => ({ access, input });
}

export type Contract = Record<string, Endpoint>;
export type InputOf<E> = E extends Endpoint<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<E> = E extends Endpoint<infer I, unknown> ? z.output<I> : never;
export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O> ? O : never;

/**
 * The caller's session as its bridge keeps it: an HTTP session secret, an Electron window. Only the
 * bridge knows who the caller is; a call's input never says.
 */
export interface Session {
  /** The signed-in profile's id, or null. */
  readonly profileId: string | null;
  /** Binds the session to a profile; returns the secret the client must send from now on (HTTP), or null (Electron: the window is the session). */
  signIn(profileId: string): string | null;
  signOut(): void;
}

/** What a handler knows of its caller: the acting profile, read fresh from the store for this call. */
export interface CallContext<P extends Profile | null = Profile> {
  actor: P;
  session: Session;
}

/** Calls open without a session get a context whose actor may be null; every other call has one. */
export type ContextOf<E> =
  E extends Endpoint<z.ZodType, unknown, infer A>
    ? A extends { roles: 'no-session' } | { firstProfile: true }
      ? CallContext<Profile | null>
      : CallContext<Profile>
    : never;

/** What the renderer calls: every endpoint as an async function. */
export type Client<C extends Contract> = { [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>> };

/** What the engine implements: every endpoint as a function of its parsed input and the caller's context. */
export type Handlers<C extends Contract> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>, ctx: ContextOf<C[K]>) => OutputOf<C[K]> | Promise<OutputOf<C[K]>>;
};

/** Errors cross the bridge as data: `kind` tells bad input (the user can fix it) from failures. */
export interface ApiError {
  kind: 'input' | 'failure';
  message: string;
}
