import { MAX_PULL_BYTES, type PullResponse } from '../../shared/hub/api';
import type { Role } from '../../shared/auth/roles';
import type { HubStore, Reader, StoredEvent } from '../store/types';

/** The reader classes of a member: staff read the project's events; a rater its own share of them. */
export function readerClasses(member: { id: string; roles: Role[] }): Reader[] {
  if (member.roles.includes('owner') || member.roles.includes('adjudicator')) return ['all', 'staff'];
  if (member.roles.includes('rater')) return ['all', `rater:${member.id}`];
  return ['all'];
}

/** A page as the store holds it: each event's body the JSON text it was stored as (pageJson sends it so). */
export type PulledPage = Omit<PullResponse, 'events'> & { events: StoredEvent[] };

/** The first read of a page; later ones read as many as the bytes left are likely to hold. */
const FIRST_STEP = 50;

/**
 * One page of the events a member may read after a cursor, bounded by count and (about) bytes. Read
 * in steps, each asking one event past what it may serve: so a page of large import events never
 * loads much more than it serves, and whether there is more is known without another query.
 */
export async function pullEvents(store: HubStore, project: string, member: { id: string; roles: Role[] }, after: number, limit: number): Promise<PulledPage> {
  const readers = readerClasses(member);
  const events: StoredEvent[] = [];
  let bytes = 0;
  let cursor = after;
  let step = FIRST_STEP;
  let more: boolean;
  for (;;) {
    const want = Math.min(step, limit - events.length);
    const got = await store.read(project, readers, cursor, want + 1);
    let taken = 0;
    for (const e of got.slice(0, want)) {
      if (events.length > 0 && bytes + e.body.length > MAX_PULL_BYTES) break;
      events.push(e);
      bytes += e.body.length;
      cursor = e.seq;
      taken++;
    }
    if (got.length === taken) {
      more = false; // everything after the cursor is in the page
      break;
    }
    if (taken < want || events.length >= limit) {
      more = true; // full (by bytes or count), and an event is left
      break;
    }
    step = Math.max(FIRST_STEP, Math.floor((MAX_PULL_BYTES - bytes) / (bytes / events.length)));
  }
  // head: the project's last seq, for the joining app's progress bar.
  return { events, next: cursor, more, head: more ? await store.lastSeq(project) : cursor };
}

/** A page as the API's JSON (PullResponse), the stored bodies spliced in as they are: not parsed and written again. */
export function pageJson(page: PulledPage): string {
  const { events, ...rest } = page;
  const list = events.map((e) => `{"seq":${e.seq},"event":${e.body}}`).join(',');
  const fields = Object.entries(rest).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `{"events":[${list}]${fields.join('')}}`;
}
