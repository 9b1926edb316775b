import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

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
  /** The file is still being written: read it as it grows (then `range` is ignored). */
  growing?: GrowingFile;
}

/**
 * A file another thread is still writing, front to back (a Parquet file's rows as DuckDB writes
 * them as JSONL), read while it is written so that decoding and validating overlap. Its reader
 * waits at the end of what is written until `end` says where to stop, or `failure` why the writer
 * gave up.
 */
export class GrowingFile {
  /** Where reading stops: set once the file is written (before its end when a second thread reads the rest). */
  end?: number;
  /** Why the writer failed: the reader throws it. */
  failure?: unknown;
  /** The offset the reader reads next: every byte before it has been read. */
  readTo = 0;
  /** Settles once the writer is done, well or not (then `failure` says why not); never rejects. */
  readonly written: Promise<void>;

  constructor(writing: Promise<unknown>) {
    this.written = writing.then(
      () => undefined,
      (e: unknown) => void (this.failure = e ?? new Error('the writer failed')),
    );
  }
}

/** How long the reader of a growing file waits for more bytes (DuckDB writes ~0.5 MB a millisecond). */
const GROWING_POLL_MS = 2;

/** The bytes of a growing file as they are written, in chunks of at most `chunkSize` (see GrowingFile). */
async function* followGrowingFile(file: string, growing: GrowingFile, chunkSize: number): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    for (;;) {
      if (growing.failure !== undefined) throw growing.failure;
      const pos = growing.readTo;
      const end = growing.end ?? Infinity;
      if (pos >= end) return;
      const buf = Buffer.allocUnsafe(Math.min(chunkSize, end - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      // `end` may have been set during the read: bytes past it are another reader's.
      const n = Math.min(bytesRead, (growing.end ?? Infinity) - pos);
      if (n > 0) {
        growing.readTo = pos + n;
        yield buf.subarray(0, n);
      } else if (end !== Infinity) {
        throw new Error(`${file} ended at byte ${pos}, before its end at ${end}`);
      } else if (growing.end === undefined) {
        await sleep(GROWING_POLL_MS);
      } // else written during the read: where it ends is checked next
    }
  } finally {
    await fh.close();
  }
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
export async function* readLineSpans(file: string, { chunkSize = 1 << 20, range, growing }: ReadOptions = {}): AsyncGenerator<LineSpans> {
  if (growing) range = undefined;
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
  const stream = growing ? followGrowingFile(file, growing, chunkSize) : createReadStream(file, { highWaterMark: chunkSize, start: range?.start, end: range && range.end - 1 });
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
