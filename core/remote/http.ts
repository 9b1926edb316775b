// HTTP for pulling from and pushing to eval stores: headers given on the command line (often
// secrets, so never echoed), retries with backoff for what a retry can fix, and errors that name
// the request without its credentials.
import { InputError } from '../errors';

/** Parses `--header "Name: value"` flags. A bad one is named by its position and name, never its value. */
export function parseHeaders(flags: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  flags.forEach((flag, i) => {
    const colon = flag.indexOf(':');
    const name = colon > 0 ? flag.slice(0, colon).trim() : '';
    const value = colon > 0 ? flag.slice(colon + 1).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InputError(`--header number ${i + 1} is not of the form "Name: value"`);
    if (/[\r\n\0]/.test(value)) throw new InputError(`--header ${name}: the value holds a line break or NUL`);
    out[name] = value;
  });
  return out;
}

/** The URL as it may be shown or stored: without a user name or password. */
export function shownUrl(url: string | URL): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

/** Checks a URL given on the command line: http(s), no credentials in it (they belong in --header). */
export function checkUrl(flag: string, url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`--${flag} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError(`--${flag} must be an http:// or https:// URL, not ${u.protocol}`);
  if (u.username || u.password) throw new InputError(`--${flag}: put credentials in --header "Authorization: ...", not in the URL`);
  return u;
}

export interface RetryPolicy {
  attempts: number;
  /** Delay before the first retry; each further one doubles it. */
  baseDelayMs: number;
  /** A request with no bytes for this long is abandoned (and retried). */
  idleTimeoutMs: number;
}

export function retryPolicy(): RetryPolicy {
  const base = Number(process.env.CONCORD_HTTP_BACKOFF_MS);
  return { attempts: 5, baseDelayMs: Number.isFinite(base) && base >= 0 ? base : 500, idleTimeoutMs: 60_000 };
}

/** A failure a retry may fix: a 5xx, 408 or 429 answer, or a network error. */
export class RetryableError extends Error {}

/** What a response's status means: fine, worth retrying, or the request is wrong (bad input). */
export function checkStatus(method: string, url: string, res: Response): void {
  if (res.ok) return;
  const what = `${method} ${shownUrl(url)}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (res.status >= 500 || res.status === 408 || res.status === 429) throw new RetryableError(what);
  throw new InputError(what);
}

/** A network error in one line: the request and the cause's code, never the request's headers. */
export function networkError(method: string, url: string, e: unknown): Error {
  if (e instanceof RetryableError || e instanceof InputError) return e;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const why = err.name === 'AbortError' || err.name === 'TimeoutError' ? 'no answer in time' : err.cause?.code ?? err.cause?.message ?? err.message;
  return new RetryableError(`${method} ${shownUrl(url)}: ${why}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `attempt` until it succeeds, retrying retryable failures with exponential backoff. Bad input
 * (a 4xx) fails at once; the last retryable failure is thrown as a failure (exit 1) once attempts run out.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>, onRetry?: (n: number, e: Error) => void): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!(e instanceof RetryableError)) throw e;
      if (n >= policy.attempts) throw new Error(`${e.message} (gave up after ${n} attempts)`);
      onRetry?.(n, e);
      await sleep(policy.baseDelayMs * 2 ** (n - 1));
    }
  }
}

/** An AbortSignal that fires when `touch` has not been called for `ms`. */
export function idleSignal(ms: number): { signal: AbortSignal; touch(): void; done(): void } {
  const ctl = new AbortController();
  let timer = setTimeout(() => ctl.abort(), ms);
  return {
    signal: ctl.signal,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => ctl.abort(), ms);
    },
    done: () => clearTimeout(timer),
  };
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the request's URL. */
export function nextLink(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return new URL(m[1], base).toString();
  }
  return undefined;
}
