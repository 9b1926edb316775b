import { MAX_PULL_BYTES, type PullResponse } from '../../shared/hub/api';
import type { Role } from '../../shared/auth/roles';
import type { HubStore, Reader } from '../store/types';

/** The reader classes of a member: staff read the project's events; a rater its own share of them. */
export function readerClasses(member: { id: string; roles: Role[] }): Reader[] {
  if (member.roles.includes('owner') || member.roles.includes('adjudicator')) return ['all', 'staff'];
  if (member.roles.includes('rater')) return ['all', `rater:${member.id}`];
  return ['all'];
}

/** One page of the events a member may read after a cursor, bounded by count and (about) bytes. */
export async function pullEvents(store: HubStore, project: string, member: { id: string; roles: Role[] }, after: number, limit: number): Promise<PullResponse> {
  const readers = readerClasses(member);
  const events: PullResponse['events'] = [];
  let bytes = 0;
  let cursor = after;
  // Read in small steps so a page of large import events never loads more than it serves.
  while (events.length < limit && bytes < MAX_PULL_BYTES) {
    const step = await store.read(project, readers, cursor, Math.min(50, limit - events.length));
    if (step.length === 0) break;
    for (const e of step) {
      if (events.length > 0 && bytes + e.body.length > MAX_PULL_BYTES) break;
      events.push({ seq: e.seq, event: JSON.parse(e.body) });
      bytes += e.body.length;
      cursor = e.seq;
    }
    if (step.at(-1)!.seq !== cursor) break;
  }
  const more = (await store.read(project, readers, cursor, 1)).length > 0;
  return { events, next: cursor, more };
}
