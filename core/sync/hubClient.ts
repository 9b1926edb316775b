import {
  HUB_TIME_HEADER,
  type HubErrorBody,
  type InvitationResponse,
  type MeResponse,
  type MemberView,
  type NewMember,
  type PullResponse,
  type PushResponse,
} from '../../shared/hub/api';

// The sync engine's side of the hub's HTTP API (docs/hub-api.md). Two kinds of failure: the hub
// could not be reached or failed (network, timeout, 5xx, a cut-off answer: try again later, nothing
// is lost) and the hub refused (4xx: the request or the member is wrong, and retrying will not help).

/** The hub could not be reached, or failed: retry later. */
export class HubUnreachable extends Error {
  override name = 'HubUnreachable';
}

/** The hub answered with an error: 400, 401, 403, 404, 409, 413 or 429. */
export class HubRefusal extends Error {
  override name = 'HubRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The event a push was refused for, when the hub names one. */
    readonly event?: string,
  ) {
    super(message);
  }
}

/** An event already serialized as JSON (the sync engine sends payloads as the log stores them): sent as these bytes. */
export class EventJson {
  constructor(readonly json: string) {}
}

/** A push's body: events given as EventJson go in as they are, others through JSON.stringify. */
function pushBody(events: unknown[], pending: number | undefined): string {
  const list = events.map((e) => (e instanceof EventJson ? e.json : JSON.stringify(e))).join(',');
  return `{"events":[${list}]${pending === undefined ? '' : `,"pending":${JSON.stringify(pending)}`}}`;
}

export interface HubClient {
  readonly url: string;
  me(): Promise<MeResponse>;
  push(events: unknown[], pending?: number): Promise<PushResponse>;
  pull(after: number, limit: number, pending?: number): Promise<PullResponse>;
  members(): Promise<MemberView[]>;
  invite(member: NewMember): Promise<InvitationResponse>;
  reinvite(id: string, expiresInHours?: number): Promise<InvitationResponse>;
  revoke(id: string): Promise<void>;
  /** The hub's clock minus ours at the last answer (ms), or null before any answer. */
  clockOffsetMs(): number | null;
}

export function hubClient(url: string, token: string, opts: { timeoutMs?: number } = {}): HubClient {
  const base = url.replace(/\/+$/, '');
  let offset: number | null = null;
  const timeoutMs = opts.timeoutMs ?? 60_000;

  /** `body`: a value to send as JSON, or a string that is JSON already. */
  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    let res: Response;
    const sent = Date.now();
    try {
      res = await fetch(`${base}${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      throw new HubUnreachable(`cannot reach the hub at ${base}: ${describeNetworkError(e)}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new HubUnreachable(`the hub at ${base} stopped answering mid-way: ${describeNetworkError(e)}`);
    }
    const hubTime = Number(res.headers.get(HUB_TIME_HEADER));
    if (Number.isFinite(hubTime) && hubTime > 0) offset = hubTime - (sent + Date.now()) / 2;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // A cut-off or foreign answer (a proxy's error page): nothing to trust in it.
      if (res.status >= 400 && res.status < 500 && res.status !== 408) throw new HubRefusal(res.status, 'invalid', `the hub at ${base} answered ${res.status}: ${text.slice(0, 200)}`);
      throw new HubUnreachable(`the hub at ${base} sent an answer that is not JSON (status ${res.status})`);
    }
    if (res.ok) return parsed as T;
    const err = (parsed as HubErrorBody | null)?.error;
    if (res.status >= 500 || res.status === 408) throw new HubUnreachable(`the hub at ${base} failed (${res.status}): ${err?.message ?? 'no reason given'}`);
    throw new HubRefusal(res.status, err?.code ?? 'invalid', err?.message ?? `the hub answered ${res.status}`, err?.event);
  }

  return {
    url: base,
    me: () => call('GET', '/v1/me'),
    push: (events, pending) => call('POST', '/v1/events', pushBody(events, pending)),
    pull: (after, limit, pending) => call('GET', `/v1/events?after=${after}&limit=${limit}${pending === undefined ? '' : `&pending=${pending}`}`),
    members: async () => (await call<{ members: MemberView[] }>('GET', '/v1/members')).members,
    invite: (member) => call('POST', '/v1/members', member),
    reinvite: (id, expiresInHours) => call('POST', `/v1/members/${encodeURIComponent(id)}/invitation`, expiresInHours ? { expiresInHours } : undefined),
    revoke: async (id) => {
      await call('POST', `/v1/members/${encodeURIComponent(id)}/revoke`);
    },
    clockOffsetMs: () => offset,
  };
}

function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer in time';
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the hub running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  return err.cause?.message ?? err.message;
}
