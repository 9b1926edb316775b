import { describe, expect, it } from 'vitest';
import { rebuildProjections } from '../store/eventLog';
import { caller } from '../testing/api';
import { makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { getGuideline } from './guidelines';
import { createRater } from './raters';
import { openWorkspace } from './workspace';

// The draft an owner is writing, saved on this machine through the engine (no event): it survives
// closing the workspace, a rebuild of the projections, and ends when published or discarded.

const tempDir = useTempDirs();
const base = { id: 'harm-taxonomy', version: '1.1.0' };

describe('the saved guideline draft', () => {
  it('is saved per owner, survives reopening the workspace and a rebuild, records no event, and ends when published', async () => {
    const ws = await makeWorkspace(tempDir(), 3, []);
    createRater(ws, { id: 'olga', name: 'Olga', roles: ['owner'] }, TEST_OWNER);
    const dir = ws.dir;
    const current = getGuideline(ws, base)!;
    const pack = { ...current, version: '1.2.0', changelog: [{ version: '1.2.0', changes: ['Satire.'] }, ...current.changelog], mapping: { from: '1.1.0', fields: {} } };
    const events = () => ws2.db.prepare('SELECT count(*) FROM events').pluck().get();
    let ws2 = ws;
    const before = events();
    const olga = caller(ws, 'olga');
    expect(await olga.call('savedGuidelineDraft', {})).toBeNull();
    const { savedAt } = await olga.call('saveGuidelineDraft', { base, mode: 'form', pack });
    expect(events()).toBe(before);
    // Another owner has their own (none yet).
    expect(await caller(ws, TEST_OWNER).call('savedGuidelineDraft', {})).toBeNull();
    ws.close();

    ws2 = openWorkspace(dir);
    rebuildProjections(ws2.db);
    const again = caller(ws2, 'olga');
    expect(await again.call('savedGuidelineDraft', {})).toEqual({ base, mode: 'form', pack, savedAt });

    // The JSON mode keeps the text as typed, even when it does not parse.
    await again.call('saveGuidelineDraft', { base, mode: 'json', json: '{ "version": "1.2.0", ' });
    expect(await again.call('savedGuidelineDraft', {})).toMatchObject({ mode: 'json', json: '{ "version": "1.2.0", ' });
    expect((await again.call('savedGuidelineDraft', {})).pack).toBeUndefined();

    await again.call('saveGuidelineDraft', { base, mode: 'form', pack });
    await again.call('publishGuideline', { pack, activate: true });
    expect(await again.call('savedGuidelineDraft', {})).toBeNull();
    ws2.close();
  });

  it('is discarded on request; a draft from a version that is not published, or without its document, is refused', async () => {
    const ws = await makeWorkspace(tempDir(), 3, []);
    const owner = caller(ws, TEST_OWNER);
    const current = getGuideline(ws, base)!;
    await owner.call('saveGuidelineDraft', { base, mode: 'form', pack: current });
    await owner.call('discardGuidelineDraft', {});
    expect(await owner.call('savedGuidelineDraft', {})).toBeNull();
    const refused = async (input: unknown) => {
      const r = await owner.raw('saveGuidelineDraft', input);
      return r.ok ? 'saved' : r.error.message;
    };
    expect(await refused({ base: { id: 'harm-taxonomy', version: '7.0.0' }, mode: 'form', pack: current })).toMatch(/harm-taxonomy@7.0.0 is not published/);
    expect(await refused({ base, mode: 'form' })).toBe('a form draft needs its pack');
    expect(await refused({ base, mode: 'json' })).toBe('a JSON draft needs its text');
    expect(await owner.call('savedGuidelineDraft', {})).toBeNull();
    ws.close();
  });
});
