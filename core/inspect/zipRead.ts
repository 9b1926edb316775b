// Reading the members of an Inspect `.eval` log: a zip whose members are deflate- or zstd-compressed
// (zstd, method 93, is the default of recent Inspect versions) and whose names may repeat when a
// sample is logged again: the last entry in the central directory wins, as in Python's zipfile.
//
// The central directory is read once into one small object per member (a log of 100,000 samples:
// ~15 MB), and each member with one positional read of the file. A library that reads a member
// through an asynchronous stream paid two thread-pool round trips per member (a 100,000-sample log
// spent 7 of its 16 seconds waiting on them) and kept a larger entry object per member alive.
// Layout from APPNOTE.TXT (4.3.7 local header, 4.3.12 central directory, 4.3.14-16 end records, 4.5.3 ZIP64 extra).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { InputError } from '../errors';

export const ZIP_STORED = 0;
export const ZIP_DEFLATE = 8;
export const ZIP_ZSTD = 93;

/** One member as the central directory describes it (the last entry of its name). */
export interface ZipMember {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** MS-DOS date and time fields, copied as they are when the member is written again. */
  dosDate: number;
  dosTime: number;
  versionNeeded: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** Where the member's local header starts. */
  offset: number;
}

export interface ZipReader {
  /** Unique member names in central-directory order of their last entry. */
  members: ZipMember[];
  get(name: string): ZipMember | undefined;
  /** The member's bytes as stored (compressed). */
  raw(member: ZipMember): Promise<Buffer>;
  /** The member's bytes, decompressed. */
  read(member: ZipMember): Promise<Buffer>;
  close(): void;
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const U16 = 0xffff;
const U32 = 0xffffffff;
const UTF8_FLAG = 1 << 11;
const MAX_COMMENT = 0xffff;

/** Code page 437, bytes 0x80-0xff: the names of members without the UTF-8 flag (APPNOTE.TXT appendix D). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function memberName(bytes: Buffer, flags: number): string {
  if (flags & UTF8_FLAG || bytes.every((b) => b < 0x80)) return bytes.toString('utf8');
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** Where the central directory is and how many entries it has, from the end records. */
function findCentralDirectory(fd: number, size: number): { offset: number; size: number; entries: number } {
  const tailLength = Math.min(size, 22 + MAX_COMMENT);
  const tail = readAt(fd, size - tailLength, tailLength);
  // The end record is the last one whose comment reaches exactly to the end of the file.
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== END_SIGNATURE || i + 22 + tail.readUInt16LE(i + 20) !== tail.length) continue;
    let entries = tail.readUInt16LE(i + 10);
    let cdSize = tail.readUInt32LE(i + 12);
    let cdOffset = tail.readUInt32LE(i + 16);
    if (entries === U16 || cdSize === U32 || cdOffset === U32) {
      const endAt = size - tailLength + i;
      if (endAt < 20) throw new Error('the ZIP64 end record is missing');
      const locator = readAt(fd, endAt - 20, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) throw new Error('the ZIP64 end record is missing');
      const record = readAt(fd, Number(locator.readBigUInt64LE(8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END_SIGNATURE) throw new Error('the ZIP64 end record is damaged');
      entries = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) throw new Error('the central directory lies beyond the end of the file');
    return { offset: cdOffset, size: cdSize, entries };
  }
  throw new Error('no end of central directory record');
}

/** The central directory's entries, in order; a ZIP64 extra field supplies the values the entry leaves at 0xffffffff. */
function readCentralDirectory(cd: Buffer, entries: number): ZipMember[] {
  const out: ZipMember[] = [];
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`entry ${n + 1} of ${entries} has no central directory signature`);
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new Error(`entry ${n + 1} of ${entries} runs past the central directory`);
    const member: ZipMember = {
      name: memberName(cd.subarray(p + 46, p + 46 + nameLength), flags),
      versionNeeded: cd.readUInt16LE(p + 6),
      flags,
      method: cd.readUInt16LE(p + 10),
      dosTime: cd.readUInt16LE(p + 12),
      dosDate: cd.readUInt16LE(p + 14),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42),
    };
    if (member.uncompressedSize === U32 || member.compressedSize === U32 || member.offset === U32) {
      readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), member);
    }
    out.push(member);
    p = end;
  }
  return out;
}

function readZip64Extra(extra: Buffer, m: ZipMember): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let v = q + 4;
      const next = () => {
        if (v + 8 > q + 4 + length) throw new Error(`${m.name}: its ZIP64 extra field is too short`);
        const value = Number(extra.readBigUInt64LE(v));
        v += 8;
        return value;
      };
      if (m.uncompressedSize === U32) m.uncompressedSize = next();
      if (m.compressedSize === U32) m.compressedSize = next();
      if (m.offset === U32) m.offset = next();
      return;
    }
    q += 4 + length;
  }
  throw new Error(`${m.name}: its sizes or offset need a ZIP64 extra field, and it has none`);
}

/** Opens a zip file and reads its central directory; an unreadable zip is bad input. */
export async function openZip(file: string): Promise<ZipReader> {
  const fd = openSync(file, 'r');
  const byName = new Map<string, ZipMember>();
  let cdOffset: number;
  try {
    const size = fstatSync(fd).size;
    let where: ReturnType<typeof findCentralDirectory>;
    try {
      where = findCentralDirectory(fd, size);
    } catch (e) {
      throw new InputError(`${file}: not a readable zip file (${(e as Error).message})`);
    }
    cdOffset = where.offset;
    try {
      for (const member of readCentralDirectory(readAt(fd, where.offset, where.size), where.entries)) {
        byName.delete(member.name); // the last entry of a name wins, and takes its place in the order
        byName.set(member.name, member);
      }
    } catch (e) {
      throw new InputError(`${file}: the zip's central directory is damaged (${(e as Error).message})`);
    }
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  const raw = (m: ZipMember): Buffer => {
    const fail = (why: string) => new InputError(`${file}: member ${m.name} cannot be read (${why})`);
    if (m.flags & 1) throw fail('it is encrypted');
    // The local header, its name and (usually) its extra field, and the data, in one read.
    const guess = 30 + Buffer.byteLength(m.name) + 64;
    let buf = readAt(fd, m.offset, guess + m.compressedSize);
    if (buf.length < 30 || buf.readUInt32LE(0) !== LOCAL_SIGNATURE) throw fail('no local header where the central directory points');
    const start = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
    if (m.offset + start + m.compressedSize > cdOffset) throw fail('its data runs into the central directory');
    if (start + m.compressedSize > buf.length) buf = readAt(fd, m.offset, start + m.compressedSize);
    return buf.subarray(start, start + m.compressedSize);
  };
  return {
    members: [...byName.values()],
    get: (name) => byName.get(name),
    raw: async (m) => raw(m),
    async read(m) {
      const bytes = raw(m);
      let out: Buffer;
      try {
        if (m.method === ZIP_STORED) out = bytes;
        // Never more than the zip declares: a member that inflates past it is damaged, not a reason to run out of memory.
        else if (m.method === ZIP_DEFLATE) out = inflateRawSync(bytes, { maxOutputLength: Math.max(1, m.uncompressedSize) });
        else if (m.method === ZIP_ZSTD) out = Buffer.from(zstdDecompress(bytes));
        else throw new Error(`compression method ${m.method} is not deflate or zstd`);
      } catch (e) {
        throw new InputError(`${file}: member ${m.name} cannot be decompressed (${(e as Error).message})`);
      }
      if (out.length !== m.uncompressedSize) throw new InputError(`${file}: member ${m.name} is ${out.length} bytes, the zip says ${m.uncompressedSize}`);
      if (crc32(out) !== m.crc32) throw new InputError(`${file}: member ${m.name} is damaged (its CRC-32 does not match)`);
      return out;
    },
    close: () => closeSync(fd),
  };
}
