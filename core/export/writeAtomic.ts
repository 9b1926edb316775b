import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file through a temporary name in the same folder and renames it into place, so a
 * reader never sees a half-written file: an interrupted write leaves the old file (or none).
 */
export function writeFileAtomic(file: string, write: (put: (chunk: string) => void) => void): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
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
