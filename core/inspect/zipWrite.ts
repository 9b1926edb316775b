// Writing a zip member by member (APPNOTE.TXT 6.3: local headers, central directory, end record; ZIP64
// records when a size, an offset or the member count needs them). Members are either copied as they
// were stored (compressed bytes, CRC and sizes unchanged) or given as new bytes, deflated. No time
// is taken from the clock: each member carries the date fields it is given, so output is deterministic.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ZIP_DEFLATE } from './zipRead';

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  dosDate: number;
  dosTime: number;
  versionNeeded: number;
  offset: number;
}

const U32 = 0xffffffff;
const UTF8_FLAG = 1 << 11;

export interface MemberDates {
  dosDate: number;
  dosTime: number;
}

/** A zip written to a temporary name beside `file` and renamed into place by finish(). */
export class ZipWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private offset = 0;
  private readonly written: Written[] = [];

  constructor(private readonly file: string) {
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = openSync(this.tmp, 'w');
  }

  /** Copies a member's stored bytes as they are. */
  addRaw(name: string, data: Buffer, m: { method: number; crc32: number; uncompressedSize: number; versionNeeded: number } & MemberDates): void {
    this.add({ name: Buffer.from(name, 'utf8'), method: m.method, crc: m.crc32, compressed: data.length, uncompressed: m.uncompressedSize, dosDate: m.dosDate, dosTime: m.dosTime, versionNeeded: m.versionNeeded, offset: this.offset }, data);
  }

  /** Adds a member from its content, deflated. */
  addDeflated(name: string, content: Buffer, dates: MemberDates): void {
    const data = deflateRawSync(content);
    this.add({ name: Buffer.from(name, 'utf8'), method: ZIP_DEFLATE, crc: crc32(content), compressed: data.length, uncompressed: content.length, dosDate: dates.dosDate, dosTime: dates.dosTime, versionNeeded: 20, offset: this.offset }, data);
  }

  private add(w: Written, data: Buffer) {
    const zip64 = w.compressed >= U32 || w.uncompressed >= U32;
    const extra = zip64 ? zip64Extra([w.uncompressed, w.compressed]) : Buffer.alloc(0);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(zip64 ? Math.max(45, w.versionNeeded) : w.versionNeeded, 4);
    head.writeUInt16LE(isAscii(w.name) ? 0 : UTF8_FLAG, 6);
    head.writeUInt16LE(w.method, 8);
    head.writeUInt16LE(w.dosTime, 10);
    head.writeUInt16LE(w.dosDate, 12);
    head.writeUInt32LE(w.crc >>> 0, 14);
    head.writeUInt32LE(zip64 ? U32 : w.compressed, 18);
    head.writeUInt32LE(zip64 ? U32 : w.uncompressed, 22);
    head.writeUInt16LE(w.name.length, 26);
    head.writeUInt16LE(extra.length, 28);
    this.put(head, w.name, extra, data);
    this.written.push(w);
  }

  private put(...parts: Buffer[]) {
    for (const p of parts) {
      writeSync(this.fd, p);
      this.offset += p.length;
    }
  }

  /** Writes the central directory, syncs and renames the file into place. */
  finish(): void {
    try {
      const cdStart = this.offset;
      for (const w of this.written) {
        const big = [w.uncompressed >= U32 ? w.uncompressed : -1, w.compressed >= U32 ? w.compressed : -1, w.offset >= U32 ? w.offset : -1].filter((x) => x >= 0);
        const extra = big.length ? zip64Extra(big) : Buffer.alloc(0);
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5
        h.writeUInt16LE(big.length ? Math.max(45, w.versionNeeded) : w.versionNeeded, 6);
        h.writeUInt16LE(isAscii(w.name) ? 0 : UTF8_FLAG, 8);
        h.writeUInt16LE(w.method, 10);
        h.writeUInt16LE(w.dosTime, 12);
        h.writeUInt16LE(w.dosDate, 14);
        h.writeUInt32LE(w.crc >>> 0, 16);
        h.writeUInt32LE(w.compressed >= U32 ? U32 : w.compressed, 20);
        h.writeUInt32LE(w.uncompressed >= U32 ? U32 : w.uncompressed, 24);
        h.writeUInt16LE(w.name.length, 28);
        h.writeUInt16LE(extra.length, 30);
        h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
        h.writeUInt32LE(w.offset >= U32 ? U32 : w.offset, 42);
        this.put(h, w.name, extra);
      }
      const cdSize = this.offset - cdStart;
      const count = this.written.length;
      if (count >= 0xffff || cdStart >= U32 || cdSize >= U32) {
        const z64End = this.offset;
        const r = Buffer.alloc(56);
        r.writeUInt32LE(0x06064b50, 0);
        r.writeBigUInt64LE(44n, 4);
        r.writeUInt16LE((3 << 8) | 45, 12);
        r.writeUInt16LE(45, 14);
        r.writeBigUInt64LE(BigInt(count), 24);
        r.writeBigUInt64LE(BigInt(count), 32);
        r.writeBigUInt64LE(BigInt(cdSize), 40);
        r.writeBigUInt64LE(BigInt(cdStart), 48);
        const loc = Buffer.alloc(20);
        loc.writeUInt32LE(0x07064b50, 0);
        loc.writeBigUInt64LE(BigInt(z64End), 8);
        loc.writeUInt32LE(1, 16);
        this.put(r, loc);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(Math.min(count, 0xffff), 8);
      end.writeUInt16LE(Math.min(count, 0xffff), 10);
      end.writeUInt32LE(Math.min(cdSize, U32), 12);
      end.writeUInt32LE(Math.min(cdStart, U32), 16);
      this.put(end);
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(this.tmp, this.file);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Removes the temporary file (after a failure). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}

function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

const isAscii = (b: Buffer) => b.every((c) => c < 0x80);
