import { statSync } from 'node:fs';
import { InputError } from '../errors';

/** Why a file given as input cannot be read, in words (not EISDIR or ENOENT); undefined if the error is not about the file. */
export function unreadableFileReason(e: unknown): string | undefined {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    default:
      return undefined;
  }
}

/** Reads an input file with `read`, turning the reasons a path cannot be read into one clear InputError. */
export function readInputFile<T>(file: string, read: (file: string) => T): T {
  try {
    return read(file);
  } catch (e) {
    const why = unreadableFileReason(e);
    if (why) throw new InputError(`cannot read ${file}: ${why}`);
    throw e;
  }
}

/** Refuses, in words, an input path that does not exist or is a directory (before anything opens it). */
export function checkInputFile(file: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${unreadableFileReason(e) ?? (e as Error).message}`);
  }
  if (isDirectory) throw new InputError(`cannot read ${file}: it is a directory, not a file`);
}
