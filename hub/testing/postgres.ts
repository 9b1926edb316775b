import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// A real PostgreSQL for the hub's tests. CI (.ci/run) starts one and sets CONCORD_TEST_POSTGRES;
// elsewhere the first test to ask starts one with scripts/test-postgres.sh (Debian's postgresql,
// a temporary data directory, loopback only). Each caller gets a database of its own.

const script = fileURLToPath(new URL('../../scripts/test-postgres.sh', import.meta.url));
let serverUrl: string | undefined;

function server(): string {
  if (serverUrl) return serverUrl;
  if (process.env.CONCORD_TEST_POSTGRES) return (serverUrl = process.env.CONCORD_TEST_POSTGRES);
  let out: string;
  try {
    out = execFileSync('bash', [script], { encoding: 'utf8', env: { ...process.env, PGPORT_FOR_TESTS: String(56000 + (process.pid % 1000)) } });
  } catch (e) {
    throw new Error(`the hub's PostgreSQL tests need a server: set CONCORD_TEST_POSTGRES or install postgresql (${(e as Error).message})`);
  }
  const url = /CONCORD_TEST_POSTGRES=(\S+)/.exec(out)?.[1];
  const dir = /CONCORD_TEST_POSTGRES_DIR=(\S+)/.exec(out)?.[1];
  if (!url || !dir) throw new Error(`scripts/test-postgres.sh printed no URL: ${out}`);
  process.env.CONCORD_TEST_POSTGRES = url;
  // Stopped at the end of the run (postgresServers.ts); on exit too, outside Vitest.
  if (process.env.CONCORD_TEST_POSTGRES_LIST) appendFileSync(process.env.CONCORD_TEST_POSTGRES_LIST, `${dir}\n`);
  process.on('exit', () => {
    try {
      execFileSync('bash', [script, 'stop', dir]);
    } catch {
      /* already gone */
    }
  });
  return (serverUrl = url);
}

/** A new, empty database on the test server; its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const base = server();
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
