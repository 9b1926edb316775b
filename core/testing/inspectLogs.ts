// Inspect logs for tests, made and read by independent implementations: Python's zipfile (as Inspect
// writes its logs) with zstd from Debian's `zstd` tool, and Python's json (which reads bare NaN).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Real Inspect logs, from Inspect's own test suite (MIT License), kept in the repository at
 * core/testing/fixtures/inspect/ (their README says where each comes from) so a bare CI clone has
 * them; CONCORD_INSPECT_FIXTURES points elsewhere.
 */
export function inspectFixture(name: string): string {
  const dirs = [process.env.CONCORD_INSPECT_FIXTURES, path.join(root, 'core/testing/fixtures/inspect')].filter((d): d is string => !!d);
  const dir = dirs.find((d) => existsSync(path.join(d, 'README.md')));
  if (!dir) throw new Error(`the Inspect fixtures are missing (looked in ${dirs.join(', ')})`);
  return path.join(dir, name);
}

const python = (script: string, args: string[], input?: string) => execFileSync('python3', ['-c', script, ...args], { input, encoding: 'utf8', maxBuffer: 256 << 20 });

// Python's zipfile has no zstd before 3.14: a compressor for method 93 that runs the `zstd` tool, the
// way zipfile_zstd plugs zstandard into zipfile for Inspect.
const ZSTD_ZIP = `
import sys, zipfile, subprocess, json, base64
class Zstd:
    def __init__(self): self.parts = []
    def compress(self, data): self.parts.append(bytes(data)); return b''
    def flush(self): return subprocess.run(['zstd', '-q', '-c', '-3'], input=b''.join(self.parts), stdout=subprocess.PIPE, check=True).stdout
orig = zipfile._get_compressor
zipfile._get_compressor = lambda t, level=None: Zstd() if t == 93 else orig(t, level)
zipfile._check_compression = lambda t: None
`;

/**
 * Rewrites an `.eval` log with every member zstd-compressed (method 93), sample members streamed
 * with ZIP64 headers as Inspect writes them, and, with `stale`, a stale copy of each sample member
 * before the real one (a re-logged sample: the last entry wins).
 */
export function zstdLog(src: string, out: string, opts: { stale?: boolean } = {}): void {
  python(
    `${ZSTD_ZIP}
src, out, stale = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, 'w', compression=93) as w:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename.startswith('samples/'):
            if stale:
                w.writestr(info.filename, json.dumps({'id': 'stale', 'epoch': 99, 'input': 'stale', 'target': '', 'messages': []}))
            with w.open(info.filename, 'w', force_zip64=True) as f:
                f.write(data)
        else:
            w.writestr(info.filename, data)
`,
    [src, out, opts.stale ? '1' : '0'],
  );
}

/** Every member of a zip as Python reads it (names in central-directory order, last entry per name), decompressed. */
export function zipMembersByPython(file: string): { names: string[]; members: Record<string, Buffer> } {
  const out = python(
    `${ZSTD_ZIP}
f = open(sys.argv[1], 'rb')
with zipfile.ZipFile(sys.argv[1]) as z:
    members = {}
    for info in z.infolist():
        if info.compress_type == 93:
            f.seek(info.header_offset + 26); n, m = int.from_bytes(f.read(2), 'little'), int.from_bytes(f.read(2), 'little')
            f.seek(info.header_offset + 30 + n + m)
            data = subprocess.run(['zstd', '-q', '-d', '-c'], input=f.read(info.compress_size), stdout=subprocess.PIPE, check=True).stdout
        else:
            data = z.read(info)
        members[info.filename] = base64.b64encode(data).decode()
    print(json.dumps({'names': z.namelist(), 'members': members, 'bad': z.testzip() if all(i.compress_type != 93 for i in z.infolist()) else None}))
`,
    [file],
  );
  const parsed = JSON.parse(out) as { names: string[]; members: Record<string, string>; bad: string | null };
  if (parsed.bad) throw new Error(`${file}: Python finds member ${parsed.bad} damaged`);
  return { names: parsed.names, members: Object.fromEntries(Object.entries(parsed.members).map(([k, v]) => [k, Buffer.from(v, 'base64')])) };
}

/** A JSON document as Python's json reads it (bare NaN allowed), NaN spelled as the string "NaN". */
export function pythonJson(text: string | Buffer): unknown {
  const script = `import sys, json, math
def fix(v):
    if isinstance(v, float) and not math.isfinite(v): return str(v)
    if isinstance(v, dict): return {k: fix(x) for k, x in v.items()}
    if isinstance(v, list): return [fix(x) for x in v]
    return v
print(json.dumps(fix(json.loads(sys.stdin.read()))))`;
  return JSON.parse(python(script, [], text.toString()));
}
