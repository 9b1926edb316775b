import type { ConcordEvent } from '../../shared/events';
import { uuidv7 } from '../../shared/ids';
import type { HubTx } from '../store/types';

// Data minimisation: a rater's replica never holds rows outside its assignments. When a batch is
// stored, the hub makes, for each of its raters, events for that rater alone: the rows of the
// samples assigned to it (those it was not sent before), grouped like the import events they came
// from, and the batch cut down to its own items, without the gold flags. Both carry the batch's own
// clock, so a rater's replica orders its queue exactly as the owner's does for that rater.

const ROWS_PER_EVENT = 500;

type ImportPayload = ConcordEvent<'samples.imported'>['payload'];

export async function eventsForRaters(batch: ConcordEvent<'batch.created'>, tx: HubTx): Promise<{ rater: string; event: ConcordEvent }[]> {
  const byRater = new Map<string, ConcordEvent<'batch.created'>['payload']['items']>();
  for (const item of batch.payload.items) {
    for (const r of item.raters) {
      const list = byRater.get(r) ?? [];
      list.push({ sampleId: item.sampleId, gold: false, raters: [r] });
      byRater.set(r, list);
    }
  }
  const { id: _id, payload: _payload, ...envelope } = batch;
  const out: { rater: string; event: ConcordEvent }[] = [];
  const bodies = new Map<number, ImportPayload>();
  const importPayload = async (seq: number) => {
    let p = bodies.get(seq);
    if (!p) bodies.set(seq, (p = (JSON.parse(await tx.eventBody(seq)) as ConcordEvent<'samples.imported'>).payload));
    return p;
  };
  for (const [rater, items] of byRater) {
    const ids = items.map((i) => i.sampleId);
    const sent = await tx.samplesSentTo(rater, ids);
    const places = (await tx.samplePlaces(ids.filter((id) => !sent.has(id)))).sort((a, b) => a.seq - b.seq || a.rowIndex - b.rowIndex);
    // One group per import event, so each derived event keeps its rows' source and field map.
    let group: { seq: number; ids: string[]; rows: unknown[] } | undefined;
    const flush = async () => {
      if (!group?.ids.length) return;
      const src = await importPayload(group.seq);
      const payload: ImportPayload = { source: src.source, map: src.map, ids: group.ids, rows: group.rows as ImportPayload['rows'] };
      out.push({ rater, event: { ...envelope, id: uuidv7(), type: 'samples.imported', payload } as ConcordEvent });
      group = { seq: group.seq, ids: [], rows: [] };
    };
    for (const place of places) {
      if (group && group.seq !== place.seq) await flush();
      if (!group || group.seq !== place.seq) group = { seq: place.seq, ids: [], rows: [] };
      const src = await importPayload(place.seq);
      group.ids.push(place.id);
      group.rows.push(src.rows[place.rowIndex]);
      if (group.ids.length >= ROWS_PER_EVENT) await flush();
    }
    await flush();
    await tx.markSamplesSent(rater, places.map((p) => p.id));
    out.push({ rater, event: { ...envelope, id: uuidv7(), type: 'batch.created', payload: { ...batch.payload, items } } as ConcordEvent });
  }
  return out;
}
