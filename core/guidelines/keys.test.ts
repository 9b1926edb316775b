import { describe, expect, it } from 'vitest';
import { keyConflicts, packKeyConflicts } from '../../shared/keys/conflicts';
import { QUEUE_KEYS, screensWithPackKeys } from '../../shared/keys/screens';
import { loadAllBundledPacks } from './load';

// Every bundled guideline's hotkeys against the app's keys on every screen they are pressed on: the
// cheat sheet never lists one key for two actions, nor one action under two keys.
describe('the bundled guidelines and the app’s keys', () => {
  const packs = loadAllBundledPacks();

  it('are there to check', () => {
    expect(packs.map((p) => `${p.id}@${p.version}`)).toEqual(expect.arrayContaining(['harm-taxonomy@1.0.0', 'harm-taxonomy@1.1.0']));
  });

  for (const pack of packs) {
    it(`${pack.id}@${pack.version}: no key does two things, nothing has two keys`, () => {
      for (const { screen, keys } of screensWithPackKeys(pack)) expect({ screen, conflicts: keyConflicts(keys, pack) }).toEqual({ screen, conflicts: [] });
      expect(packKeyConflicts(pack)).toEqual([]);
    });
  }

  it('the queue, which has no guideline keys, is clean on its own', () => {
    expect(keyConflicts(QUEUE_KEYS, { fields: [] })).toEqual([]);
  });
});
