import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** Set when the line's bytes are not valid UTF-8. */
  encodingError?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Tells what a file's first bytes say about an encoding we cannot read, or undefined if fine. */
export function sniffUnreadableEncoding(head: Buffer): string | undefined {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return 'the file is UTF-16 (byte-order mark found); save it as UTF-8';
  }
  if (head.length >= 4 && head.subarray(0, Math.min(head.length, 512)).includes(0)) {
    return 'the file contains NUL bytes: it is binary or UTF-16/32; save it as UTF-8';
  }
  return undefined;
}

/** Where a line ending at `end` ends without the CR of a CRLF. */
const withoutCr = (buf: Buffer, start: number, end: number) => (end > start && buf[end - 1] === 13 ? end - 1 : end);

/** Bytes [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ReadOptions {
  chunkSize?: number;
  /** Read only these bytes (the range should start at a line's start): line numbers count from its start. */
  range?: ByteRange;
}

/** A chunk's complete lines as byte ranges of `buf` (a CRLF's CR excluded). */
export interface LineSpans {
  buf: Buffer;
  /** Line number (1-based) of the first span. */
  firstLine: number;
  starts: number[];
  ends: number[];
}

/**
 * Streams a file's lines as byte ranges, one batch per chunk read, without holding the file in
 * memory: the import's writing pass copies rows from these bytes without decoding them. Handles LF
 * and CRLF and strips a UTF-8 byte-order mark.
 */
export async function* readLineSpans(file: string, { chunkSize = 1 << 20, range }: ReadOptions = {}): AsyncGenerator<LineSpans> {
  // Pieces of a line that has not ended yet: joined once its newline comes, so a line longer than
  // many chunks is copied once, not once per chunk.
  let pending: Buffer[] = [];
  let lineNo = 0;
  let atFileStart = !range?.start;
  // The first line's bytes, whole: a byte-order mark there is not part of the text.
  const withoutBom = (buf: Buffer) => {
    if (!atFileStart) return buf;
    atFileStart = false;
    return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  };
  const stream = createReadStream(file, { highWaterMark: chunkSize, start: range?.start, end: range && range.end - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.indexOf(10) === -1) {
      pending.push(chunk);
      continue;
    }
    const buf = withoutBom(pending.length ? Buffer.concat([...pending, chunk]) : chunk);
    pending = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(10, start)) !== -1) {
      starts.push(start);
      ends.push(withoutCr(buf, start, nl));
      start = nl + 1;
    }
    if (start < buf.length) pending.push(Buffer.from(buf.subarray(start)));
    yield { buf, firstLine: lineNo + 1, starts, ends };
    lineNo += starts.length;
  }
  const rest = withoutBom(Buffer.concat(pending));
  if (rest.length > 0) yield { buf: rest, firstLine: lineNo + 1, starts: [0], ends: [withoutCr(rest, 0, rest.length)] };
}

/**
 * Streams a file's lines as text, one array per chunk read (per-line async iteration costs more
 * than the parsing on a million rows), and flags lines whose bytes are not UTF-8 instead of
 * silently replacing them.
 */
export async function* readLines(file: string, options?: ReadOptions): AsyncGenerator<Line[]> {
  for await (const { buf, firstLine, starts, ends } of readLineSpans(file, options)) {
    yield starts.map((start, i) => decode(buf, start, ends[i], firstLine + i));
  }
}

function decode(buf: Buffer, start: number, end: number, line: number): Line {
  const text = buf.toString('utf8', start, end);
  // toString replaces bad bytes with U+FFFD; only then pay for a strict decode to tell which it was.
  if (text.includes('\uFFFD')) {
    try {
      strictUtf8.decode(buf.subarray(start, end));
    } catch {
      return { line, text, encodingError: 'not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)' };
    }
  }
  return { line, text };
}
