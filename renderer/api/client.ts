// The renderer's typed API client, generated from the contract (shared/api/contract.ts): one async
// function per declared call, never a hand-kept list. Two transports carry the calls:
//   - Electron: `window.concord.<name>(input)`, exposed by the preload (electron/preload.ts);
//   - HTTP: POST `api/<name>` to the local engine (core/server/httpBridge.ts) with the per-launch
//     token, which arrives once in the URL fragment (`#token=...`) and is moved to sessionStorage,
//     and, once signed in, the session secret `signIn` answered with (kept beside the token, so
//     one tab is one session). In the desktop app the window is the session: nothing to send.
// Both answer `{ok: true, value} | {ok: false, error: {kind, message}}`; errors become a thrown
// ApiError, which the UI shows as a notification (never swallowed).
import { contract, type ApiContract } from '../../shared/api/contract';
import type { ApiError as ApiErrorData, Client } from '../../shared/api/define';
import { SESSION_HEADER } from '../../shared/api/http';

export type ApiErrorKind = ApiErrorData['kind'];

export class ApiError extends Error implements ApiErrorData {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The contract call that failed. */
    readonly call?: string,
  ) {
    super(message);
  }
}

/** Carries one call to the engine and resolves with the raw `{ok, ...}` envelope. */
export type Transport = (name: string, input: unknown) => Promise<unknown>;

export type ApiClient = Client<ApiContract>;

/** Names of every call, straight from the contract. */
export const apiNames = Object.freeze(Object.keys(contract)) as readonly (keyof ApiContract)[];

function unwrap(name: string, envelope: unknown): unknown {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    const e = envelope as { ok: boolean; value?: unknown; error?: Partial<ApiErrorData> };
    if (e.ok) return e.value ?? null;
    const kind: ApiErrorKind = e.error?.kind === 'input' ? 'input' : 'failure';
    throw new ApiError(kind, String(e.error?.message ?? 'unknown error'), name);
  }
  throw new ApiError('failure', `${name}: the engine sent an answer Concord does not understand`, name);
}

/** The typed client: one function per contract entry, generated from `Object.keys(contract)`. */
export function createClient(transport: Transport): ApiClient {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of apiNames) {
    client[name] = async (input: unknown) => unwrap(name, await transport(name, input ?? {}));
  }
  return Object.freeze(client) as unknown as ApiClient;
}

// ---------------------------------------------------------------------------------------------
// Transports

type Bridge = Record<string, ((input: unknown) => Promise<unknown>) | undefined>;

/** The Electron preload's bridge, when the renderer runs inside the desktop app. */
export function electronBridge(): Bridge | undefined {
  const bridge = (globalThis as { concord?: unknown }).concord;
  return bridge && typeof bridge === 'object' ? (bridge as Bridge) : undefined;
}

export function electronTransport(bridge: Bridge): Transport {
  return async (name, input) => {
    const fn = bridge[name];
    if (typeof fn !== 'function') throw new ApiError('failure', `the desktop app does not offer "${name}" (is the app older than this screen?)`, name);
    try {
      return await fn(input);
    } catch (e) {
      throw new ApiError('failure', `${name}: ${(e as Error).message}`, name);
    }
  };
}

/** The tab is being closed or reloaded (set before any other pagehide listener runs: this module loads first). */
let leaving = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => (leaving = true));
  // A page restored from the back/forward cache lives on.
  window.addEventListener('pageshow', () => (leaving = false));
}

export function httpTransport(token: string, session: SessionSecret = tabSession()): Transport {
  return async (name, input) => {
    let res: Response;
    const secret = session.get();
    const body = JSON.stringify(input);
    try {
      res = await fetch(`api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(secret ? { [SESSION_HEADER]: secret } : {}) },
        body,
        // A call made as the tab goes (the last draft save) must outlive the page. Only then:
        // browsers cap keepalive bodies at 64 KiB in flight, across all calls.
        keepalive: leaving && body.length < 60_000,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new ApiError('failure', 'Cannot reach the Concord engine. Is the server still running?', name);
    }
    if (res.status === 401) {
      throw new ApiError('failure', 'The engine refused this session’s access token. Open the link the server printed when it started.', name);
    }
    const text = await res.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new ApiError('failure', `${name}: the engine answered ${res.status} ${text.slice(0, 200)}`, name);
    }
    keepSession(session, name, answer);
    return answer;
  };
}

/** Where this tab keeps its session secret. */
export interface SessionSecret {
  get(): string | null;
  set(secret: string | null): void;
}

const SESSION_KEY = 'concord.session';

/** The tab's session secret in sessionStorage (nothing outlives the tab), or in memory where storage is unavailable. */
export function tabSession(store: Storage | undefined = globalThis.sessionStorage): SessionSecret {
  let memory: string | null = null;
  return {
    get() {
      try {
        return store?.getItem(SESSION_KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    set(secret) {
      memory = secret;
      try {
        if (secret) store?.setItem(SESSION_KEY, secret);
        else store?.removeItem(SESSION_KEY);
      } catch {
        // Memory only.
      }
    },
  };
}

/** A successful signIn hands the tab its secret; signOut forgets it. */
function keepSession(session: SessionSecret, name: string, body: unknown) {
  const ok = body && typeof body === 'object' && (body as { ok?: unknown }).ok === true;
  if (!ok) return;
  if (name === 'signIn') {
    const secret = (body as { value?: { session?: unknown } }).value?.session;
    if (typeof secret === 'string') session.set(secret);
  } else if (name === 'signOut') session.set(null);
}

/** A transport for when neither the desktop bridge nor a token is available: every call explains why. */
function missingTransport(): Transport {
  return async (name) => {
    throw new ApiError('failure', 'No connection to the Concord engine: open the link printed by the server (it carries the access token).', name);
  };
}

// ---------------------------------------------------------------------------------------------
// The token of the HTTP transport

const TOKEN_KEY = 'concord.token';

/**
 * Reads `#token=...` from the URL once, keeps it in sessionStorage (so a reload of this tab still
 * works, and nothing outlives the tab) and removes it from the address bar and history.
 */
export function takeTokenFromLocation(loc: Location = location, hist: History = history, store: Storage = sessionStorage): string | null {
  const hash = loc.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      store.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be unavailable (privacy settings): the token then lives in memory only.
    }
    params.delete('token');
    const rest = params.toString();
    hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return store.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export type Connection = { kind: 'electron' } | { kind: 'http' } | { kind: 'none' };

function connect(): { transport: Transport; connection: Connection } {
  const bridge = electronBridge();
  if (bridge) return { transport: electronTransport(bridge), connection: { kind: 'electron' } };
  const token = typeof location === 'undefined' ? null : takeTokenFromLocation();
  if (token) return { transport: httpTransport(token), connection: { kind: 'http' } };
  return { transport: missingTransport(), connection: { kind: 'none' } };
}

const connected = connect();

/** How this renderer talks to the engine (decided once, at startup). */
export const connection: Connection = connected.connection;

/** The app's client. */
export const api: ApiClient = createClient(connected.transport);

/** A readable message for anything thrown by an API call or by the UI itself. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
