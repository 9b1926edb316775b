// Raters that label and sync against a hub on a timer, for the benchmarks (bench/sync.ts, bench/uiHub.ts).
// Two kinds, one loop:
// - workspaceRater: a real replica (the engine's saveLabel and syncWorkspace), as the app does it;
// - hubRater: the same requests at the HTTP level only, so one process can play fifty raters without
//   measuring fifty laptop engines: each step pushes one label event built as the engine builds it
//   (newEvent, the hybrid clock), then pulls from its cursor until the hub has nothing more, as
//   syncWorkspace does.
import { formatHlc, nodeOf, tick, type Hlc } from '../shared/clock/hlc';
import { MAX_PULL_EVENTS } from '../shared/hub/api';
import { uuidv7 } from '../shared/ids';
import type { GuidelineRef } from '../shared/api/types';
import { newEvent } from '../core/store/eventLog';
import type { HubClient } from '../core/sync/hubClient';
import { syncWorkspace } from '../core/sync/sync';
import { harmLabel } from '../core/testing/fixtures';
import { saveLabel } from '../core/workspace/labels';
import { nextTodo, queueItem } from '../core/workspace/queue';
import type { Workspace } from '../core/workspace/workspace';

/** One round of a rater: label the next item (if any is left) and sync. Resolves whether it labelled. */
export type RaterStep = () => Promise<boolean>;

export interface LoopResult {
  /** Each step's duration (ms), label and sync together. */
  latencies: number[];
  labels: number;
  errors: number;
  /** The first few errors' messages. */
  messages: string[];
}

/**
 * Runs a step every intervalMs (measured from each step's start) until running() turns false.
 * A failed step counts as an error and the loop goes on.
 */
export async function raterLoop(step: RaterStep, intervalMs: number, running: () => boolean): Promise<LoopResult> {
  const result: LoopResult = { latencies: [], labels: 0, errors: 0, messages: [] };
  while (running()) {
    const started = performance.now();
    try {
      if (await step()) result.labels++;
      result.latencies.push(performance.now() - started);
    } catch (e) {
      result.errors++;
      if (result.messages.length < 5) result.messages.push((e as Error).message);
    }
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return result;
}

/** Several raters' results as one (the first few messages of all). */
export function mergeResults(results: LoopResult[]): LoopResult {
  return {
    latencies: results.flatMap((r) => r.latencies),
    labels: results.reduce((a, r) => a + r.labels, 0),
    errors: results.reduce((a, r) => a + r.errors, 0),
    messages: results.flatMap((r) => r.messages).slice(0, 10),
  };
}

/** A rater's replica: labels its next to-do item through the engine, then syncs it. */
export function workspaceRater(ws: Workspace, rater: string, hub: HubClient, timeSpentMs = 1000): RaterStep {
  let from = 0;
  return async () => {
    const sample = nextTodo(ws, rater, from);
    if (sample) {
      const item = queueItem(ws, rater, sample)!;
      from = item.position + 1;
      saveLabel(ws, { raterId: rater, sampleId: sample, values: harmLabel(['none'], 0), timeSpentMs, guideline: item.guideline });
    }
    await syncWorkspace(ws, hub);
    return sample !== undefined;
  };
}

/** Pulls from a cursor until the hub has nothing more; the cursor after it. */
async function pullAll(hub: HubClient, after: number): Promise<number> {
  let cursor = after;
  for (;;) {
    const page = await hub.pull(cursor, MAX_PULL_EVENTS, 0);
    cursor = page.next;
    if (!page.more) return cursor;
  }
}

/**
 * A rater at the HTTP level: a replica id and clock of its own, the samples assigned to it, and a
 * pull cursor. `join` pulls everything it may read first (a replica's first sync), so the steps
 * measure the steady state.
 */
export async function hubRater(hub: HubClient, rater: string, samples: string[], guideline: GuidelineRef): Promise<RaterStep> {
  const origin = uuidv7();
  const node = nodeOf(origin);
  let clock: Hlc | undefined;
  let cursor = await pullAll(hub, 0);
  let next = 0;
  return async () => {
    const sample = samples[next];
    if (sample !== undefined) {
      next++;
      const e = newEvent('label.submitted', rater, { labelId: uuidv7(), sampleId: sample, raterId: rater, guideline, values: harmLabel(['none'], 0), timeSpentMs: 1000 });
      clock = tick(clock, Date.now(), node);
      await hub.push([{ ...e, hlc: formatHlc(clock), origin }], 0);
    }
    cursor = await pullAll(hub, cursor);
    return sample !== undefined;
  };
}
