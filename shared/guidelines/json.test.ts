import { describe, expect, it } from 'vitest';
import { lineAndColumn, parseJson } from './json';

function error(text: string) {
  const r = parseJson(text);
  if (r.ok) throw new Error('expected a syntax error');
  return `${r.line}:${r.column} ${r.message}`;
}

describe('parseJson', () => {
  it('parses valid JSON, ignoring a byte-order mark', () => {
    expect(parseJson('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJson('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('locates syntax errors by line and column', () => {
    expect(error('{\n  "a": 1,\n  "b" 2\n}')).toBe("3:7 expected ':' after a property name, found '2'");
    expect(error('{\n  "a": 1\n  "b": 2\n}')).toBe(`3:3 expected ',' or '}' after a property value, found '"'`);
    expect(error('{\n  "a": [1, 2,],\n}')).toBe("2:14 trailing comma before ']'");
    expect(error('{"a": 1,}')).toBe("1:9 trailing comma before '}'");
    expect(error('{"a": tru}')).toBe("1:7 expected a value, found 't'");
    expect(error("{'a': 1}")).toBe("1:2 expected a property name in double quotes, found '''");
    expect(error('{"a": \'x\'}')).toBe('1:7 strings must use double quotes, not single quotes');
    expect(error('{"a": "line\nbreak"}')).toBe('1:12 a line break inside a string (escape it, e.g. \\n)');
    expect(error('{"a": "open')).toBe('1:7 unterminated string (no closing ")');
    expect(error('{"a": 01}')).toBe("1:8 invalid number (unexpected '1')");
    expect(error('{"a": 1} x')).toBe("1:10 unexpected 'x' after the end of the JSON value");
    expect(error('{"a": 1')).toBe("1:8 expected ',' or '}' after a property value, found the end of the file");
    expect(error('')).toBe('1:1 expected a value, found the end of the file');
  });

  it('counts the byte-order mark in the column', () => {
    expect(error('\ufeff{x}')).toBe("1:3 expected a property name in double quotes, found 'x'");
  });
});

describe('lineAndColumn', () => {
  it('is 1-based', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
