import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors';

// Which hub a workspace syncs with, as whom: `hub.json` beside workspace.db, readable by its owner
// only (mode 0600), because it holds the member's token. The token is never in the event log and
// never printed after `connect`.

export const HUB_FILE = 'hub.json';

const connectionSchema = z.object({
  url: z.string().url(),
  token: z.string().min(1),
  project: z.string().min(1),
  member: z.string().min(1),
  /** The member's roles when it joined (the hub's, not chosen here). */
  roles: z.array(z.string()),
});
export type HubConnection = z.infer<typeof connectionSchema>;

export function readHubConnection(dir: string): HubConnection | undefined {
  const file = path.join(dir, HUB_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = connectionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new InputError(`${file} is damaged (${parsed.error.issues[0].message}); connect the workspace again`);
  return parsed.data;
}

/** Writes hub.json through a temp file made with mode 0600, then renames it into place. */
export function writeHubConnection(dir: string, c: HubConnection): void {
  const file = path.join(dir, HUB_FILE);
  const tmp = path.join(dir, `.${HUB_FILE}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(c, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
