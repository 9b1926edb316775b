import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ConcordEvent, EventPayload, EventType } from '../../shared/events';
import { uuidv7 } from '../../shared/ids';
import { hubClock } from '../events/hubClock';
import type { Role } from '../../shared/auth/roles';
import { addMember } from '../members';
import { buildHub } from '../server/app';
import { openPostgresHubStore } from '../store/postgresStore';
import { openSqliteHubStore } from '../store/sqliteStore';
import type { HubStore } from '../store/types';
import { freshPostgresDatabase } from './postgres';

export type StoreKind = 'sqlite' | 'postgres';

export async function openTestStore(kind: StoreKind, dir: string): Promise<HubStore> {
  return kind === 'sqlite' ? openSqliteHubStore(path.join(dir, 'hub-data')) : openPostgresHubStore(await freshPostgresDatabase());
}

export interface TestHub {
  url: string;
  store: HubStore;
  project: string;
  /** The owner's token; more members with `member`. */
  tokens: Record<string, string>;
  member(id: string, roles: Role[], name?: string): Promise<string>;
  /** Calls the hub over real HTTP; answers status and parsed body. */
  call(token: string | undefined, method: string, route: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A real hub listening on 127.0.0.1 (port 0), with a project and its first owner "olga". */
export async function startTestHub(kind: StoreKind, dir: string, opts: { rateLimitPerMinute?: number } = {}): Promise<TestHub> {
  const store = await openTestStore(kind, dir);
  const app = await buildHub({ store, rateLimitPerMinute: opts.rateLimitPerMinute ?? 1_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const project = await store.createProject('Test project');
  const tokens: Record<string, string> = {};
  const member = async (id: string, roles: Role[], name = id.toUpperCase()) => {
    const r = await addMember(store, project, { id, name, roles }, 'hub');
    tokens[id] = r.token;
    return r.token;
  };
  await member('olga', ['owner']);
  return {
    url,
    store,
    project,
    tokens,
    member,
    async call(token, method, route, body) {
      const res = await fetch(`${url}${route}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

const testReplica = hubClock(uuidv7());

/** A valid event as a replica would write it, clock and origin stamped. */
export function ev<T extends EventType>(type: T, author: string, payload: EventPayload<T>): ConcordEvent<T> {
  return testReplica.event(type, author, payload);
}
