import { formatHlc, nodeOf, parseHlc, receive, tick, type Hlc } from '../../shared/clock/hlc';
import type { ConcordEvent, EventPayload, EventType } from '../../shared/events';
import { uuidv7 } from '../../shared/ids';

// The hub writes a few events itself (member announcements). They carry a hybrid logical clock like
// every event, from the hub's own replica id, kept past every clock the hub has stored.

export interface HubClock {
  /** Moves the clock past an event the hub stored. */
  saw(hlc: string): void;
  /** A new event written by the hub. */
  event<T extends EventType>(type: T, author: string, payload: EventPayload<T>): ConcordEvent<T>;
}

export function hubClock(origin: string): HubClock {
  const node = nodeOf(origin);
  let last: Hlc | undefined;
  // The clock as text: clocks in this format sort as text, so most events are passed over unparsed.
  let lastText = '';
  return {
    saw(hlc) {
      if (hlc <= lastText) return;
      const remote = parseHlc(hlc);
      if (remote) {
        last = receive(last, remote, Date.now(), node);
        lastText = formatHlc(last);
      }
    },
    event(type, author, payload) {
      last = tick(last, Date.now(), node);
      lastText = formatHlc(last);
      return { id: uuidv7(), type, author, ts: new Date().toISOString(), hlc: formatHlc(last), origin, payload } as ConcordEvent<typeof type>;
    },
  };
}

const clocks = new WeakMap<object, HubClock>();

/** The clock of one hub store (one per process), made on first use. */
export function clockOf(store: { origin: string }): HubClock {
  let c = clocks.get(store);
  if (!c) clocks.set(store, (c = hubClock(store.origin)));
  return c;
}
