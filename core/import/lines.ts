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

/**
 * Streams a file's lines, one array per chunk read (per-line async iteration costs more than the
 * parsing on a million rows), without holding the file in memory. Handles LF and CRLF, strips a
 * UTF-8 byte-order mark, and flags lines whose bytes are not UTF-8 instead of silently replacing them.
 */
export async function* readLines(file: string, chunkSize = 1 << 20): AsyncGenerator<Line[]> {
  let carry: Buffer | null = null;
  let lineNo = 0;
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const lines: Line[] = [];
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(10, start)) !== -1) {
      lines.push(decode(buf, start, nl, ++lineNo));
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    if (lines.length) yield lines;
  }
  if (carry && carry.length > 0) yield [decode(carry, 0, carry.length, ++lineNo)];
}

function decode(buf: Buffer, start: number, end: number, line: number): Line {
  if (end > start && buf[end - 1] === 13) end--; // CRLF
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
