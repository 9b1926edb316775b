import { z } from 'zod';
import { contract, type ApiName } from '../../shared/api/contract';
import type { ApiError, Handlers } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import { InputError } from '../errors';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(contract, name);
}

/**
 * Validates an untrusted call against the contract and runs its handler. Both bridges (Electron IPC,
 * local HTTP) go through here, so every input is zod-checked exactly once, in one place.
 */
export async function dispatch(handlers: Handlers<ApiContract>, name: string, input: unknown): Promise<CallResult> {
  if (!isApiName(name)) return { ok: false, error: { kind: 'input', message: `unknown call "${name}"` } };
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { kind: 'input', message: `${name}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: (await handler(parsed.data)) ?? null };
  } catch (e) {
    const kind = e instanceof InputError ? 'input' : 'failure';
    return { ok: false, error: { kind, message: (e as Error).message } };
  }
}
