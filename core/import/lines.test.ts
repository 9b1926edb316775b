import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { readLines } from './lines';

const tempDir = useTempDirs();

async function linesOf(content: string | Buffer, options: Parameters<typeof readLines>[1]) {
  const file = path.join(tempDir(), 'f.txt');
  writeFileSync(file, content);
  const out: [number, string][] = [];
  for await (const lines of readLines(file, options)) for (const l of lines) out.push([l.line, l.text]);
  return out;
}

describe('readLines', () => {
  it('keeps lines longer than many chunks whole, with CRLF split across chunks, and a last line without newline', async () => {
    const long = 'é'.repeat(5000);
    const text = `\uFEFFa\r\n${long}\r\n\r\nb${long}`;
    for (const chunkSize of [1, 7, 64, 1 << 20]) {
      expect(await linesOf(text, { chunkSize })).toEqual([
        [1, 'a'],
        [2, long],
        [3, ''],
        [4, `b${long}`],
      ]);
    }
  });

  it('reads a byte range, numbering from its start and keeping a byte-order mark that is not at the file start', async () => {
    const text = 'one\n\uFEFFtwo\nthree\n';
    const start = Buffer.byteLength('one\n');
    expect(await linesOf(text, { range: { start, end: Buffer.byteLength(text) }, chunkSize: 4 })).toEqual([
      [1, '\uFEFFtwo'],
      [2, 'three'],
    ]);
  });
});
