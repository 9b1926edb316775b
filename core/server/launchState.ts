import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// What an open browser tab needs to keep working when the server restarts: the port it talks to
// and the token it holds. Both are kept per workspace, in a file only its owner can read (mode 0600):
// a tab left open reconnects to the next server of the same workspace, as long as the port is free.

const FILE = '.concord-server.json';

export interface LaunchState {
  port: number;
  token: string;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The saved port and token, or undefined when there are none or the file could be read by others (then it is not trusted). */
export function readLaunchState(workspaceDir: string): LaunchState | undefined {
  const file = path.join(workspaceDir, FILE);
  try {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) return undefined;
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<LaunchState>;
    const portOk = Number.isInteger(s.port) && s.port! > 0 && s.port! < 65536;
    return portOk && typeof s.token === 'string' && /^[A-Za-z0-9_-]{32,}$/.test(s.token) ? { port: s.port!, token: s.token } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the port and token with mode 0600, through a temporary name (a reader never sees half a file). */
export function writeLaunchState(workspaceDir: string, state: LaunchState): void {
  const file = path.join(workspaceDir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
