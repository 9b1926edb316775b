import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { appendEvents, newEvent } from '../store/eventLog';
import { getStoredSample, iterateSamples, storedRowReader } from '../workspace/samples';
import type { Workspace } from '../workspace/workspace';
import { importSamples } from './importSamples';
import { MAX_ROW_DEPTH } from './validate';
import { TEST_OWNER, createTestWorkspace } from '../testing/fixtures';

const tempDir = useTempDirs();

function setup(name: string, content: string | Buffer): { ws: Workspace; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return { ws: createTestWorkspace(path.join(dir, 'ws')), file };
}

const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const sampleIds = (ws: Workspace) => ws.db.prepare('SELECT id FROM samples ORDER BY id').pluck().all();
const stored = (ws: Workspace, id: string) => getStoredSample(ws, id)!;
const sample = (ws: Workspace, id: string) => stored(ws, id).sample;

describe('importing JSONL', () => {
  it('imports plain and chat-shaped inputs with model, metadata, scores, and keeps the raw row', () => {
    const chat = [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Hello?' },
    ];
    const { ws, file } = setup(
      'in.jsonl',
      jsonl(
        { id: 'a', input: 'What is 2+2?', output: '4', model: 'm-1', metadata: { lang: 'en' }, scores: { toxicity: 0.01 }, extra: [1, 2] },
        { id: 'b', input: chat, output: 'Hi!' },
      ),
    );
    return importSamples(ws, { file }, TEST_OWNER).then((report) => {
      expect(report).toEqual({ imported: 2, unchanged: 0, conflicts: [], invalid: [] });
      expect(sample(ws, 'a')).toEqual({ id: 'a', input: 'What is 2+2?', output: '4', model: 'm-1', metadata: { lang: 'en' }, scores: { toxicity: 0.01 } });
      expect(JSON.parse(stored(ws, 'a').raw).extra).toEqual([1, 2]);
      expect(sample(ws, 'b').input).toEqual(chat);
      expect(ws.db.prepare(`SELECT count(*) FROM events WHERE type = 'samples.imported'`).pluck().get()).toBe(1);
    });
  });

  it('maps other field names with dotted paths', async () => {
    const { ws, file } = setup('in.jsonl', jsonl({ sample_id: 7, prompt: 'q', response: { text: 'answer', tokens: 3 } }));
    const report = await importSamples(ws, { file, map: { id: 'sample_id', input: 'prompt', output: 'response.text' } }, TEST_OWNER);
    expect(report.imported).toBe(1);
    expect(sample(ws, '7')).toEqual({ id: '7', input: 'q', output: 'answer' });
    expect(stored(ws, '7').raw).toBe(JSON.stringify({ sample_id: 7, prompt: 'q', response: { text: 'answer', tokens: 3 } }));
  });

  it('imports in several transactions when the file is larger than a batch', async () => {
    // Ids in an order that is neither numeric nor alphabetical.
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `s${(i * 7) % 25}`, input: `i${i}`, output: 'o' }));
    const { ws, file } = setup('in.jsonl', jsonl(...rows));
    const progress: number[] = [];
    const report = await importSamples(ws, { file, batchSize: 10, onProgress: (p) => p.phase === 'import' && progress.push(p.imported) }, TEST_OWNER);
    expect(report.imported).toBe(25);
    expect(progress).toEqual([10, 20, 25]);
    // Three import events sharing one import id, then the commit that makes their rows visible.
    expect(ws.db.prepare("SELECT count(*) FROM events WHERE type = 'samples.imported'").pluck().get()).toBe(3);
    expect(ws.db.prepare(`SELECT DISTINCT json_extract(payload, '$.importId') FROM events WHERE type = 'samples.imported'`).pluck().all()).toHaveLength(1);
    expect(ws.db.prepare(`SELECT json_extract(payload, '$.rows') FROM events WHERE type = 'samples.import_committed'`).pluck().all()).toEqual([25]);
    // Queue order is import order (ordinal), not id order, and each id points at its own row.
    expect(ws.db.prepare('SELECT id FROM samples ORDER BY ordinal').pluck().all()).toEqual(rows.map((r) => r.id));
    for (const r of rows) expect(JSON.parse(stored(ws, r.id).raw)).toEqual(r);
  });
});

describe('how rows are stored', () => {
  it('keeps each JSONL row as its JSON object in the import event, byte for byte from the file', async () => {
    // Odd spacing, escapes and number spellings must survive; edge whitespace is trimmed (NBSP and \v too).
    const lines = ['{ "id" : "a", "input":"caf\\u00e9", "output" : "y", "n": 1.50, "big": 12345678901234567890 }', '\u00a0\u000b{"id":"b","input":"x","output":"z"}\t'];
    const { ws, file } = setup('odd.jsonl', lines.join('\r\n') + '\r\n');
    expect((await importSamples(ws, { file }, TEST_OWNER)).imported).toBe(2);
    const payload = ws.db.prepare(`SELECT payload FROM events WHERE type = 'samples.imported'`).pluck().get() as string;
    expect(payload).toContain(`"rows":[${lines[0]},{"id":"b","input":"x","output":"z"}]`);
    expect(JSON.parse(payload)).toMatchObject({ source: { file: 'odd.jsonl', format: 'jsonl' }, map: {}, ids: ['a', 'b'] });
    // Read back as the row's JSON, minified: literals and escapes as written.
    expect(stored(ws, 'a').raw).toBe('{"id":"a","input":"caf\\u00e9","output":"y","n":1.50,"big":12345678901234567890}');
    expect(sample(ws, 'a').input).toBe('café');
    expect([...iterateSamples(ws)].map((s) => s.raw)).toEqual([stored(ws, 'a').raw, '{"id":"b","input":"x","output":"z"}']);
  });

  it('writes several events per transaction and keeps every id on its own row', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ id: `r${(i * 5) % 23}`, input: `i${i}`, output: 'o' }));
    const { ws, file } = setup('many.jsonl', jsonl(...rows));
    const progress: number[] = [];
    await importSamples(ws, { file, batchSize: 10, rowsPerEvent: 4, onProgress: (p) => p.phase === 'import' && progress.push(p.imported) }, TEST_OWNER);
    expect(progress).toEqual([10, 20, 23]);
    const sizes = ws.db.prepare(`SELECT json_array_length(payload, '$.rows') FROM events WHERE type = 'samples.imported' ORDER BY seq`).pluck().all();
    expect(sizes).toEqual([4, 4, 2, 4, 4, 2, 3]);
    for (const r of rows) expect(JSON.parse(stored(ws, r.id).raw)).toEqual(r);
    // Scans go in import order, across pages that do not line up with events.
    expect([...iterateSamples(ws, 3)].map((s) => [s.ordinal, s.sample.id])).toEqual(rows.map((r, i) => [i + 1, r.id]));
  });

  it('still reads rows that older workspaces stored as strings', () => {
    const ws = createTestWorkspace(path.join(tempDir(), 'ws'));
    const rows = ['{"id":"old1", "input":"x","output":"y"}', '{"id":"old2","input":"x","output":"z"}'];
    appendEvents(ws.db, [newEvent('samples.imported', 'tester', { source: { file: 'old.jsonl', format: 'jsonl' }, map: {}, ids: ['old1', 'old2'], rows })]);
    expect(stored(ws, 'old1').raw).toBe(rows[0]);
    expect(storedRowReader(ws)('old2')?.raw).toBe(rows[1]);
    expect([...iterateSamples(ws)].map((s) => s.sample.output)).toEqual(['y', 'z']);
  });

  it(`refuses a row nested more than ${MAX_ROW_DEPTH} levels deep, which SQLite could not read back`, async () => {
    const deep = (n: number) => '['.repeat(n - 1) + ']'.repeat(n - 1); // with the row object: n levels
    const { ws, file } = setup(
      'deep.jsonl',
      jsonl(`{"id":"ok","input":"x","output":"y","m":${deep(MAX_ROW_DEPTH)}}`, `{"id":"no","input":"x","output":"y","m":${deep(MAX_ROW_DEPTH + 1)}}`),
    );
    const report = await importSamples(ws, { file }, TEST_OWNER);
    expect(report.invalid).toEqual([{ line: 2, error: `the row nests more than ${MAX_ROW_DEPTH} levels deep` }]);
    writeFileSync(file, jsonl(`{"id":"ok","input":"x","output":"y","m":${deep(MAX_ROW_DEPTH)}}`));
    expect((await importSamples(ws, { file }, TEST_OWNER)).imported).toBe(1);
    expect(JSON.parse(stored(ws, 'ok').raw).id).toBe('ok');
  });
});

describe('bad input imports nothing and names each bad line', () => {
  const good = { id: 'ok1', input: 'x', output: 'y' };
  const cases: [string, string | Buffer, { line: number; error: RegExp }[]][] = [
    ['invalid JSON', jsonl(good, '{"id": "b", "input": "x", "output": }', { id: 'ok2', input: 'x', output: 'y' }), [{ line: 2, error: /^invalid JSON/ }]],
    ['a row that is not an object', jsonl(good, '[1,2]'), [{ line: 2, error: /expected a JSON object, got an array/ }]],
    ['missing id', jsonl(good, { input: 'x', output: 'y' }), [{ line: 2, error: /missing "id"/ }]],
    ['missing output', jsonl({ id: 'q', input: 'x' }), [{ line: 1, error: /missing "output"/ }]],
    ['wrong type', jsonl(good, { id: 'b', input: 'x', output: 42 }), [{ line: 2, error: /"output": expected a string, got number/ }]],
    ['a bad chat message', jsonl({ id: 'c', input: [{ role: 'user' }], output: 'y' }), [{ line: 1, error: /"input/ }]],
    ['a non-numeric score', jsonl({ id: 'c', input: 'x', output: 'y', scores: { tox: 'high' } }), [{ line: 1, error: /"scores.tox": expected a number/ }]],
    ['duplicate id within the file', jsonl(good, { id: 'z', input: 'x', output: 'y' }, good), [{ line: 3, error: /duplicate id "ok1" \(first on line 1\)/ }]],
    [
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from(jsonl(good)), Buffer.from('{"id":"l","input":"caf'), Buffer.from([0xe9]), Buffer.from('","output":"y"}\n')]),
      [{ line: 2, error: /not valid UTF-8/ }],
    ],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      const { ws, file } = setup('bad.jsonl', content);
      const report = await importSamples(ws, { file }, TEST_OWNER);
      expect(report.imported).toBe(0);
      expect(report.invalid.map((i) => i.line)).toEqual(expected.map((e) => e.line));
      report.invalid.forEach((inv, k) => expect(inv.error).toMatch(expected[k].error));
      expect(sampleIds(ws)).toEqual([]);
    });
  }

  it('counts lines exactly across blank lines and CRLF endings', async () => {
    const { ws, file } = setup('crlf.jsonl', '{"id":"a","input":"x","output":"y"}\r\n\r\n\r\n{"id":"b","input":"x"}\r\n');
    const report = await importSamples(ws, { file }, TEST_OWNER);
    expect(report.invalid).toEqual([{ line: 4, error: 'missing "output"' }]);
  });

  it('refuses a UTF-16 file as a whole', async () => {
    const { ws, file } = setup('u16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl(good), 'utf16le')]));
    await expect(importSamples(ws, { file }, TEST_OWNER)).rejects.toThrow(/UTF-16/);
    expect(sampleIds(ws)).toEqual([]);
  });

  it('with skipInvalid imports the valid rows and reports the rest', async () => {
    const { ws, file } = setup('mixed.jsonl', jsonl(good, 'nope', { id: 'b', input: 'x', output: 1 }, { id: 'c', input: 'x', output: 'y' }, good));
    const report = await importSamples(ws, { file, skipInvalid: true }, TEST_OWNER);
    expect(report.imported).toBe(2);
    expect(report.invalid.map((i) => i.line)).toEqual([2, 3, 5]);
    expect(sampleIds(ws)).toEqual(['c', 'ok1']);
  });
});

describe('re-importing', () => {
  it('is a no-op for identical content and a reported conflict, never an overwrite, for changed content', async () => {
    const { ws, file } = setup('a.jsonl', jsonl({ id: 'a', input: 'x', output: 'first' }, { id: 'b', input: 'x', output: 'y' }));
    expect((await importSamples(ws, { file }, TEST_OWNER)).imported).toBe(2);
    const eventsAfterFirst = ws.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(await importSamples(ws, { file }, TEST_OWNER)).toEqual({ imported: 0, unchanged: 2, conflicts: [], invalid: [] });
    expect(ws.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(eventsAfterFirst);

    // The same JSON spelled with other whitespace is the same content.
    writeFileSync(file, '{ "id": "a", "input": "x", "output": "first" }\n' + jsonl({ id: 'b', input: 'x', output: 'y' }));
    expect(await importSamples(ws, { file }, TEST_OWNER)).toEqual({ imported: 0, unchanged: 2, conflicts: [], invalid: [] });

    writeFileSync(file, jsonl({ id: 'a', input: 'x', output: 'second' }, { id: 'b', input: 'x', output: 'y' }, { id: 'c', input: 'x', output: 'y' }));
    expect(await importSamples(ws, { file }, TEST_OWNER)).toEqual({ imported: 1, unchanged: 1, conflicts: [{ line: 1, id: 'a' }], invalid: [] });
    expect(sample(ws, 'a').output).toBe('first');
    // Scans read each id once, from the event that brought it: a keeps its first row.
    expect([...iterateSamples(ws, 2)].map((s) => [s.sample.id, s.sample.output])).toEqual([['a', 'first'], ['b', 'y'], ['c', 'y']]);
  });
});

describe('importing CSV', () => {
  it('reads quoted multi-line cells, chat JSON in input, and gathers scores.* and metadata.* columns', async () => {
    const csv = [
      'id,input,output,model,scores.toxicity,metadata.lang,note',
      'a,"Line one',
      'line two",plain answer,m-1,0.25,en,keep me',
      `b,"[{""role"":""user"",""content"":""hi""}]","answer, with comma",,,fr,`,
    ].join('\n');
    const { ws, file } = setup('in.csv', csv + '\n');
    const report = await importSamples(ws, { file }, TEST_OWNER);
    expect(report).toEqual({ imported: 2, unchanged: 0, conflicts: [], invalid: [] });
    expect(sample(ws, 'a')).toEqual({ id: 'a', input: 'Line one\nline two', output: 'plain answer', model: 'm-1', scores: { toxicity: 0.25 }, metadata: { lang: 'en' } });
    expect(JSON.parse(stored(ws, 'a').raw).note).toBe('keep me');
    expect(sample(ws, 'b')).toEqual({ id: 'b', input: [{ role: 'user', content: 'hi' }], output: 'answer, with comma', metadata: { lang: 'fr' } });
  });

  it('reports bad CSV rows by line and imports nothing', async () => {
    const csv = ['id,input,output,scores.tox', 'a,x,y,0.1', 'b,x,y,high', 'c,x', ',x,y,'].join('\n');
    const { ws, file } = setup('bad.csv', csv + '\n');
    const report = await importSamples(ws, { file }, TEST_OWNER);
    expect(report.imported).toBe(0);
    expect(report.invalid.map((i) => i.line)).toEqual([3, 4, 5]);
    expect(report.invalid[0].error).toMatch(/"scores.tox": expected a number, got "high"/);
    expect(report.invalid[1].error).toMatch(/invalid CSV/);
    expect(report.invalid[2].error).toMatch(/missing "id"/);
  });
});
