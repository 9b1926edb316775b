import { createEngine } from '../api/handlers';
import { dispatch, type CallResult } from '../api/dispatch';
import { memorySession } from '../api/session';
import type { Workspace } from '../workspace/workspace';

/**
 * Calls the real engine through the same dispatcher both bridges use, as a session that tests sign
 * in and out of: `const api = caller(ws, 'ana'); await api.call('queue', {})`.
 */
export function caller(ws: Workspace, profileId: string | null = null) {
  const engine = createEngine(ws);
  const session = memorySession(profileId);
  const raw = (name: string, input: unknown): Promise<CallResult> => dispatch(engine, name, input, session);
  return {
    session,
    raw,
    /** Signs this session in as a profile (null: out). */
    as(id: string | null) {
      if (id === null) session.signOut();
      else session.signIn(id);
      return this;
    },
    /** The call's value; throws with the engine's message if it is refused or fails. */
    async call(name: string, input: unknown = {}) {
      const r = await raw(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    },
  };
}
