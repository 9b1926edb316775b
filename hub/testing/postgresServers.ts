import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Vitest's global setup for the PostgreSQL servers test workers start (hub/testing/postgres.ts):
// a worker is ended without its 'exit' handlers running, so each writes its server's directory to
// a list here, and the run's teardown stops every server on it.

const script = fileURLToPath(new URL('../../scripts/test-postgres.sh', import.meta.url));

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'concord-test-pg-list-'));
  const list = path.join(dir, 'servers');
  process.env.CONCORD_TEST_POSTGRES_LIST = list;
  return () => {
    const dirs = existsSync(list) ? readFileSync(list, 'utf8').split('\n').filter(Boolean) : [];
    for (const d of dirs) {
      try {
        execFileSync('bash', [script, 'stop', d]);
      } catch {
        /* already stopped */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
