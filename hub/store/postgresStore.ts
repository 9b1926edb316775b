import pg from 'pg';
import { uuidv7 } from '../../shared/ids';
import { toMember } from './sqliteStore';
import type { Role } from '../../shared/auth/roles';
import { runBuffered, type TxBackend } from './bufferedTx';
import { groupCommitWriter, type Writer } from './groupCommit';
import { pgArray } from './pgArray';
import { readerRows, readPlan } from './readers';
import type { HubStore, Reader, StoredEvent } from './types';

// The store for teams that outgrow one machine: PostgreSQL through the `pg` driver. Sequence
// numbers come from projects.last_seq, incremented under the project row's lock (SELECT ... FOR
// UPDATE) inside the inserting transaction, so commits happen in sequence order and a reader can
// never see seq n+1 before n (a BIGSERIAL can: sequences hand out numbers before commit, and a
// later number can commit first; Marten 7/8's "data safety" fix in V9.16.1 is this bug). The lock is
// held until the durable commit, so a project's pushes would queue one commit (one fsync) each:
// instead each project has a group-commit queue (groupCommit.ts), and the pushes that queue up
// while one commit is under way share the next transaction, each in a savepoint of its own.

const schema = `
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0, workspace_id TEXT
);
CREATE TABLE IF NOT EXISTS members (
  project TEXT NOT NULL REFERENCES projects(id), id TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, token_expires_at TEXT, created_at TEXT NOT NULL, revoked_at TEXT, last_sync_at TEXT, reported_pending BIGINT,
  PRIMARY KEY (project, id)
);
CREATE TABLE IF NOT EXISTS events (
  project TEXT NOT NULL, seq BIGINT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, author TEXT NOT NULL,
  body TEXT NOT NULL, stored_at TEXT NOT NULL, staff BOOLEAN NOT NULL,
  PRIMARY KEY (project, seq), UNIQUE (project, id)
);
CREATE TABLE IF NOT EXISTS event_readers (
  project TEXT NOT NULL, reader TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (project, reader, seq)
);
CREATE TABLE IF NOT EXISTS assignments (
  project TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, batch TEXT NOT NULL, PRIMARY KEY (project, rater, sample, batch)
);
CREATE INDEX IF NOT EXISTS assignments_sample ON assignments(project, sample);
CREATE INDEX IF NOT EXISTS assignments_batch ON assignments(project, batch);
CREATE TABLE IF NOT EXISTS labels (
  project TEXT NOT NULL, label_id TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, PRIMARY KEY (project, label_id)
);
CREATE TABLE IF NOT EXISTS samples (
  project TEXT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT NULL, row_index INTEGER NOT NULL, PRIMARY KEY (project, id)
);
CREATE TABLE IF NOT EXISTS profiles (
  project TEXT NOT NULL, id TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (project, id)
);
CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samples_sent (
  project TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, PRIMARY KEY (project, rater, sample)
);
`;

/** A hub database from before events had their staff column (readers.ts) gets it, from its 'staff' and 'all' reader rows. */
async function migrate(c: pg.PoolClient) {
  const has = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events' AND column_name = 'staff'`);
  if (has.rowCount) return;
  await c.query(`BEGIN;
    ALTER TABLE events ADD COLUMN staff BOOLEAN;
    UPDATE events e SET staff = EXISTS (SELECT 1 FROM event_readers r WHERE r.project = e.project AND r.seq = e.seq AND r.reader IN ('staff', 'all'));
    ALTER TABLE events ALTER COLUMN staff SET NOT NULL;
    DELETE FROM event_readers WHERE reader = 'staff';
    COMMIT`);
}

const memberColumns = 'project, id, name, roles, token_expires_at, created_at, revoked_at, last_sync_at, reported_pending';

export async function openPostgresHubStore(url: string): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A pool client can error while idle (the server restarted): report it, never crash the hub.
  pool.on('error', (e) => console.error(`concord-hub: PostgreSQL connection lost: ${e.message}`));
  {
    const c = await pool.connect();
    try {
      // Two hubs starting at once on an empty database would race to create the tables.
      await c.query('SELECT pg_advisory_lock(727274)');
      await c.query(schema);
      await migrate(c);
      await c.query(`INSERT INTO hub_meta (key, value) VALUES ('origin', $1) ON CONFLICT (key) DO NOTHING`, [uuidv7()]);
      await c.query('SELECT pg_advisory_unlock(727274)');
      c.release();
    } catch (e) {
      // Its session may be mid-transaction and holds the lock: close it (the lock goes with it), and the pool.
      c.release(e as Error);
      await pool.end();
      throw e;
    }
  }
  const origin = (await pool.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'origin'`)).rows[0].value;
  const now = () => new Date().toISOString();
  const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<R>(sql, params)).rows;

  const txFor = (client: pg.PoolClient, project: string): TxBackend => {
    const all = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await client.query<R>(sql, params)).rows;
    return {
      project,
      async insert({ events, labels }) {
        // One statement (bufferedTx sends at most a thousand events at a time), columns as arrays
        // unnested by the server: the events, their readers and the labels, in data-modifying CTEs.
        // Bodies go as one JSON array: JSON.stringify escapes them natively, ten times faster than
        // an array literal's escaping.
        const kept = events.map((r) => readerRows(r.readers));
        const readers = events.flatMap((r, i) => kept[i].rows.map((reader) => [reader, r.seq] as const));
        await client.query(
          `WITH ev AS (INSERT INTO events (project, seq, id, type, author, body, stored_at, staff)
               SELECT $1, s, i, t, a, b, $7, f
               FROM ROWS FROM (unnest($2::bigint[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), json_array_elements_text($6::json), unnest($13::boolean[])) AS r(s, i, t, a, b, f)),
             rd AS (INSERT INTO event_readers (project, reader, seq) SELECT $1, r, s FROM unnest($8::text[], $9::bigint[]) AS t(r, s))
           INSERT INTO labels (project, label_id, rater, sample) SELECT $1, l, r, s FROM unnest($10::text[], $11::text[], $12::text[]) AS t(l, r, s) ON CONFLICT DO NOTHING`,
          [
            project,
            pgArray(events.map((r) => r.seq)),
            pgArray(events.map((r) => r.id)),
            pgArray(events.map((r) => r.type)),
            pgArray(events.map((r) => r.author)),
            JSON.stringify(events.map((r) => r.body)),
            now(),
            pgArray(readers.map((r) => r[0])),
            pgArray(readers.map((r) => r[1])),
            pgArray(labels.map((r) => r.labelId)),
            pgArray(labels.map((r) => r.rater)),
            pgArray(labels.map((r) => r.sample)),
            pgArray(kept.map((k) => (k.staff ? 't' : 'f'))),
          ],
        );
      },
      async lookup({ ids, pairs, labels }) {
        // One round trip for a push's three questions, each one index probe per element (the
        // LATERAL ... LIMIT 1 keeps the planner from doing otherwise): on tables not yet analyzed,
        // a plain join sorted all the project's assignments (~95 ms per 2,000-event push on 110,000
        // assignments), and `id = ANY($2)` scanned all the project's events and filtered them
        // (24 ms per 2,000 ids on 100,000 events, growing with the project; probes: 5 ms).
        const [row] = await all<{ stored: string[]; assigned: [string, string][]; labels: [string, string][] }>(
          `SELECT
             (SELECT coalesce(json_agg(u.id), '[]') FROM unnest($2::text[]) AS u(id)
                CROSS JOIN LATERAL (SELECT 1 FROM events e WHERE e.project = $1 AND e.id = u.id LIMIT 1) AS hit) AS stored,
             (SELECT coalesce(json_agg(json_build_array(p.r, p.s)), '[]') FROM unnest($3::text[], $4::text[]) AS p(r, s)
                CROSS JOIN LATERAL (SELECT 1 FROM assignments a WHERE a.project = $1 AND a.rater = p.r AND a.sample = p.s LIMIT 1) AS hit) AS assigned,
             (SELECT coalesce(json_agg(json_build_array(u.id, l.rater)), '[]') FROM unnest($5::text[]) AS u(id)
                CROSS JOIN LATERAL (SELECT rater FROM labels l WHERE l.project = $1 AND l.label_id = u.id LIMIT 1) AS l) AS labels`,
          [project, pgArray(ids), pgArray(pairs.map((p) => p.rater)), pgArray(pairs.map((p) => p.sample)), pgArray(labels)],
        );
        return { stored: row.stored, assigned: row.assigned.map(([rater, sample]) => ({ rater, sample })), labelRaters: row.labels };
      },
      async workspaceId() {
        return (await all<{ workspace_id: string | null }>('SELECT workspace_id FROM projects WHERE id = $1', [project]))[0]?.workspace_id ?? null;
      },
      async setWorkspaceId(id) {
        await client.query('UPDATE projects SET workspace_id = $1 WHERE id = $2', [id, project]);
      },
      async addAssignments(batchId, rows) {
        if (!rows.length) return;
        await client.query(
          'INSERT INTO assignments (project, rater, sample, batch) SELECT $1, r, s, $2 FROM unnest($3::text[], $4::text[]) AS t(r, s) ON CONFLICT DO NOTHING',
          [project, batchId, pgArray(rows.map((r) => r.rater)), pgArray(rows.map((r) => r.sample))],
        );
      },
      async isAssigned(rater, sample) {
        return (await all('SELECT 1 FROM assignments WHERE project = $1 AND rater = $2 AND sample = $3 LIMIT 1', [project, rater, sample])).length > 0;
      },
      async assignedRaters(sample) {
        return (await all<{ rater: string }>('SELECT DISTINCT rater FROM assignments WHERE project = $1 AND sample = $2 ORDER BY rater', [project, sample])).map((r) => r.rater);
      },
      async batchRaters(batchId) {
        return (await all<{ rater: string }>('SELECT DISTINCT rater FROM assignments WHERE project = $1 AND batch = $2 ORDER BY rater', [project, batchId])).map((r) => r.rater);
      },
      async setProfileRoles(id, roles, onlyIfNew) {
        await client.query(`INSERT INTO profiles (project, id, roles) VALUES ($1, $2, $3) ON CONFLICT (project, id) DO ${onlyIfNew ? 'NOTHING' : 'UPDATE SET roles = excluded.roles'}`, [project, id, JSON.stringify(roles)]);
      },
      async profileRoles(id) {
        const member = (await all<{ roles: string }>('SELECT roles FROM members WHERE project = $1 AND id = $2', [project, id]))[0]?.roles;
        const roles = member ?? (await all<{ roles: string }>('SELECT roles FROM profiles WHERE project = $1 AND id = $2', [project, id]))[0]?.roles;
        return roles === undefined ? undefined : (JSON.parse(roles) as Role[]);
      },
      async addLabel(labelId, rater, sample) {
        await client.query('INSERT INTO labels (project, label_id, rater, sample) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [project, labelId, rater, sample]);
      },
      async labelRater(labelId) {
        return (await all<{ rater: string }>('SELECT rater FROM labels WHERE project = $1 AND label_id = $2', [project, labelId]))[0]?.rater;
      },
      async indexSamples(eventSeq, ids) {
        await client.query(
          'INSERT INTO samples (project, id, seq, row_index) SELECT $1, id, $2, ord - 1 FROM unnest($3::text[]) WITH ORDINALITY AS t(id, ord) ON CONFLICT DO NOTHING',
          [project, eventSeq, pgArray(ids)],
        );
      },
      async samplePlaces(ids) {
        const rows = await all<{ id: string; seq: string; row_index: number }>('SELECT u.id, s.seq, s.row_index FROM (SELECT DISTINCT id FROM unnest($2::text[]) AS x(id)) AS u CROSS JOIN LATERAL (SELECT seq, row_index FROM samples s WHERE s.project = $1 AND s.id = u.id LIMIT 1) AS s', [project, pgArray(ids)]);
        return rows.map((r) => ({ id: r.id, seq: Number(r.seq), rowIndex: r.row_index }));
      },
      async eventBody(eventSeq) {
        return (await all<{ body: string }>('SELECT body FROM events WHERE project = $1 AND seq = $2', [project, eventSeq]))[0].body;
      },
      async samplesSentTo(rater, ids) {
        const rows = await all<{ sample: string }>('SELECT u.id AS sample FROM unnest($3::text[]) AS u(id) CROSS JOIN LATERAL (SELECT 1 FROM samples_sent s WHERE s.project = $1 AND s.rater = $2 AND s.sample = u.id LIMIT 1) AS hit', [project, rater, pgArray(ids)]);
        return new Set(rows.map((r) => r.sample));
      },
      async markSamplesSent(rater, ids) {
        await client.query('INSERT INTO samples_sent (project, rater, sample) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING', [project, rater, pgArray(ids)]);
      },
    };
  };

  // One group-commit queue per project: a group holds that project's lock, in one transaction.
  // Its control statements go out as one simple query each, several statements in it (BEGIN and
  // the lock; the previous job's RELEASE and the next SAVEPOINT; the seq's UPDATE and COMMIT):
  // a round trip costs more than a statement, and a group of fifty pushes has many.
  type Group = {
    client: pg.PoolClient;
    /** The project's seq and workspace read under the lock, and as the group's jobs leave them. */
    locked: number;
    last: number;
    workspace: string | null;
    /** A job's savepoint still to release (sent with the next savepoint). */
    unreleased: boolean;
    open: boolean;
    broken?: Error;
  };
  const writers = new Map<string, Writer<Group>>();
  const guard = async (g: Group, sql: string, params?: unknown[]) => {
    try {
      await g.client.query(sql, params);
    } catch (e) {
      // A statement that failed leaves the transaction to roll back; one that could not reach the server, nothing.
      if (!(e instanceof pg.DatabaseError)) {
        g.open = false;
        g.broken = e as Error;
      }
      throw e;
    }
  };
  const writerFor = (project: string) => {
    let w = writers.get(project);
    if (!w) {
      const id = pg.escapeLiteral(project);
      w = groupCommitWriter<Group>({
        async begin() {
          const client = await pool.connect();
          try {
            const results = (await client.query(`BEGIN; SELECT last_seq, workspace_id FROM projects WHERE id = ${id} FOR UPDATE`)) as unknown as pg.QueryResult[];
            const locked = results[1].rows[0] as { last_seq: string; workspace_id: string | null } | undefined;
            if (!locked) throw new Error(`no project "${project}"`);
            const last = Number(locked.last_seq);
            return { client, locked: last, last, workspace: locked.workspace_id, unreleased: false, open: true };
          } catch (e) {
            await client.query('ROLLBACK').catch(() => undefined);
            client.release();
            throw e;
          }
        },
        isOpen: (g) => g.open,
        async savepoint(g) {
          await guard(g, g.unreleased ? 'RELEASE job; SAVEPOINT job' : 'SAVEPOINT job');
          g.unreleased = false;
        },
        async release(g) {
          g.unreleased = true;
        },
        async rollbackToSavepoint(g) {
          g.unreleased = false;
          await guard(g, 'ROLLBACK TO SAVEPOINT job; RELEASE job');
        },
        async commit(g) {
          // COMMIT releases what savepoints are left.
          await guard(g, g.last !== g.locked ? `UPDATE projects SET last_seq = ${Number(g.last)} WHERE id = ${id}; COMMIT` : 'COMMIT');
          g.open = false;
        },
        async rollback(g) {
          g.open = false;
          // A connection that cannot roll back must not go back to the pool mid-transaction.
          await g.client.query('ROLLBACK').catch((e: Error) => {
            g.broken = e;
            throw e;
          });
        },
        end: (g) => g.client.release(g.broken),
      });
      writers.set(project, w);
    }
    return w;
  };

  return {
    kind: 'postgres',
    origin,
    async createProject(name) {
      const id = uuidv7();
      await q('INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3)', [id, name, now()]);
      return id;
    },
    async projectName(project) {
      return (await q<{ name: string }>('SELECT name FROM projects WHERE id = $1', [project]))[0]?.name;
    },
    async addMember(project, m) {
      await q('INSERT INTO members (project, id, name, roles, token_hash, token_expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        project,
        m.id,
        m.name,
        JSON.stringify(m.roles),
        m.tokenHash,
        m.expiresAt ?? null,
        now(),
      ]);
    },
    async listMembers(project) {
      return (await q(`SELECT ${memberColumns} FROM members WHERE project = $1 ORDER BY id`, [project])).map((r) => toMember(r as never));
    },
    async getMember(project, id) {
      const r = (await q(`SELECT ${memberColumns} FROM members WHERE project = $1 AND id = $2`, [project, id]))[0];
      return r && toMember(r as never);
    },
    async revokeMember(project, id) {
      return ((await pool.query('UPDATE members SET revoked_at = coalesce(revoked_at, $1) WHERE project = $2 AND id = $3', [now(), project, id])).rowCount ?? 0) > 0;
    },
    async setMemberToken(project, id, tokenHash, expiresAt) {
      return ((await pool.query('UPDATE members SET token_hash = $1, token_expires_at = $2, last_sync_at = NULL, revoked_at = NULL WHERE project = $3 AND id = $4', [tokenHash, expiresAt ?? null, project, id])).rowCount ?? 0) > 0;
    },
    async memberByTokenHash(hash) {
      const r = (await q(`SELECT ${memberColumns} FROM members WHERE token_hash = $1`, [hash]))[0];
      return r && toMember(r as never);
    },
    async noteSync(project, member, pending) {
      await q('UPDATE members SET last_sync_at = $1, reported_pending = coalesce($2, reported_pending) WHERE project = $3 AND id = $4', [now(), pending, project, member]);
    },
    async transaction(project, fn) {
      return writerFor(project)(async (g) => {
        const { result, end } = await runBuffered(txFor(g.client, project), { lastSeq: g.last, workspace: g.workspace }, fn);
        // The group's seq and workspace move on only with a job that went through (a failed one's savepoint takes its rows).
        g.last = end.lastSeq;
        if (end.workspace !== undefined) g.workspace = end.workspace;
        return result;
      });
    },
    async read(project, readers: Reader[], after, limit): Promise<StoredEvent[]> {
      const plan = readPlan(readers);
      // One index range per reader class (each stops at the limit) and the staff column's, merged by the server: one round trip.
      const rows = await q<{ seq: string; body: string }>(
        plan.staff && !plan.rows.length
          ? 'SELECT seq, body FROM events WHERE project = $1 AND staff AND seq > $2 ORDER BY seq LIMIT $3'
          : `SELECT e.seq, e.body FROM events e WHERE e.project = $1 AND e.seq IN (
               SELECT DISTINCT u.seq FROM (
                 (SELECT seq FROM events WHERE $5 AND project = $1 AND staff AND seq > $3 ORDER BY seq LIMIT $4)
                 UNION ALL
                 SELECT s.seq FROM unnest($2::text[]) AS c(reader),
                   LATERAL (SELECT seq FROM event_readers r WHERE r.project = $1 AND r.reader = c.reader AND r.seq > $3 ORDER BY r.seq LIMIT $4) s
               ) AS u ORDER BY u.seq LIMIT $4)
             ORDER BY e.seq`,
        plan.staff && !plan.rows.length ? [project, after, limit] : [project, plan.rows, after, limit, plan.staff],
      );
      return rows.map((r) => ({ seq: Number(r.seq), body: r.body }));
    },
    async lastSeq(project) {
      return Number((await q<{ last_seq: string }>('SELECT last_seq FROM projects WHERE id = $1', [project]))[0]?.last_seq ?? 0);
    },
    async backup() {
      throw new Error('back up a PostgreSQL hub with pg_dump (see the README: "Backing up the hub")');
    },
    async close() {
      await pool.end();
    },
  };
}
