import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { importSamples } from '../import/importSamples';
import { rebuildProjections } from '../store/eventLog';
import { caller } from '../testing/api';
import { makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';

const tempDir = useTempDirs();

it('raters get no grader scores unless the owner shows them; the content warning comes either way', async () => {
  const dir = tempDir();
  const ws = await makeWorkspace(dir, 2, ['ana']);
  const file = path.join(dir, 'graphic.jsonl');
  writeFileSync(file, JSON.stringify({ id: 'g1', input: 'q', output: 'a', scores: { graphic: 0.93, toxicity: 0.8 } }) + '\n');
  await importSamples(ws, { file }, TEST_OWNER);
  const rater = caller(ws, 'ana');
  const owner = caller(ws, TEST_OWNER);

  expect((await rater.call('appInfo', {})).graderScoresVisibleToRaters).toBe(false);
  const hidden = await rater.call('getItem', { sampleId: 'g1' });
  expect(hidden.sample).not.toHaveProperty('scores');
  // Blurred, but the warning does not give the score away either.
  expect(hidden.contentWarning).toEqual({ graphic: null });
  expect(JSON.stringify(hidden)).not.toContain('0.93');
  // The queue (and its search) carries the same warning, so the list can hide the preview.
  const page = await rater.call('queue', { search: 'g1' });
  expect(page.items.map((i: { sampleId: string; contentWarning: unknown }) => [i.sampleId, i.contentWarning])).toEqual([['g1', { graphic: null }]]);
  expect(JSON.stringify(page)).not.toContain('0.93');
  expect((await rater.call('queue', { search: 's1' })).items[0].contentWarning).toBeNull();
  const plain = await rater.call('getItem', { sampleId: 's1' });
  expect(plain.sample).not.toHaveProperty('scores');
  expect(plain.contentWarning).toBeNull();

  expect(await owner.call('setGraderScoresVisible', { visible: true })).toEqual({ visible: true });
  expect((await rater.call('appInfo', {})).graderScoresVisibleToRaters).toBe(true);
  const shown = await rater.call('getItem', { sampleId: 'g1' });
  expect(shown.sample.scores).toEqual({ graphic: 0.93, toxicity: 0.8 });
  expect(shown.contentWarning).toEqual({ graphic: 0.93 });
  expect((await rater.call('queue', { search: 'g1' })).items[0].contentWarning).toEqual({ graphic: 0.93 });
  // The choice is an event like any other: projections rebuilt from the log keep it.
  rebuildProjections(ws.db);
  expect((await rater.call('appInfo', {})).graderScoresVisibleToRaters).toBe(true);

  await owner.call('setGraderScoresVisible', { visible: false });
  expect((await rater.call('getItem', { sampleId: 'g1' })).sample).not.toHaveProperty('scores');
  expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type = 'workspace.setting'`).pluck().get()).toBe(2);
});
