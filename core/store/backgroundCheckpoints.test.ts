import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tmp';
import { startBackgroundCheckpoints } from './backgroundCheckpoints';
import { openSqlite } from './sqlite';

const tempDir = useTempDirs();

describe('background checkpoints', () => {
  it('copy the WAL into the database from another thread while this connection only appends', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const db = openSqlite(file);
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const checkpoints = startBackgroundCheckpoints(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const write = () => db.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run('x'.repeat(10_000));
    })();
    // ~20 MB in 20 commits, with pauses for the worker to start and catch up.
    for (let i = 0; i < 20; i++) {
      write();
      await new Promise((r) => setTimeout(r, 25));
    }
    await checkpoints.stop();
    // This connection never checkpointed (its automatic checkpoints were off), yet the rows reached the database file.
    expect(statSync(file).size).toBeGreaterThan(10_000_000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(2048);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
    db.close();
  });

  it('restore the interval only when the last of overlapping bulk writes stops', async () => {
    const db = openSqlite(path.join(tempDir(), 'db.sqlite'));
    const first = startBackgroundCheckpoints(db);
    const second = startBackgroundCheckpoints(db);
    await first.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await second.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(2048);
    db.close();
  });
});
