import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_PULL_BYTES } from '../../shared/hub/api';
import { uuidv7 } from '../../shared/ids';
import { openTestStore, type StoreKind } from '../testing/hub';
import type { HubStore, Reader } from '../store/types';
import { pageJson, pullEvents } from './pull';

// Pages over a real store, both kinds: bounded by count and bytes, each event once and in order,
// `more` exactly when something is left, and the page's JSON what the API promises.

describe.each(['sqlite', 'postgres'] as StoreKind[])('pull pages, %s store', (kind) => {
  let dir: string;
  let store: HubStore;
  let project: string;
  const sizes: number[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concord-pull-'));
    store = await openTestStore(kind, dir);
    project = await store.createProject('P');
    // Small events, then large ones (an import's), then small again; some for another rater.
    const plan = [...Array(120).fill(300), ...Array(14).fill(900_000), ...Array(300).fill(200)];
    await store.transaction(project, async (tx) => {
      for (const [i, size] of plan.entries()) {
        const id = uuidv7();
        const readers: Reader[] = i % 7 === 3 ? ['rater:bob'] : i % 2 ? ['staff', 'rater:alice'] : ['all'];
        await tx.append({ id, type: 'x', author: 'o', body: JSON.stringify({ id, pad: 'p'.repeat(size) }), readers });
        sizes.push(i % 7 === 3 ? -1 : size);
      }
    });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const limit of [1, 7, 50, 2000]) {
    it(`reads everything once, in order, in pages of at most ${limit} events and about ${MAX_PULL_BYTES} bytes`, async () => {
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await pullEvents(store, project, { id: 'alice', roles: ['rater'] }, after, limit);
        const body = JSON.parse(pageJson(page));
        expect(body.events.map((e: { seq: number }) => e.seq)).toEqual(page.events.map((e) => e.seq));
        expect(body.events.every((e: { event: { id: string } }) => typeof e.event.id === 'string')).toBe(true);
        expect([body.next, body.more]).toEqual([page.next, page.more]);
        expect(page.events.length).toBeLessThanOrEqual(limit);
        const bytes = page.events.reduce((s, e) => s + e.body.length, 0);
        if (page.events.length > 1) expect(bytes).toBeLessThanOrEqual(MAX_PULL_BYTES);
        seen.push(...page.events.map((e) => e.seq));
        if (!page.more) {
          expect((await pullEvents(store, project, { id: 'alice', roles: ['rater'] }, page.next, limit)).events).toEqual([]);
          break;
        }
        expect(page.events.length).toBeGreaterThan(0);
        after = page.next;
      }
      const expected = sizes.map((s, i) => (s < 0 ? -1 : i + 1)).filter((s) => s > 0);
      expect(seen).toEqual(expected);
    });
  }
});
