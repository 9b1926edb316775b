// Runs the real CLI (a child process per call) on small rating files.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { krippendorff2011 } from '../../../shared/stats/fixtures';
import { runConcord } from '../../testing/cli';
import { useTempDirs } from '../../testing/tmp';

const tempDir = useTempDirs();
const write = (name: string, content: string) => {
  const f = path.join(tempDir(), name);
  writeFileSync(f, content);
  return f;
};

/** Krippendorff (2011) reliability data as JSONL, observers A-D. */
const krippendorffJsonl = () =>
  krippendorff2011
    .flatMap((unit, u) => unit.map((value, r) => (value === null ? null : JSON.stringify({ item: `u${u + 1}`, rater: 'ABCD'[r], value }))))
    .filter(Boolean)
    .join('\n') + '\n';

const twoRaterCsv = () =>
  'item,rater,value\n' +
  [
    [1, 1],
    [2, 2],
    [3, 3],
    [1, 2],
    [2, 2],
    [3, 2],
    [1, 1],
    [2, 3],
  ]
    .flatMap(([a, b], i) => [`i${i},ann,${a}`, `i${i},bob,${b}`])
    .join('\n') +
  '\n';

describe('concord agreement', () => {
  it('prints the contract JSON for nominal data with 4 raters, with a reproducible bootstrap interval', async () => {
    const f = write('k.jsonl', krippendorffJsonl());
    const r = await runConcord(['agreement', '--ratings', f, '--level', 'nominal', '--bootstrap', '500', '--seed', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['items', 'raters', 'ratings', 'pairableItems', 'level', 'percentAgreement', 'krippendorffAlpha', 'fleissKappa', 'gwetAC1', 'ci']);
    expect(out).toMatchObject({ items: 12, raters: 4, ratings: 41, pairableItems: 11, level: 'nominal', fleissKappa: null });
    expect(out.krippendorffAlpha.toFixed(3)).toBe('0.743');
    expect(out.gwetAC1).toBeCloseTo(0.77544, 5);
    expect(out.ci).toMatchObject({ resamples: 500, seed: 3 });
    expect(out.ci.krippendorffAlpha[0]).toBeLessThan(out.krippendorffAlpha);
    expect(out.ci.krippendorffAlpha[1]).toBeGreaterThan(out.krippendorffAlpha);
    const again = await runConcord(['agreement', '--ratings', f, '--level', 'nominal', '--bootstrap', '500', '--seed', '3', '--json']);
    expect(JSON.parse(again.stdout).ci).toEqual(out.ci);
  });

  it('gives Cohen kappas for two raters and weighted ones at the ordinal level (CSV)', async () => {
    const f = write('two.csv', twoRaterCsv());
    const nominal = JSON.parse((await runConcord(['agreement', '--ratings', f, '--json'])).stdout);
    expect(Object.keys(nominal)).toEqual(['items', 'raters', 'ratings', 'pairableItems', 'level', 'percentAgreement', 'krippendorffAlpha', 'cohenKappa', 'fleissKappa', 'gwetAC1']);
    // Table rows ann 1..3, columns bob: [[2,1,0],[0,2,1],[0,1,1]]: p_o = 5/8, p_e = (3*2 + 3*4 + 2*2)/64 = 22/64.
    expect(nominal.cohenKappa).toBeCloseTo((5 / 8 - 22 / 64) / (1 - 22 / 64), 12);
    expect(nominal.fleissKappa).not.toBeNull();
    const ordinal = JSON.parse((await runConcord(['agreement', '--ratings', f, '--level', 'ordinal', '--json'])).stdout);
    expect(Object.keys(ordinal)).toEqual([
      'items', 'raters', 'ratings', 'pairableItems', 'level', 'percentAgreement', 'krippendorffAlpha',
      'cohenKappa', 'cohenKappaLinear', 'cohenKappaQuadratic', 'fleissKappa', 'gwetAC2',
    ]);
    expect(ordinal.cohenKappaQuadratic).toBeGreaterThan(ordinal.cohenKappa);
  });

  it('says which level it used when the values look numeric and no --level was given', async () => {
    const f = write('k.jsonl', krippendorffJsonl());
    const r = await runConcord(['agreement', '--ratings', f, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).level).toBe('nominal');
    expect(r.stderr).toMatch(/note: the values are numbers, measured at the nominal level .*--level ordinal .*interval .*ratio/);
    // Asked for explicitly, or with values that are words, there is nothing to say.
    expect((await runConcord(['agreement', '--ratings', f, '--level', 'ordinal', '--json'])).stderr).toBe('');
    const words = write('w.jsonl', ['a', 'b'].flatMap((i) => ['x', 'y'].map((r) => JSON.stringify({ item: i, rater: r, value: i === 'a' ? 'safe' : 'harmful' }))).join('\n'));
    expect((await runConcord(['agreement', '--ratings', words, '--json'])).stderr).toBe('');
  });

  it('lets a later line replace an earlier rating of the same item by the same rater', async () => {
    const f = write('dup.jsonl', ['{"item":"a","rater":"x","value":"no"}', '{"item":"a","rater":"y","value":"yes"}', '{"item":"b","rater":"x","value":"no"}', '{"item":"b","rater":"y","value":"no"}', '{"item":"a","rater":"x","value":"yes"}'].join('\n'));
    const out = JSON.parse((await runConcord(['agreement', '--ratings', f, '--json'])).stdout);
    expect(out).toMatchObject({ items: 2, ratings: 4, percentAgreement: 1 });
  });

  it('prints a readable table with the n and the reasons for nulls', async () => {
    const f = write('k.jsonl', krippendorffJsonl());
    const r = await runConcord(['agreement', '--ratings', f, '--level', 'interval', '--bootstrap', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12 items \(11 with 2 or more ratings\), 4 raters, 41 ratings/);
    expect(r.stdout).toMatch(/Krippendorff's alpha\s+0\.849\s+12\s+11\s+41\s+4\s+95% CI \[/);
    expect(r.stdout).toMatch(/Fleiss' kappa\s+n\/a .*same number of ratings on every item/);
    expect(r.stdout).toMatch(/Gwet's AC2/);
  });

  it('reports null (not NaN or 0) when all ratings are identical', async () => {
    const f = write('same.jsonl', ['a', 'b'].flatMap((i) => ['x', 'y'].map((r) => JSON.stringify({ item: i, rater: r, value: 'ok' }))).join('\n'));
    const out = JSON.parse((await runConcord(['agreement', '--ratings', f, '--json'])).stdout);
    expect(out).toMatchObject({ percentAgreement: 1, krippendorffAlpha: null, cohenKappa: null, fleissKappa: null, gwetAC1: null });
  });

  it('exits 2 with the line number on bad input', async () => {
    const bad = write('ratings.jsonl', ['{"item":"a","rater":"x","value":1}', '{"item":"a","rater":"y","value":{"v":1}}'].join('\n'));
    const r = await runConcord(['agreement', '--ratings', bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('concord agreement: ratings.jsonl line 2: "value" must be a string or a number');

    const words = write('words.csv', 'item,rater,value\na,x,1\na,y,high\n');
    const w = await runConcord(['agreement', '--ratings', words, '--level', 'interval']);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/words\.csv line 3: "value" must be a number at the interval level, got "high"/);
  });

  it('exits 2 for one rater, a missing file, and bad flags', async () => {
    const one = write('one.jsonl', '{"item":"a","rater":"x","value":1}\n{"item":"b","rater":"x","value":2}\n');
    const r1 = await runConcord(['agreement', '--ratings', one]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/at least 2 raters, found 1/);
    const r2 = await runConcord(['agreement', '--ratings', path.join(tempDir(), 'nope.jsonl')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
    const r3 = await runConcord(['agreement', '--ratings', one, '--level', 'fuzzy']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--level must be one of nominal, ordinal, interval, ratio/);
    const r4 = await runConcord(['agreement', '--ratings', one, '--bootstrap', '0']);
    expect(r4.code).toBe(2);
    const r5 = await runConcord(['agreement']);
    expect(r5.code).toBe(2);
    expect(r5.stderr).toMatch(/missing --ratings/);
  });
});
