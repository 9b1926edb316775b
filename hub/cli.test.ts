import { execFileSync } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/testing/tmp';
import { freshPostgresDatabase } from './testing/postgres';
import { runHub, serveHub } from './testing/process';

const tempDir = useTempDirs();

describe.each(['sqlite', 'postgres'])('hub command line, %s store', (kind) => {
  const storeArgs = async () => (kind === 'sqlite' ? ['--data', path.join(tempDir(), 'hub')] : ['--postgres', await freshPostgresDatabase()]);

  it('creates a project and members, shows a token once, lists, revokes, and serves them', async () => {
    const store = await storeArgs();
    const created = await runHub(['project', 'create', ...store, '--name', 'Safety evals', '--json']);
    expect(created.code).toBe(0);
    const { project } = JSON.parse(created.stdout);
    const added = await runHub(['member', 'add', ...store, '--project', project, '--id', 'olga', '--name', 'Olga', '--role', 'owner', '--role', 'adjudicator', '--json']);
    expect(added.code).toBe(0);
    const { member, token } = JSON.parse(added.stdout);
    expect(member).toBe('olga');
    expect(token).toMatch(/^cch_[A-Za-z0-9_-]{43}$/);
    const listed = JSON.parse((await runHub(['member', 'list', ...store, '--project', project, '--json'])).stdout);
    expect(listed.members).toEqual([{ member: 'olga', name: 'Olga', roles: ['owner', 'adjudicator'], revoked: false, lastSyncAt: null }]);
    // The token itself is never stored or listed.
    expect(JSON.stringify(listed)).not.toContain(token);

    const hub = await serveHub([...store, '--port', '0']);
    try {
      expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const me = await fetch(`${hub.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await me.json()) as unknown).toEqual({ member: 'olga', name: 'Olga', roles: ['owner', 'adjudicator'], project, projectName: 'Safety evals' });
      const revoked = await runHub(['member', 'revoke', ...store, '--project', project, '--member', 'olga', '--json']);
      expect(revoked.code).toBe(0);
      // Revoked from another process: the serving hub remembers a token for a second (memberCache.ts).
      await new Promise((r) => setTimeout(r, 1100));
      const after = await fetch(`${hub.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(after.status).toBe(401);
      expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
    } finally {
      await hub.stop();
    }
  });

  it('refuses bad usage with exit 2 and one line', async () => {
    const store = await storeArgs();
    const cases: [string[], RegExp][] = [
      [['project', 'create', '--name', 'x'], /exactly one of --data DIR or --postgres URL/],
      [['member', 'add', ...store, '--project', 'nope', '--id', 'a', '--name', 'A', '--role', 'owner'], /no project "nope"/],
      [['member', 'add', ...store, '--project', 'p', '--id', 'bad id', '--name', 'A', '--role', 'owner'], /--id "bad id"/],
      [['member', 'add', ...store, '--project', 'p', '--id', 'a', '--name', 'A', '--role', 'boss'], /--role must be owner, adjudicator or rater/],
      [['serve', ...store, '--host', '0.0.0.0', '--port', '0'], /--tls-cert and --tls-key/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, why] of cases) {
      const r = await runHub(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(why);
    }
  });
});

describe('hub serve', () => {
  it('binds beyond loopback only with TLS, and then speaks HTTPS', async () => {
    const dir = tempDir();
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const hub = await serveHub(['--data', path.join(dir, 'hub'), '--host', '0.0.0.0', '--port', '0', '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(hub.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
      const port = new URL(hub.url).port;
      const out = await new Promise<string>((resolve, reject) => {
        https.get(`https://127.0.0.1:${port}/v1/me`, { rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(JSON.parse(out).error.code).toBe('unauthorized');
    } finally {
      await hub.stop();
    }
  });

  it('backs up a serving SQLite hub to a consistent copy', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'hub');
    const { project } = JSON.parse((await runHub(['project', 'create', '--data', data, '--name', 'P', '--json'])).stdout);
    const hub = await serveHub(['--data', data, '--port', '0']);
    try {
      const r = await runHub(['backup', '--data', data, '--out', path.join(dir, 'copy.db'), '--json']);
      expect(r.code).toBe(0);
      const listed = await runHub(['project', 'create', '--data', data, '--name', 'Q', '--json']);
      expect(listed.code).toBe(0);
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(path.join(dir, 'copy.db'), { readonly: true });
      expect(db.prepare('SELECT id FROM projects').pluck().all()).toEqual([project]);
      db.close();
    } finally {
      await hub.stop();
    }
  });
});
