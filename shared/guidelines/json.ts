// JSON parsing that says where a syntax error is (line and column), whatever the JavaScript engine's
// own message looks like. JSON.parse does the parsing; when it fails, a small scanner finds the
// first offending character so the error can point at it.

export type JsonParseResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      /** What is wrong, e.g. "expected ',' or '}' after a property value, found '\"'". */
      message: string;
      /** 0-based offset into the text (UTF-16 code units). */
      offset: number;
      /** 1-based. */
      line: number;
      /** 1-based, in characters of that line. */
      column: number;
    };

/** Parses JSON text (a leading byte-order mark is ignored); on a syntax error reports its position. */
export function parseJson(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body.length === text.length ? 0 : 1;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const found = findSyntaxError(body) ?? { offset: 0, message: String((e as Error).message) };
    const offset = found.offset + shift;
    const { line, column } = lineAndColumn(text, offset);
    return { ok: false, message: found.message, offset, line, column };
  }
}

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const ch = text[i];
  if (ch === '\n') return 'a line break';
  if (ch === '\t') return 'a tab';
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/** Finds the first syntax error in `text`; undefined when it is valid JSON. */
function findSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (expected: string): never => {
    throw new SyntaxAt(i, `expected ${expected}, found ${describe(text, i)}`);
  };

  const string = () => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new SyntaxAt(start, 'unterminated string (no closing ")');
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) throw new SyntaxAt(i, `${describe(text, i)} inside a string (escape it, e.g. \\n)`);
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new SyntaxAt(i, 'invalid \\u escape (expected 4 hex digits)');
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          i += 2;
        } else {
          throw new SyntaxAt(i, `invalid escape \\${esc ?? ''} in a string`);
        }
        continue;
      }
      i++;
    }
  };

  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') fail('a value');
    i += m![0].length;
    if (i < text.length && /[0-9.eE+-]/.test(text[i])) throw new SyntaxAt(i, `invalid number (unexpected ${describe(text, i)})`);
  };

  const value = (depth: number): void => {
    if (depth > 512) throw new SyntaxAt(i, 'nested too deeply');
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (text[i] === '}') throw new SyntaxAt(i, "trailing comma before '}'");
          fail('a property name in double quotes');
        }
        string();
        ws();
        if (text[i] !== ':') fail("':' after a property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}' after a property value");
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') throw new SyntaxAt(i, "trailing comma before ']'");
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']' after an array element");
      }
    }
    if (ch === '"') return string();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    if (ch === "'") throw new SyntaxAt(i, 'strings must use double quotes, not single quotes');
    fail('a value');
  };

  try {
    value(0);
    ws();
    if (i < text.length) throw new SyntaxAt(i, `unexpected ${describe(text, i)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxAt) return { offset: e.offset, message: e.message };
    throw e;
  }
}
