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
    expect(html).toMatch(new RegExp(`<td>severity</td><td>Severity</td><td class="n">${alpha.toFixed(3)}</td>`));
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
  });
});
