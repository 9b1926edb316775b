import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { readRatingsFile } from './readRatingsFile';

const tempDir = useTempDirs();
const file = (name: string, content: string | Buffer) => {
  const f = path.join(tempDir(), name);
  writeFileSync(f, content);
  return f;
};
const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('readRatingsFile', () => {
  it('reads JSONL with string and numeric values, skipping blank lines, CRLF and a BOM', () => {
    const f = file('r.jsonl', '\uFEFF' + jsonl({ item: 'a', rater: 'x', value: 'safe' }, '', { item: 7, rater: 'y', value: 3 }).replace(/\n/g, '\r\n'));
    expect(readRatingsFile(f)).toEqual({
      format: 'jsonl',
      ratings: [
        { item: 'a', rater: 'x', value: 'safe' },
        { item: '7', rater: 'y', value: 3 },
      ],
    });
  });

  it('reads CSV by header name, with extra columns and quoted fields', () => {
    const f = file('r.csv', 'rater,note,item,value\nx,"a, b",i1,2\ny,,i1,"3"\n');
    expect(readRatingsFile(f).ratings).toEqual([
      { item: 'i1', rater: 'x', value: '2' },
      { item: 'i1', rater: 'y', value: '3' },
    ]);
  });

  it('sniffs the format when the extension says nothing', () => {
    expect(readRatingsFile(file('r.txt', jsonl({ item: 'a', rater: 'x', value: 1 }))).format).toBe('jsonl');
    expect(readRatingsFile(file('r.dat', 'item,rater,value\na,x,1\n')).format).toBe('csv');
  });

  const bad: [string, string, string | Buffer, RegExp][] = [
    ['a value that is not a string or number', 'r.jsonl', jsonl({ item: 'a', rater: 'x', value: 1 }, { item: 'a', rater: 'y', value: null }), /^r\.jsonl line 2: "value" must be a string or a number$/],
    ['invalid JSON', 'r.jsonl', jsonl({ item: 'a', rater: 'x', value: 1 }, '{"item": '), /^r\.jsonl line 2: invalid JSON/],
    ['a line that is not an object', 'r.jsonl', jsonl([1, 2]), /^r\.jsonl line 1: expected a JSON object, got an array/],
    ['a missing rater', 'r.jsonl', jsonl({ item: 'a', value: 1 }), /^r\.jsonl line 1: missing "rater"/],
    ['an empty item', 'r.jsonl', jsonl({ item: ' ', rater: 'x', value: 1 }), /^r\.jsonl line 1: "item" is empty/],
    ['an empty CSV value', 'r.csv', 'item,rater,value\na,x,1\na,y,\n', /^r\.csv line 3: "value" is empty/],
    ['a CSV header without value', 'r.csv', 'item,rater,label\na,x,1\n', /^r\.csv line 1: the CSV header must name the columns item, rater, value/],
    ['a CSV row with too few fields', 'r.csv', 'item,rater,value\na,x,1\nb,y\n', /^r\.csv line 3: invalid CSV/],
    ['bytes that are not UTF-8', 'r.jsonl', Buffer.concat([Buffer.from(jsonl({ item: 'a', rater: 'x', value: 1 })), Buffer.from('{"item":"caf'), Buffer.from([0xe9]), Buffer.from('","rater":"y","value":1}\n')]), /^r\.jsonl line 2: not valid UTF-8/],
  ];
  for (const [what, name, content, message] of bad) {
    it(`rejects ${what} with the line number`, () => {
      expect(() => readRatingsFile(file(name, content))).toThrow(message);
    });
  }

  it('needs numbers at the interval, ratio and ordinal levels', () => {
    const f = file('r.jsonl', jsonl({ item: 'a', rater: 'x', value: '2.5' }, { item: 'a', rater: 'y', value: 'high' }));
    expect(() => readRatingsFile(f, { level: 'interval' })).toThrow(/^r\.jsonl line 2: "value" must be a number at the interval level, got "high"$/);
    expect(() => readRatingsFile(f, { level: 'ordinal' })).toThrow(/line 2: .*ordinal level/);
    expect(readRatingsFile(f).ratings).toHaveLength(2);
    const neg = file('n.csv', 'item,rater,value\na,x,-1\n');
    expect(() => readRatingsFile(neg, { level: 'ratio' })).toThrow(/^n\.csv line 2: "value" must not be negative/);
  });

  it('names a missing file', () => {
    expect(() => readRatingsFile('/nonexistent/r.jsonl')).toThrow(/cannot read \/nonexistent\/r\.jsonl: no such file/);
  });
});
