import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors';

// Exports are written under a temporary name beside the target and renamed into place. The name
// says what the file is and which process writes it, so a writer that was killed can be told from
// one still running: the next write of the same target removes what dead writers left.

const MARK = 'unfinished-export';

/** `.labels.jsonl.unfinished-export.pid1234.1733500000000.tmp`: where `file` is written before the rename. */
export function exportTempName(file: string, pid = process.pid): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${MARK}.pid${pid}.${Date.now()}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes the temporary files that writers of `file` left when they died: names from
 * exportTempName, and `.name.PID.TIME.tmp` from before it. A live writer's file is left alone.
 */
export function removeDeadWritersTemps(file: string): string[] {
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.(?:${MARK}\\.pid)?(\\d+)\\.\\d+\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(path.dirname(file));
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    rmSync(path.join(path.dirname(file), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** The target's folder must exist and the target must not be a folder: said in words, before any temp file exists. */
function checkWritable(file: string): void {
  const dir = path.dirname(file);
  let folder;
  try {
    folder = statSync(dir);
  } catch {
    throw new InputError(`cannot write ${file}: there is no folder ${dir}`);
  }
  if (!folder.isDirectory()) throw new InputError(`cannot write ${file}: ${dir} is not a folder`);
  try {
    if (statSync(file).isDirectory()) throw new InputError(`cannot write ${file}: it is a folder`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
}

/**
 * Writes a file through a temporary name in the same folder and renames it into place, so a
 * reader never sees a half-written file: an interrupted write leaves the old file (or none).
 */
export function writeFileAtomic(file: string, write: (put: (chunk: string) => void) => void): void {
  writeThroughTemp(file, (fd) => {
    let buffer: string[] = [];
    let size = 0;
    const flush = () => {
      if (buffer.length) writeSync(fd, buffer.join(''));
      buffer = [];
      size = 0;
    };
    write((chunk) => {
      buffer.push(chunk);
      size += chunk.length;
      if (size > 1 << 20) flush();
    });
    flush();
  });
}

/**
 * The same, for writers that write the temporary file themselves (a Parquet writer): `write` gets
 * the open descriptor and the temp path; what it leaves there is synced and renamed into place.
 */
export function writeThroughTemp(file: string, write: (fd: number, tmp: string) => void): void {
  checkWritable(file);
  removeDeadWritersTemps(file);
  const tmp = exportTempName(file);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new InputError(`cannot write ${file}: permission denied in ${path.dirname(file)}`);
    throw e;
  }
  try {
    write(fd, tmp);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
