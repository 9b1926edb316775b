import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../guidelines/load';
import { importSamples } from '../import/importSamples';
import { rebuildProjections } from '../store/eventLog';
import { useTempDirs } from '../testing/tmp';
import { activateGuideline, publishGuideline } from './guidelines';
import { findLabel, getLabel, labelHistory, saveLabel, submitLabel, undoLastSubmission, reviseLabel } from './labels';
import { createRater } from './raters';
import type { Workspace } from './workspace';
import { TEST_OWNER, createTestWorkspace } from '../testing/fixtures';

const tempDir = useTempDirs();
const benign = { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false };
const harmful = { categories: ['hate'], severity: 2, refusal: 'complied', needs_expert_review: false };

async function workspace(): Promise<Workspace> {
  const dir = tempDir();
  const ws = createTestWorkspace(path.join(dir, 'ws'));
  const pack = loadBundledPack('harm-taxonomy', '1.1.0');
  publishGuideline(ws, pack, TEST_OWNER);
  activateGuideline(ws, { id: pack.id, version: pack.version }, TEST_OWNER);
  const file = path.join(dir, 's.jsonl');
  writeFileSync(file, ['a', 'b', 'c'].map((id) => JSON.stringify({ id, input: 'q', output: 'o' })).join('\n'));
  await importSamples(ws, { file }, TEST_OWNER);
  createRater(ws, { id: 'r1', name: 'One', roles: ['rater'] }, TEST_OWNER);
  createRater(ws, { id: 'r2', name: 'Two', roles: ['rater'] }, TEST_OWNER);
  return ws;
}

describe('labels', () => {
  it('record sample, rater, guideline version, values, time spent and creation time', async () => {
    const ws = await workspace();
    const label = submitLabel(ws, { sampleId: 'a', raterId: 'r1', values: benign, timeSpentMs: 4200 });
    expect(label).toMatchObject({ sampleId: 'a', raterId: 'r1', guideline: { id: 'harm-taxonomy', version: '1.1.0' }, values: benign, timeSpentMs: 4200, revision: 1, revisedAt: null });
    expect(new Date(label.createdAt).toISOString()).toBe(label.createdAt);
  });

  it('refuse values that break the guideline, naming the field', async () => {
    const ws = await workspace();
    expect(() => submitLabel(ws, { sampleId: 'a', raterId: 'r1', values: { ...benign, severity: 9 }, timeSpentMs: 1 })).toThrow(/severity/);
    expect(() => submitLabel(ws, { sampleId: 'a', raterId: 'r1', values: { ...benign, categories: ['no_such_category'] }, timeSpentMs: 1 })).toThrow(/categories/);
    expect(() => submitLabel(ws, { sampleId: 'zzz', raterId: 'r1', values: benign, timeSpentMs: 1 })).toThrow(/no sample "zzz"/);
    expect(ws.db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(0);
  });

  it('keep every revision in the history and add up the time spent', async () => {
    const ws = await workspace();
    const first = submitLabel(ws, { sampleId: 'a', raterId: 'r1', values: benign, timeSpentMs: 1000 });
    const revised = reviseLabel(ws, { labelId: first.id, values: harmful, timeSpentMs: 500 });
    expect(revised).toMatchObject({ id: first.id, values: harmful, revision: 2, timeSpentMs: 1500 });
    expect(revised.revisedAt).not.toBeNull();
    expect(labelHistory(ws, first.id).map((h) => h.values)).toEqual([benign, harmful]);
  });

  it('undo takes back the newest revision, then the submission itself; the history stays', async () => {
    const ws = await workspace();
    const label = saveLabel(ws, { sampleId: 'b', raterId: 'r1', values: benign, timeSpentMs: 10 });
    saveLabel(ws, { sampleId: 'b', raterId: 'r1', values: harmful, timeSpentMs: 10 });
    expect(undoLastSubmission(ws, 'r1')).toEqual({ sampleId: 'b' });
    expect(getLabel(ws, label.id)).toMatchObject({ values: benign, retracted: false });
    expect(undoLastSubmission(ws, 'r1')).toEqual({ sampleId: 'b' });
    expect(getLabel(ws, label.id)!.retracted).toBe(true);
    expect(undoLastSubmission(ws, 'r1')).toBeUndefined();
    expect(labelHistory(ws, label.id).map((h) => h.undone)).toEqual([true, true]);
    // Labeling again after an undo revises the retracted label back into standing.
    const again = saveLabel(ws, { sampleId: 'b', raterId: 'r1', values: harmful, timeSpentMs: 10 });
    expect(again).toMatchObject({ id: label.id, values: harmful, retracted: false });
  });

  it('are per rater: one rater never reads or changes another rater\'s label', async () => {
    const ws = await workspace();
    saveLabel(ws, { sampleId: 'c', raterId: 'r1', values: benign, timeSpentMs: 10 });
    expect(findLabel(ws, 'c', 'r2', { id: 'harm-taxonomy', version: '1.1.0' })).toBeUndefined();
    saveLabel(ws, { sampleId: 'c', raterId: 'r2', values: harmful, timeSpentMs: 10 });
    expect(undoLastSubmission(ws, 'r2')).toEqual({ sampleId: 'c' });
    expect(findLabel(ws, 'c', 'r1', { id: 'harm-taxonomy', version: '1.1.0' })).toMatchObject({ values: benign, retracted: false });
  });

  it('replaying the event log rebuilds labels, revisions and undos exactly', async () => {
    const ws = await workspace();
    const a = saveLabel(ws, { sampleId: 'a', raterId: 'r1', values: benign, timeSpentMs: 10 });
    saveLabel(ws, { sampleId: 'a', raterId: 'r1', values: harmful, timeSpentMs: 20 });
    saveLabel(ws, { sampleId: 'b', raterId: 'r2', values: harmful, timeSpentMs: 30 });
    undoLastSubmission(ws, 'r2');
    const dump = () => ({
      labels: ws.db.prepare('SELECT * FROM labels ORDER BY id').all(),
      revisions: ws.db.prepare('SELECT * FROM label_revisions ORDER BY event_id').all(),
    });
    const before = dump();
    rebuildProjections(ws.db);
    expect(dump()).toEqual(before);
    expect(getLabel(ws, a.id)!.values).toEqual(harmful);
  });
});
