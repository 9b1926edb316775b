// Reading the members of an Inspect `.eval` log: a zip whose members are deflate- or zstd-compressed
// (zstd, method 93, is the default of recent Inspect versions) and whose names may repeat when a
// sample is logged again: the last entry in the central directory wins, as in Python's zipfile.
import { crc32, inflateRawSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import yauzl from 'yauzl';
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
  entry: yauzl.Entry;
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

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Opens a zip file and reads its central directory; an unreadable zip is bad input. */
export async function openZip(file: string): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (e) {
    throw new InputError(`${file}: not a readable zip file (${(e as Error).message})`);
  }
  const byName = new Map<string, ZipMember>();
  try {
    for await (const entry of zip.eachEntry()) {
      const member: ZipMember = {
        name: entry.fileName,
        method: entry.compressionMethod,
        crc32: entry.crc32,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        dosDate: entry.lastModFileDate,
        dosTime: entry.lastModFileTime,
        versionNeeded: entry.versionNeededToExtract,
        entry,
      };
      byName.delete(entry.fileName); // the last entry of a name wins, and takes its place in the order
      byName.set(entry.fileName, member);
    }
  } catch (e) {
    zip.close();
    throw new InputError(`${file}: the zip's central directory is damaged (${(e as Error).message})`);
  }
  const raw = async (m: ZipMember) => {
    try {
      return await readAll(await zip.openReadStreamPromise(m.entry, { decodeFileData: false } as yauzl.ZipFileOptions));
    } catch (e) {
      throw new InputError(`${file}: member ${m.name} cannot be read (${(e as Error).message})`);
    }
  };
  return {
    members: [...byName.values()],
    get: (name) => byName.get(name),
    raw,
    async read(m) {
      const bytes = await raw(m);
      let out: Buffer;
      try {
        if (m.method === ZIP_STORED) out = bytes;
        else if (m.method === ZIP_DEFLATE) out = inflateRawSync(bytes);
        else if (m.method === ZIP_ZSTD) out = Buffer.from(zstdDecompress(bytes));
        else throw new Error(`compression method ${m.method} is not deflate or zstd`);
      } catch (e) {
        throw new InputError(`${file}: member ${m.name} cannot be decompressed (${(e as Error).message})`);
      }
      if (out.length !== m.uncompressedSize) throw new InputError(`${file}: member ${m.name} is ${out.length} bytes, the zip says ${m.uncompressedSize}`);
      if (crc32(out) !== m.crc32) throw new InputError(`${file}: member ${m.name} is damaged (its CRC-32 does not match)`);
      return out;
    },
    close: () => zip.close(),
  };
}
