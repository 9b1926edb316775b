import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { useTempDirs } from '../../core/testing/tmp';
import { freshPostgresDatabase } from '../testing/postgres';
import { openPostgresHubStore } from './postgresStore';
import { openSqliteHubStore } from './sqliteStore';
import type { HubStore, NewEventRow, Reader } from './types';

// One suite, both stores: whatever the hub relies on holds for SQLite and PostgreSQL alike.

const tempDir = useTempDirs();
const open: HubStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const stores: [string, () => Promise<HubStore>][] = [
  ['sqlite', async () => openSqliteHubStore(path.join(tempDir(), 'data'))],
  ['postgres', async () => openPostgresHubStore(await freshPostgresDatabase())],
];

function row(readers: Reader[] = ['all'], type = 'label.submitted'): NewEventRow {
  const id = uuidv7();
  return { id, type, author: 'r1', body: JSON.stringify({ id, type }), readers };
}

describe.each(stores)('hub store: %s', (_name, make) => {
  const store = async () => {
    const s = await make();
    open.push(s);
    return s;
  };

  it('keeps projects and members, finds a member by token hash, and revokes', async () => {
    const s = await store();
    const p = await s.createProject('Team A');
    expect(await s.projectName(p)).toBe('Team A');
    expect(await s.projectName('nope')).toBeUndefined();
    await s.addMember(p, { id: 'alice', name: 'Alice', roles: ['rater'], tokenHash: 'h1' });
    await s.addMember(p, { id: 'olga', name: 'Olga', roles: ['owner', 'adjudicator'], tokenHash: 'h2' });
    await expect(s.addMember(p, { id: 'alice', name: 'Again', roles: ['rater'], tokenHash: 'h3' })).rejects.toThrow();
    expect((await s.listMembers(p)).map((m) => [m.id, m.roles])).toEqual([
      ['alice', ['rater']],
      ['olga', ['owner', 'adjudicator']],
    ]);
    expect((await s.memberByTokenHash('h2'))?.id).toBe('olga');
    expect(await s.memberByTokenHash('nope')).toBeUndefined();
    expect(await s.revokeMember(p, 'alice')).toBe(true);
    expect(await s.revokeMember(p, 'nobody')).toBe(false);
    expect((await s.memberByTokenHash('h1'))?.revokedAt).toEqual(expect.any(String));
    await s.noteSync(p, 'olga', 3);
    const olga = await s.getMember(p, 'olga');
    expect(olga?.reportedPending).toBe(3);
    expect(olga?.lastSyncAt).toEqual(expect.any(String));
    expect(await s.setMemberToken(p, 'alice', 'h4')).toBe(true);
    expect(await s.memberByTokenHash('h1')).toBeUndefined();
    expect((await s.memberByTokenHash('h4'))?.revokedAt).toBeNull();
  });

  it('numbers events 1, 2, 3... per project and reads them back by reader class', async () => {
    const s = await store();
    const a = await s.createProject('A');
    const b = await s.createProject('B');
    const rows = [row(['all']), row(['staff']), row(['staff', 'rater:alice']), row(['rater:bob'])];
    const seqs = await s.transaction(a, async (tx) => {
      const out: number[] = [];
      for (const r of rows) out.push(await tx.append(r));
      return out;
    });
    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(await s.transaction(b, (tx) => tx.append(row()))).toBe(1);
    const bodies = async (readers: Reader[]) => (await s.read(a, readers, 0, 100)).map((e) => [e.seq, JSON.parse(e.body).id]);
    expect(await bodies(['all', 'staff'])).toEqual([
      [1, rows[0].id],
      [2, rows[1].id],
      [3, rows[2].id],
    ]);
    expect(await bodies(['all', 'rater:alice'])).toEqual([
      [1, rows[0].id],
      [3, rows[2].id],
    ]);
    // An event for two of a member's classes comes once.
    expect((await bodies(['all', 'staff', 'rater:alice'])).map((x) => x[0])).toEqual([1, 2, 3]);
    expect((await s.read(a, ['all', 'staff'], 1, 1)).map((e) => e.seq)).toEqual([2]);
    expect(await s.lastSeq(a)).toBe(4);
    const tx = await s.transaction(a, async (t) => [await t.existingIds([rows[0].id, 'x']), await t.workspaceId()] as const);
    expect([...tx[0]]).toEqual([rows[0].id]);
    expect(tx[1]).toBeNull();
  });

  it('stores nothing of a transaction that fails, and uses no sequence number for it', async () => {
    const s = await store();
    const p = await s.createProject('A');
    await expect(
      s.transaction(p, async (tx) => {
        await tx.append(row());
        await tx.addAssignments('b1', [{ rater: 'alice', sample: 's1' }]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await s.lastSeq(p)).toBe(0);
    expect(await s.read(p, ['all'], 0, 10)).toEqual([]);
    expect(await s.transaction(p, (tx) => tx.isAssigned('alice', 's1'))).toBe(false);
    expect(await s.transaction(p, (tx) => tx.append(row()))).toBe(1);
  });

  it('remembers assignments, labels, sample places and what each rater was sent', async () => {
    const s = await store();
    const p = await s.createProject('A');
    await s.transaction(p, async (tx) => {
      await tx.setWorkspaceId('ws-1');
      await tx.addAssignments('b1', [
        { rater: 'alice', sample: 's1' },
        { rater: 'bob', sample: 's1' },
        { rater: 'bob', sample: 's2' },
      ]);
      await tx.addLabel('l1', 'alice', 's1');
      const seq = await tx.append(row(['staff'], 'samples.imported'));
      await tx.indexSamples(seq, ['s1', 's2', 's3']);
      await tx.markSamplesSent('bob', ['s1', 's2']);
    });
    const got = await s.transaction(p, async (tx) => ({
      ws: await tx.workspaceId(),
      assigned: [await tx.isAssigned('alice', 's1'), await tx.isAssigned('alice', 's2')],
      raters: await tx.assignedRaters('s1'),
      batch: await tx.batchRaters('b1'),
      label: [await tx.labelRater('l1'), await tx.labelRater('l2')],
      places: (await tx.samplePlaces(['s3', 's1', 'zz'])).sort((x, y) => (x.id < y.id ? -1 : 1)),
      sent: [...(await tx.samplesSentTo('bob', ['s1', 's3']))],
      body: JSON.parse(await tx.eventBody(1)).type,
    }));
    expect(got).toEqual({
      ws: 'ws-1',
      assigned: [true, false],
      raters: ['alice', 'bob'],
      batch: ['alice', 'bob'],
      label: ['alice', undefined],
      places: [
        { id: 's1', seq: 1, rowIndex: 0 },
        { id: 's3', seq: 1, rowIndex: 2 },
      ],
      sent: ['s1'],
      body: 'samples.imported',
    });
  });

  it('keeps ids and bodies byte for byte through the bulk writes and lookups: quotes, backslashes, commas, braces, NULL', async () => {
    // Dataset content is hostile, and the PostgreSQL store sends these as array literals it builds itself.
    const odd = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', '', ' sp ', 'ü😀', '\\"', 'h\ni'];
    const s = await store();
    const p = await s.createProject('A');
    const rows = odd.map((v, i) => ({ id: `${v}#${i}`, type: 'label.submitted', author: v, body: JSON.stringify({ v }) + v, readers: ['all', `rater:${v}`] as Reader[] }));
    await s.transaction(p, async (tx) => {
      await tx.addAssignments('b1', odd.map((v) => ({ rater: v, sample: `s${v}` })));
      for (const r of rows) await tx.append(r);
      for (const [i, v] of odd.entries()) await tx.addLabel(`l${v}#${i}`, v, `s${v}`);
      const seq = await tx.append(row(['staff'], 'samples.imported'));
      await tx.indexSamples(seq, odd.map((v) => `s${v}`));
      await tx.markSamplesSent(odd[0], odd.map((v) => `s${v}`));
    });
    const got = await s.transaction(p, async (tx) => {
      await tx.preload({ assignments: odd.map((v) => ({ rater: v, sample: `s${v}` })), labels: odd.map((v, i) => `l${v}#${i}`) });
      return {
        assigned: await Promise.all(odd.map((v) => tx.isAssigned(v, `s${v}`))),
        crossed: await tx.isAssigned(odd[0], `s${odd[1]}`),
        labels: await Promise.all(odd.map((v, i) => tx.labelRater(`l${v}#${i}`))),
        known: [...(await tx.existingIds(rows.map((r) => r.id)))].sort(),
        places: (await tx.samplePlaces(odd.map((v) => `s${v}`))).map((x) => x.id).sort(),
        sent: [...(await tx.samplesSentTo(odd[0], odd.map((v) => `s${v}`)))].sort(),
      };
    });
    const sorted = (xs: string[]) => [...xs].sort();
    expect(got).toEqual({
      assigned: odd.map(() => true),
      crossed: false,
      labels: odd,
      known: sorted(rows.map((r) => r.id)),
      places: sorted(odd.map((v) => `s${v}`)),
      sent: sorted(odd.map((v) => `s${v}`)),
    });
    expect((await s.read(p, ['all'], 0, 100)).slice(0, odd.length).map((e) => e.body)).toEqual(rows.map((r) => r.body));
    expect((await s.read(p, [`rater:${odd[1]}`], 0, 100)).map((e) => e.body)).toEqual([rows[1].body]);
  });

  it('answers within a transaction what it wrote earlier in it, preloaded or not', async () => {
    const s = await store();
    const p = await s.createProject('A');
    await s.transaction(p, (tx) => tx.addAssignments('b0', [{ rater: 'alice', sample: 's0' }]));
    const got = await s.transaction(p, async (tx) => {
      await tx.preload({ assignments: [{ rater: 'alice', sample: 's0' }, { rater: 'alice', sample: 's1' }], labels: ['l1', 'l2'] });
      const before = [await tx.isAssigned('alice', 's0'), await tx.isAssigned('alice', 's1'), await tx.labelRater('l1')];
      const r = row();
      const seq = await tx.append(r);
      await tx.addLabel('l1', 'alice', 's1');
      await tx.addLabel('l1', 'bob', 's1'); // a label keeps its first rater
      await tx.addAssignments('b1', [{ rater: 'alice', sample: 's1' }]);
      return {
        before,
        after: [await tx.isAssigned('alice', 's1'), await tx.labelRater('l1'), await tx.labelRater('l2')],
        known: [...(await tx.existingIds([r.id]))].length,
        body: JSON.parse(await tx.eventBody(seq)).id === r.id,
      };
    });
    expect(got).toEqual({ before: [true, false, undefined], after: [true, 'alice', undefined], known: 1, body: true });
    expect(await s.transaction(p, (tx) => tx.labelRater('l1'))).toBe('alice');
    expect(await s.lastSeq(p)).toBe(1);
  });

  it('stores each of concurrent transactions or none of it: those that fail take nothing and no seq with them', async () => {
    const s = await store();
    const p = await s.createProject('A');
    const rows = Array.from({ length: 12 }, () => row());
    const results = await Promise.allSettled(
      rows.map((r, i) =>
        s.transaction(p, async (tx) => {
          const seq = await tx.append(r);
          await tx.addLabel(`l${i}`, 'alice', `s${i}`);
          // Written by now (a lookup sees the transaction's writes), then refused.
          expect((await tx.existingIds([r.id])).size).toBe(1);
          if (i % 3 === 1) throw new Error(`refused ${i}`);
          return seq;
        }),
      ),
    );
    const kept = rows.filter((_, i) => i % 3 !== 1);
    expect(results.map((r) => r.status)).toEqual(rows.map((_, i) => (i % 3 === 1 ? 'rejected' : 'fulfilled')));
    const stored = await s.read(p, ['all'], 0, 100);
    expect(stored.map((e) => e.seq)).toEqual(kept.map((_, i) => i + 1));
    expect(new Set(stored.map((e) => JSON.parse(e.body).id))).toEqual(new Set(kept.map((r) => r.id)));
    expect(await s.transaction(p, async (tx) => [await tx.labelRater('l0'), await tx.labelRater('l1')])).toEqual(['alice', undefined]);
  });

  it('keeps concurrent transactions apart when one fails in the database: a duplicate id takes only its own transaction down', async () => {
    const s = await store();
    const p = await s.createProject('A');
    const first = row();
    await s.transaction(p, (tx) => tx.append(first));
    const rows = Array.from({ length: 10 }, () => row());
    const results = await Promise.allSettled(
      rows.map((r, i) =>
        s.transaction(p, async (tx) => {
          await tx.append(r);
          // The store refuses a second event with a stored id (a unique key), at the write.
          if (i % 4 === 1) await tx.append({ ...row(), id: first.id });
          return (await tx.existingIds([r.id])).size;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(rows.map((_, i) => (i % 4 === 1 ? 'rejected' : 'fulfilled')));
    const kept = rows.filter((_, i) => i % 4 !== 1);
    const stored = await s.read(p, ['all'], 0, 100);
    expect(stored.map((e) => e.seq)).toEqual([1, ...kept.map((_, i) => i + 2)]);
    expect(stored.map((e) => JSON.parse(e.body).id)).toEqual([first.id, ...kept.map((r) => r.id)]);
    expect(await s.lastSeq(p)).toBe(kept.length + 1);
  });

  it('takes a long transaction down whole when one of its writes fails, and keeps the others of its group', async () => {
    const s = await store();
    const p = await s.createProject('A');
    const first = row();
    await s.transaction(p, (tx) => tx.append(first));
    // 1,200 events, one of them early on a duplicate the store refuses at the write (a unique key).
    const long = Array.from({ length: 1200 }, (_, i) => (i === 3 ? { ...row(), id: first.id } : row()));
    const short = Array.from({ length: 4 }, () => row());
    const results = await Promise.allSettled([
      s.transaction(p, async (tx) => tx.append(short[0])),
      s.transaction(p, async (tx) => {
        for (const r of long) await tx.append(r);
        return 'long';
      }),
      ...short.slice(1).map((r) => s.transaction(p, async (tx) => tx.append(r))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    // A long one refused after its first thousands were sent (write-behind) leaves nothing behind
    // either, even the part still on its way when it was refused.
    const refused = await Promise.allSettled([
      s.transaction(p, async (tx) => {
        for (let i = 0; i < 2500; i++) await tx.append(row());
        throw new Error('refused at the end');
      }),
      s.transaction(p, async (tx) => tx.workspaceId()),
    ]);
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    const stored = await s.read(p, ['all'], 0, 2000);
    expect(stored.map((e) => JSON.parse(e.body).id)).toEqual([first.id, ...short.map((r) => r.id)]);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await s.lastSeq(p)).toBe(5);
    // And a long one that goes through is stored whole, in order.
    await s.transaction(p, async (tx) => {
      for (const r of long.slice(4)) await tx.append(r);
    });
    expect((await s.read(p, ['all'], 5, 2000)).map((e) => JSON.parse(e.body).id)).toEqual(long.slice(4).map((r) => r.id));
  });

  it('never lets a reader skip an event: 20 concurrent pushers and a puller see every seq once, in order', async () => {
    const s = await store();
    const p = await s.createProject('A');
    const perPusher = 15;
    const pushed = new Set<string>();
    const seen: number[] = [];
    const ids = new Set<string>();
    let done = false;
    const puller = (async () => {
      let after = 0;
      for (;;) {
        const finished = done;
        const page = await s.read(p, ['all'], after, 7);
        for (const e of page) {
          seen.push(e.seq);
          ids.add(JSON.parse(e.body).id);
          after = e.seq;
        }
        if (finished && page.length === 0) return;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < perPusher; i++) {
          const rows = [row(), row()];
          await s.transaction(p, async (tx) => {
            for (const r of rows) await tx.append(r);
            // Hold the lock across an await, as a real push does while it checks events.
            await new Promise((r) => setTimeout(r, Math.random() * 2));
          });
          for (const r of rows) pushed.add(r.id);
        }
      }),
    );
    done = true;
    await puller;
    const total = 20 * perPusher * 2;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(ids).toEqual(pushed);
  });
});

describe('postgres hub store', () => {
  it('a failed start leaves no connection holding the schema lock, and the store opens once the database is mended', async () => {
    const url = await freshPostgresDatabase();
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // Something that is not the hub's events table stands in its place: the migration step fails.
      await c.query('CREATE VIEW events AS SELECT 1 AS project');
      await expect(openPostgresHubStore(url)).rejects.toThrow(/events/);
      const schemaLocks = async () => (await c.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 727274`)).rows[0].n;
      // Gone with the failed start's session (a pooled connection would hold it until it idled out).
      await expect.poll(schemaLocks, { timeout: 3000 }).toBe(0);
      await c.query('DROP VIEW events');
      const s = await openPostgresHubStore(url);
      open.push(s);
      expect(await s.createProject('A')).toEqual(expect.any(String));
    } finally {
      await c.end();
    }
  });
});

describe('sqlite hub store', () => {
  it('backs up a consistent copy while open', async () => {
    const dir = tempDir();
    const s = openSqliteHubStore(path.join(dir, 'data'));
    open.push(s);
    const p = await s.createProject('A');
    await s.transaction(p, (tx) => tx.append(row()));
    await s.backup(path.join(dir, 'copy.db'));
    const copy = openSqliteHubStore(path.join(dir, 'restored'));
    open.push(copy);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'copy.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    db.close();
  });
});

// A hub database as hubs wrote it before events had their staff column: 'staff' was a reader row per event.
const schemaBeforeStaffColumn = `
  CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, last_seq BIGINT NOT NULL DEFAULT 0, workspace_id TEXT);
  CREATE TABLE events (project TEXT NOT NULL, seq BIGINT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, author TEXT NOT NULL,
    body TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (project, seq), UNIQUE (project, id));
  CREATE TABLE event_readers (project TEXT NOT NULL, reader TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (project, reader, seq));
  INSERT INTO projects VALUES ('p', 'Old', '2026-12-01T00:00:00.000Z', 4, NULL);
  INSERT INTO events VALUES ('p', 1, 'e1', 'guideline.published', 'olga', '{"id":"e1"}', 'x'), ('p', 2, 'e2', 'label.submitted', 'alice', '{"id":"e2"}', 'x'),
    ('p', 3, 'e3', 'samples.imported', 'olga', '{"id":"e3"}', 'x'), ('p', 4, 'e4', 'adjudication.recorded', 'olga', '{"id":"e4"}', 'x');
  INSERT INTO event_readers VALUES ('p', 'all', 1), ('p', 'staff', 2), ('p', 'rater:alice', 2), ('p', 'rater:alice', 3), ('p', 'staff', 4);`;

describe.each([
  [
    'sqlite',
    async () => {
      const dir = path.join(tempDir(), 'data');
      const Database = (await import('better-sqlite3')).default;
      (await import('node:fs')).mkdirSync(dir);
      const db = new Database(path.join(dir, 'hub.db'));
      db.exec(schemaBeforeStaffColumn);
      db.close();
      const sql = async (q: string) => {
        const c = new Database(path.join(dir, 'hub.db'), { readonly: true });
        const rows = c.prepare(q).all();
        c.close();
        return rows;
      };
      return { open: async () => openSqliteHubStore(dir), sql };
    },
  ],
  [
    'postgres',
    async () => {
      const url = await freshPostgresDatabase();
      const pg = (await import('pg')).default;
      const sql = async (q: string) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const rows = (await c.query(q)).rows;
        await c.end();
        return rows;
      };
      await sql(schemaBeforeStaffColumn);
      return { open: () => openPostgresHubStore(url), sql };
    },
  ],
] as const)('hub store: %s, written before events had their staff column', (_name, old) => {
  it('opens with every member reading what it read before, and no staff reader rows left', async () => {
    const { open: openStore, sql } = await old();
    const s = await openStore();
    open.push(s);
    const ids = async (readers: Reader[]) => (await s.read('p', readers, 0, 100)).map((e) => JSON.parse(e.body).id);
    expect(await ids(['all', 'staff'])).toEqual(['e1', 'e2', 'e4']);
    expect(await ids(['all', 'rater:alice'])).toEqual(['e1', 'e2', 'e3']);
    expect(await ids(['all', 'rater:bob'])).toEqual(['e1']);
    expect(await sql(`SELECT reader FROM event_readers WHERE reader = 'staff'`)).toEqual([]);
    // It goes on numbering after the old events, and the new ones are read the same way.
    expect(await s.transaction('p', (tx) => tx.append(row(['staff', 'rater:alice'])))).toBe(5);
    expect((await s.read('p', ['all', 'staff'], 4, 10)).map((e) => e.seq)).toEqual([5]);
    expect((await s.read('p', ['all', 'rater:alice'], 4, 10)).map((e) => e.seq)).toEqual([5]);
    // Opening again changes nothing.
    await s.close();
    open.splice(open.indexOf(s), 1);
    const again = await openStore();
    open.push(again);
    expect((await again.read('p', ['all', 'staff'], 0, 100)).map((e) => e.seq)).toEqual([1, 2, 4, 5]);
  });
});
