import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConcord } from '../testing/cli';
import { harmLabel, makeWorkspace } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';

const tempDir = useTempDirs();

describe('concord report', () => {
  it('writes a standalone HTML report whose figures are the CLI figures, with charts and no script', async () => {
    const ws = await makeWorkspace(tempDir(), 30);
    for (const [k, r] of ['r1', 'r2', 'r3'].entries()) {
      for (let i = 0; i < 30; i++) {
        const sev = (i + (i % 5 === 0 ? k : 0)) % 4;
        saveLabel(ws, { sampleId: `s${i}`, raterId: r, values: sev === 0 ? harmLabel(['none'], 0) : harmLabel(i % 2 ? ['hate'] : ['privacy'], sev), timeSpentMs: 2000 + i });
      }
    }
    ws.close();
    const out = path.join(tempDir(), 'report.html');
    const r = await runConcord(['report', '--workspace', ws.dir, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const cli = JSON.parse((await runConcord(['agreement', '--workspace', ws.dir, '--field', 'severity', '--json'])).stdout);
    const alpha = cli.fields[0].summary.krippendorffAlpha.value as number;
    expect(html).toMatch(new RegExp(`<td>Severity</td><td>the field</td><td class="n">${alpha.toFixed(3)}</td><td class="n">\\[`));
    // Intervals by default (the app's 200 resamples, seed 1), and said so; the date and the scope.
    const ci = cli.fields[0].summary.ci.krippendorffAlpha.interval as [number, number];
    expect(html).toContain(`[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]`);
    expect(html).toMatch(/200 resamples, seed 1/);
    expect(html).toMatch(/<dt>Generated<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(html).toMatch(/Computed on every label in the workspace under harm-taxonomy@1\.1\.0: 90 labels \(90 outside any batch\) on 30 items, 30 of them with 2 or more raters/);
    // The multi-select field's whole-set alpha is in the main table, with its interval; titles, not keys.
    expect(html).toMatch(/<td>Harm categories<\/td><td>whole category sets \(Jaccard\)<\/td><td class="n">[-0-9.]+<\/td><td class="n">\[/);
    expect(html).not.toMatch(/<td>categories<\/td>|<td>severity<\/td>/);
    // Every row says where it stands against the threshold, by its interval.
    expect(html).toMatch(/class="flag">(meets threshold|below threshold|uncertain|not measurable)</);
    expect(html).toMatch(/Pairwise Cohen&#39;s kappa \(quadratic weights\)|Pairwise Cohen's kappa \(quadratic weights\)/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
  });
});
