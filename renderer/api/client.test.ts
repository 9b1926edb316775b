import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { SESSION_HEADER } from '../../shared/api/http';
import { ApiError, createClient, httpTransport, tabSession, takeTokenFromLocation, type Transport } from './client';

describe('createClient', () => {
  it('has one function per contract call and nothing else', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = async (name, input) => {
      calls.push([name, input]);
      return { ok: true, value: name };
    };
    const client = createClient(transport) as unknown as Record<string, (i: unknown) => Promise<unknown>>;
    expect(Object.keys(client).sort()).toEqual(Object.keys(contract).sort());
    for (const name of Object.keys(contract)) expect(await client[name]({ x: 1 })).toBe(name);
    expect(calls).toHaveLength(Object.keys(contract).length);
    expect(Object.isFrozen(client)).toBe(true);
  });

  it('throws an ApiError with the kind and message the engine sent', async () => {
    const client = createClient(async () => ({ ok: false, error: { kind: 'input', message: 'no rater profile "x"' } }));
    const err = await client.getItem({ sampleId: 's' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'input', message: 'no rater profile "x"', call: 'getItem' });
  });

  it('refuses answers it does not understand', async () => {
    const client = createClient(async () => 'surprise');
    await expect(client.appInfo({})).rejects.toMatchObject({ kind: 'failure' });
  });
});

describe('takeTokenFromLocation', () => {
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m } as unknown as Storage & { map: Map<string, string> };
  };

  it('reads the token once, keeps it for the tab and removes it from the address bar', () => {
    const store = storage();
    const replaced: string[] = [];
    const hist = { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
    const loc = { hash: '#token=abc_DEF-123', pathname: '/', search: '' } as Location;
    expect(takeTokenFromLocation(loc, hist, store)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
    expect(store.getItem('concord.token')).toBe('abc_DEF-123');
    // After a reload the fragment is gone; the token comes from sessionStorage.
    expect(takeTokenFromLocation({ hash: '', pathname: '/', search: '' } as Location, hist, store)).toBe('abc_DEF-123');
  });

  it('is null without a token', () => {
    const hist = { state: null, replaceState: () => {} } as unknown as History;
    expect(takeTokenFromLocation({ hash: '', pathname: '/', search: '' } as Location, hist, storage())).toBeNull();
  });
});

describe('httpTransport', () => {
  it('sends the session secret signIn answered with on every later call, and forgets it on signOut', async () => {
    const sent: (string | null)[] = [];
    const answers: Record<string, unknown> = {
      signIn: { ok: true, value: { profile: { id: 'ana', name: 'Ana', roles: ['rater'] }, session: 'secret-1' } },
      queue: { ok: true, value: null },
      signOut: { ok: true, value: null },
    };
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      sent.push(new Headers(init.headers).get(SESSION_HEADER));
      return new Response(JSON.stringify(answers[url.replace('api/', '')]), { status: 200 });
    }) as typeof fetch;
    try {
      const session = tabSession(undefined);
      const client = createClient(httpTransport('token', session));
      await client.queue({});
      await client.signIn({ profileId: 'ana' });
      await client.queue({});
      expect(session.get()).toBe('secret-1');
      await client.signOut({});
      await client.queue({});
      expect(sent).toEqual([null, null, 'secret-1', 'secret-1', null]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
