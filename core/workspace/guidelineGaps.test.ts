import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuidelineVersionInfo } from '../../shared/api/types';
import { flagGuidelineGap } from '../adjudication/adjudicate';
import { receiveEvents } from '../store/eventLog';
import { caller } from '../testing/api';
import { makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { eventsOf, replicaOf, ship } from '../testing/replicas';
import { useTempDirs } from '../testing/tmp';
import { getGuideline } from './guidelines';
import { gapNotes, resolveGuidelineGap } from './guidelineGaps';
import { createRater } from './raters';
import type { Workspace } from './workspace';

// Gap notes adjudicators flag, settled by an owner (`guideline.gap_resolved`), through the engine's
// calls and across replicas.

const tempDir = useTempDirs();
const v110 = { id: 'harm-taxonomy', version: '1.1.0' };
const eventCount = (ws: Workspace) => ws.db.prepare('SELECT count(*) FROM events').pluck().get() as number;

async function teamWorkspace() {
  const ws = await makeWorkspace(tempDir(), 5, []);
  createRater(ws, { id: 'adj', name: 'Ada Judge', roles: ['adjudicator'] }, TEST_OWNER);
  createRater(ws, { id: 'olga', name: 'Olga Owner', roles: ['owner'] }, TEST_OWNER);
  return ws;
}

function publishNext(ws: Workspace, version: string) {
  const current = getGuideline(ws, v110)!;
  return caller(ws, 'olga').call('publishGuideline', {
    pack: { ...current, version, changelog: [{ version, changes: ['Satire is covered.'] }, ...current.changelog], mapping: { from: '1.1.0', fields: {} } },
    activate: true,
  });
}

describe('resolving a gap note', () => {
  it('an owner settles an open gap with a note and the version that addresses it; it stays listed, after the open ones', async () => {
    const ws = await teamWorkspace();
    const adj = caller(ws, 'adj');
    await adj.call('flagGuidelineGap', { sampleId: 's1', field: 'categories', note: 'no guidance for satire' });
    await adj.call('flagGuidelineGap', { note: 'what counts as a public figure?' });
    await publishNext(ws, '1.2.0');
    const owner = caller(ws, 'olga');
    const notesOf = async () => ((await owner.call('listGuidelineVersions', {})) as GuidelineVersionInfo[]).find((v) => v.version === '1.1.0')!.notes;
    const [satire, figure] = await notesOf();
    expect(satire).toMatchObject({ note: 'no guidance for satire', field: 'categories', sampleId: 's1', author: 'adj', authorName: 'Ada Judge', resolution: null });

    await owner.call('resolveGuidelineGap', { gapId: satire.id, note: '  Satire has its own section now.  ', addressedIn: '1.2.0' });
    const after = await notesOf();
    // The open one first, then the resolved one with who settled it and how.
    expect(after.map((n) => n.id)).toEqual([figure.id, satire.id]);
    expect(after[1].resolution).toMatchObject({ note: 'Satire has its own section now.', addressedIn: '1.2.0', by: 'olga', byName: 'Olga Owner' });
    expect(ws.db.prepare(`SELECT author FROM events WHERE type = 'guideline.gap_resolved'`).pluck().all()).toEqual(['olga']);

    // Without a version: settled as needing no change.
    await owner.call('resolveGuidelineGap', { gapId: figure.id, note: 'The rubric already says: anyone with a public role.' });
    expect((await notesOf()).map((n) => [n.id, n.resolution?.addressedIn])).toEqual([
      [satire.id, '1.2.0'],
      [figure.id, null],
    ]);
  });

  it('refuses, with the reason and nothing written: an adjudicator, an unknown or resolved gap, a version that is not published or older, no note', async () => {
    const ws = await teamWorkspace();
    flagGuidelineGap(ws, { note: 'satire?' }, 'adj');
    const [gap] = gapNotes(ws, v110);
    const before = eventCount(ws);
    const refusal = async (who: string, input: unknown) => {
      const r = await caller(ws, who).raw('resolveGuidelineGap', input);
      expect(eventCount(ws)).toBe(before);
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await refusal('adj', { gapId: gap.id, note: 'fine' })).toBe('resolveGuidelineGap needs the owner role; adj has adjudicator');
    expect(await refusal('olga', { gapId: 'nope', note: 'fine' })).toBe('no gap note "nope"');
    expect(await refusal('olga', { gapId: gap.id, note: 'fine', addressedIn: '9.9.9' })).toBe('harm-taxonomy@9.9.9 is not published in this workspace');
    expect(await refusal('olga', { gapId: gap.id, note: 'fine', addressedIn: '1.0.0' })).toMatch(/flagged against harm-taxonomy 1.1.0: 1.0.0 is older/);
    expect(await refusal('olga', { gapId: gap.id, note: '   ' })).toMatch(/resolving a gap needs a note/);
    resolveGuidelineGap(ws, { gapId: gap.id, note: 'covered' }, 'olga');
    expect(() => resolveGuidelineGap(ws, { gapId: gap.id, note: 'again' }, 'olga')).toThrow(`the gap note "${gap.id}" is already resolved`);
  });
});

describe('the gap_resolved merge rule', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('two owners settling one gap on two machines: the first by clock holds on both, whichever arrives first', async () => {
    const ws = await teamWorkspace();
    flagGuidelineGap(ws, { note: 'satire?' }, 'adj');
    const laptop = replicaOf(ws, tempDir());
    const [gap] = gapNotes(ws, v110);
    resolveGuidelineGap(ws, { gapId: gap.id, note: 'first, on the desktop' }, 'olga');
    vi.setSystemTime(Date.now() + 1000);
    resolveGuidelineGap(laptop, { gapId: gap.id, note: 'later, on the laptop' }, TEST_OWNER);
    ship(ws, laptop);
    ship(laptop, ws);
    for (const r of [ws, laptop]) expect(gapNotes(r, v110)[0].resolution).toMatchObject({ note: 'first, on the desktop', by: 'olga' });
  });

  it('a resolution that arrives before its gap waits for nothing: the gap shows resolved once it is here', async () => {
    const ws = await teamWorkspace();
    const other = replicaOf(ws, tempDir());
    flagGuidelineGap(ws, { note: 'satire?' }, 'adj');
    const [gap] = gapNotes(ws, v110);
    resolveGuidelineGap(ws, { gapId: gap.id, note: 'covered' }, 'olga');
    const events = eventsOf(ws);
    receiveEvents(other.db, events.filter((e) => e.event.type === 'guideline.gap_resolved'));
    expect(gapNotes(other, v110)).toEqual([]);
    receiveEvents(other.db, events);
    expect(gapNotes(other, v110)).toEqual(gapNotes(ws, v110));
    expect(gapNotes(other, v110)[0].resolution?.note).toBe('covered');
  });
});
