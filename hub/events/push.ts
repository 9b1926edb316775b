import { eventEnvelopeSchema, eventPayloadSchemas, type ConcordEvent } from '../../shared/events';
import type { PushResponse } from '../../shared/hub/api';
import type { HubStore } from '../store/types';
import { lookupsFor, pushRefusal, readersOf, remember, type Pusher } from './access';
import { eventsForRaters } from './derived';
import { clockOf } from './hubClock';

/** A push refused as a whole: nothing of it was stored. */
export class PushRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    readonly code: 'invalid' | 'forbidden' | 'conflict',
    message: string,
    readonly event?: string,
  ) {
    super(message);
  }
}

const eventIdOf = (raw: unknown) => (raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined);

/**
 * Stores a member's events atomically: if any event is invalid or not allowed, nothing is stored
 * and the refusal names that event; events the hub already has are counted as duplicates. Events
 * are checked in the order given, each against the hub's state including the ones before it.
 */
export async function pushEvents(store: HubStore, project: string, member: Pusher, raw: unknown[]): Promise<PushResponse> {
  const events: ConcordEvent[] = raw.map((r, i) => {
    const refuse = (issue: { path: PropertyKey[]; message: string }, prefix: string[] = []) => {
      const id = eventIdOf(r);
      const where = [...prefix, ...issue.path.map(String)].join('.') || 'event';
      return new PushRefused(400, 'invalid', `event ${id ?? `#${i + 1}`} is not a valid Concord event (${where}: ${issue.message})`, id);
    };
    const envelope = eventEnvelopeSchema.safeParse(r);
    if (!envelope.success) throw refuse(envelope.error.issues[0]);
    const payload = eventPayloadSchemas[envelope.data.type].safeParse(envelope.data.payload);
    if (!payload.success) throw refuse(payload.error.issues[0], ['payload']);
    return { ...envelope.data, payload: payload.data } as ConcordEvent;
  });
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) throw new PushRefused(400, 'invalid', `event ${e.id} appears twice in this push`, e.id);
    seen.add(e.id);
  }
  return store.transaction(project, async (tx) => {
    // One query for everything the checks below ask (for events already stored too: a retried push is rare).
    await tx.preload({ ...lookupsFor(events, member), events: events.map((e) => e.id) });
    const known = await tx.existingIds(events.map((e) => e.id));
    let stored = 0;
    const workspace = await tx.workspaceId();
    if (workspace === null && !events.some((e) => e.type === 'workspace.created')) {
      throw new PushRefused(409, 'conflict', 'this project has no source workspace yet: its owner must connect one first');
    }
    for (const e of events) {
      if (known.has(e.id)) continue;
      if (e.type === 'workspace.created') {
        const current = await tx.workspaceId();
        const theirs = (e as ConcordEvent<'workspace.created'>).payload.workspaceId;
        if (current !== null && current !== theirs) {
          throw new PushRefused(409, 'conflict', `this project's source is workspace ${current}; event ${e.id} creates another (${theirs})`, e.id);
        }
      }
      const refusal = await pushRefusal(e, member, tx);
      if (refusal) throw new PushRefused(403, 'forbidden', `event ${e.id} (${e.type}) refused: ${refusal}`, e.id);
      const seq = await tx.append({ id: e.id, type: e.type, author: e.author, body: JSON.stringify(e), readers: await readersOf(e, tx) });
      await remember(e, seq, tx);
      clockOf(store).saw(e.hlc);
      stored++;
      if (e.type === 'batch.created') {
        for (const d of await eventsForRaters(e as ConcordEvent<'batch.created'>, tx)) {
          await tx.append({ id: d.event.id, type: d.event.type, author: d.event.author, body: JSON.stringify(d.event), readers: [`rater:${d.rater}`] });
        }
      }
    }
    return { stored, duplicates: events.length - stored };
  });
}
