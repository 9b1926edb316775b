// The zip reader against Python's zipfile (an independent implementation, the one Inspect writes its
// logs with): what Python writes, we read; what Python reads from a hand-made zip, we read the same.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipMembersByPython } from '../testing/inspectLogs';
import { useTempDirs } from '../testing/tmp';
import { openZip, type ZipReader } from './zipRead';

const tempDir = useTempDirs();
const python = (script: string, ...args: string[]) => execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

/** Unique names in central-directory order of their last entry, from Python's namelist (every entry). */
function lastEntryOrder(names: string[]): string[] {
  const order = new Map<string, true>();
  for (const n of names) {
    order.delete(n);
    order.set(n, true);
  }
  return [...order.keys()];
}

async function contents(zip: ZipReader): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const m of zip.members) out[m.name] = await zip.read(m);
  return out;
}

describe('reading a zip', () => {
  it("reads what Python's zipfile writes: ZIP64 end records past 65,535 members, stored and deflated members, a repeated name, UTF-8 names, a comment", async () => {
    const file = path.join(tempDir(), 'many.zip');
    python(
      `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.comment = b'an archive comment'
    z.writestr('samples/1_epoch_1.json', '{"stale": true}')
    for i in range(70000):
        z.writestr(f'samples/{i}_epoch_1.json', '{"id": %d, "text": "%s"}' % (i, 'x' * (i % 50)), compress_type=zipfile.ZIP_DEFLATED if i % 2 else zipfile.ZIP_STORED)
    z.writestr('résumé/naïve.json', '"non-ASCII name"', compress_type=zipfile.ZIP_DEFLATED)
    z.writestr('header.json', '{"version": 2}')`,
      file,
    );
    const byPython = zipMembersByPython(file);
    const zip = await openZip(file);
    try {
      expect(zip.members.map((m) => m.name)).toEqual(lastEntryOrder(byPython.names));
      expect(zip.members).toHaveLength(70002);
      const ours = await contents(zip);
      for (const name of Object.keys(byPython.members)) expect(ours[name].equals(byPython.members[name]), name).toBe(true);
      expect(ours['samples/1_epoch_1.json'].toString()).toBe('{"id": 1, "text": "x"}'); // the last entry of the name
      expect(zip.get('résumé/naïve.json')?.method).toBe(8);
    } finally {
      zip.close();
    }
  });

  it('reads a name without the UTF-8 flag as code page 437, and sizes and offsets from a ZIP64 extra field, as Python does', async () => {
    // Made byte by byte: one member whose central-directory entry gives its sizes and offset as
    // 0xffffffff and the real values in a ZIP64 extra field, with a name in code page 437.
    const file = path.join(tempDir(), 'handmade.zip');
    python(
      `import sys, struct, zlib
name, data = bytes([0x63, 0x61, 0x66, 0x82, 0xe9]), b'hello, zip64'
crc = zlib.crc32(data)
local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 45, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0) + name + data
extra = struct.pack('<HHQQQ', 1, 24, len(data), len(data), 0)
central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 45, 45, 0, 0, 0, 0, crc, 0xffffffff, 0xffffffff, len(name), len(extra), 0, 0, 0, 0, 0xffffffff) + name + extra
end = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 1, 1, len(central), len(local), 0)
open(sys.argv[1], 'wb').write(local + central + end)`,
      file,
    );
    const byPython = zipMembersByPython(file);
    const zip = await openZip(file);
    try {
      expect(zip.members.map((m) => m.name)).toEqual(byPython.names);
      expect(zip.members[0].name).toBe('café\u0398'); // 0x82 and 0xe9 in code page 437
      expect((await zip.read(zip.members[0])).equals(byPython.members[zip.members[0].name])).toBe(true);
    } finally {
      zip.close();
    }
  });

  it('names what is wrong with a damaged zip or member, in one line', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.zip');
    python(
      `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr('a.json', '{"a": "' + 'a' * 1000 + '"}')
    z.writestr('b.json', '{"b": 2}')`,
      good,
    );
    const bytes = readFileSync(good);
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // a.json's central-directory entry
    const variant = (name: string, edit: (b: Buffer) => void) => {
      const b = Buffer.from(bytes);
      edit(b);
      writeFileSync(path.join(dir, name), b);
      return path.join(dir, name);
    };
    const truncated = path.join(dir, 'truncated.zip');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 10));
    await expect(openZip(truncated)).rejects.toThrow(/truncated\.zip: not a readable zip file \(no end of central directory record\)/);
    const badEntry = variant('bad-entry.zip', (b) => b.writeUInt32LE(0x12345678, cd));
    await expect(openZip(badEntry)).rejects.toThrow(/bad-entry\.zip: the zip's central directory is damaged \(entry 1 of 2 has no central directory signature\)/);

    const cases: [string, (b: Buffer) => void, RegExp][] = [
      ['moved.zip', (b) => b.writeUInt32LE(5, cd + 42), /member a\.json cannot be read \(no local header where the central directory points\)/],
      ['encrypted.zip', (b) => b.writeUInt16LE(1, cd + 8), /member a\.json cannot be read \(it is encrypted\)/],
      // Declared smaller than it inflates to: refused before it can grow past what the zip says.
      ['bomb.zip', (b) => b.writeUInt32LE(100, cd + 24), /member a\.json cannot be decompressed/],
      ['crc.zip', (b) => b.writeUInt32LE(0, cd + 16), /member a\.json is damaged \(its CRC-32 does not match\)/],
    ];
    for (const [name, edit, message] of cases) {
      const zip = await openZip(variant(name, edit));
      try {
        await expect(zip.read(zip.members[0]), name).rejects.toThrow(message);
        expect((await zip.read(zip.members[1])).toString(), name).toBe('{"b": 2}');
      } finally {
        zip.close();
      }
    }
  });
});
