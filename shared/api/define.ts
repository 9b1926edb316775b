import type { z } from 'zod';

/**
 * One API call: its zod input schema and (as a phantom type) its output. The Electron IPC handlers,
 * the preload bridge, the HTTP bridge and the renderer's client are all generated from the contract
 * built out of these, so a call is declared exactly once.
 */
export interface Endpoint<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Never set: carries the output type for the generated clients and handlers. */
  readonly output?: O;
}

export function endpoint<O>() {
  return <I extends z.ZodType>(input: I): Endpoint<I, O> => ({ input });
}

export type Contract = Record<string, Endpoint>;
export type InputOf<E> = E extends Endpoint<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<E> = E extends Endpoint<infer I, unknown> ? z.output<I> : never;
export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O> ? O : never;

/** What the renderer calls: every endpoint as an async function. */
export type Client<C extends Contract> = { [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>> };

/** What the engine implements: every endpoint as a function of its parsed input. */
export type Handlers<C extends Contract> = { [K in keyof C]: (input: ParsedInputOf<C[K]>) => OutputOf<C[K]> | Promise<OutputOf<C[K]>> };

/** Errors cross the bridge as data: `kind` tells bad input (the user can fix it) from failures. */
export interface ApiError {
  kind: 'input' | 'failure';
  message: string;
}
