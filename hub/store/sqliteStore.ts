import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { uuidv7 } from '../../shared/ids';
import type { Role } from '../../shared/auth/roles';
import { runBuffered, type TxBackend } from './bufferedTx';
import { groupCommitWriter } from './groupCommit';
import { readerRows, readPlan } from './readers';
import type { HubStore, Member, Reader, StoredEvent } from './types';

// The embedded store: one SQLite file in --data DIR (WAL). SQLite has one writer at a time, so a
// transaction is an IMMEDIATE transaction on the write connection, and transactions are queued in
// this process, those that queue up meanwhile sharing one commit (groupCommit.ts); reads use a
// second connection and see only committed data. Commits are durable (synchronous = FULL): the hub
// acknowledges a push only once it would survive a power cut.

const schema = `
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0, workspace_id TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS members (
  project TEXT NOT NULL REFERENCES projects(id), id TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, token_expires_at TEXT, created_at TEXT NOT NULL, revoked_at TEXT, last_sync_at TEXT, reported_pending INTEGER,
  PRIMARY KEY (project, id)
) STRICT;
CREATE TABLE IF NOT EXISTS events (
  project TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, author TEXT NOT NULL,
  body TEXT NOT NULL, stored_at TEXT NOT NULL, staff INTEGER NOT NULL,
  PRIMARY KEY (project, seq), UNIQUE (project, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_readers (
  project TEXT NOT NULL, reader TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (project, reader, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS assignments (
  project TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, batch TEXT NOT NULL, PRIMARY KEY (project, rater, sample, batch)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assignments_sample ON assignments(project, sample);
CREATE INDEX IF NOT EXISTS assignments_batch ON assignments(project, batch);
CREATE TABLE IF NOT EXISTS labels (
  project TEXT NOT NULL, label_id TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, PRIMARY KEY (project, label_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS samples (
  project TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, row_index INTEGER NOT NULL, PRIMARY KEY (project, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS profiles (
  project TEXT NOT NULL, id TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (project, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS samples_sent (
  project TEXT NOT NULL, rater TEXT NOT NULL, sample TEXT NOT NULL, PRIMARY KEY (project, rater, sample)
) STRICT, WITHOUT ROWID;
`;

type MemberRow = {
  project: string;
  id: string;
  name: string;
  roles: string;
  token_expires_at: string | null;
  created_at: string;
  revoked_at: string | null;
  last_sync_at: string | null;
  reported_pending: number | null;
};

export function toMember(r: MemberRow): Member {
  return {
    project: r.project,
    id: r.id,
    name: r.name,
    roles: (typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles) as Role[],
    tokenExpiresAt: r.token_expires_at,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastSyncAt: r.last_sync_at,
    reportedPending: r.reported_pending === null ? null : Number(r.reported_pending),
  };
}

const memberColumns = 'project, id, name, roles, token_expires_at, created_at, revoked_at, last_sync_at, reported_pending';

/** A hub database from before events had their staff column (readers.ts) gets it, from its 'staff' and 'all' reader rows. */
function migrate(db: Database.Database) {
  const hasColumn = () => (db.prepare(`SELECT name FROM pragma_table_info('events')`).pluck().all() as string[]).includes('staff');
  if (hasColumn()) return;
  // Asked again inside the write lock: another hub process opening the same folder may have just done it.
  db.transaction(() => {
    if (hasColumn()) return;
    db.exec(`ALTER TABLE events ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
      UPDATE events SET staff = EXISTS (SELECT 1 FROM event_readers r WHERE r.project = events.project AND r.seq = events.seq AND r.reader IN ('staff', 'all'));
      DELETE FROM event_readers WHERE reader = 'staff';`);
  }).immediate();
}

export function openSqliteHubStore(dataDir: string): HubStore {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'hub.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.exec(schema);
  migrate(db);
  const reader = new Database(file, { readonly: true });
  reader.pragma('busy_timeout = 10000');
  // Every write goes through one queue: a transaction spans awaits, and a write from another request
  // made on this connection meanwhile would join (and roll back with) it.
  const queue = groupCommitWriter<Database.Database>({
    begin: async () => (db.exec('BEGIN IMMEDIATE'), db),
    isOpen: () => db.inTransaction,
    savepoint: async () => void db.exec('SAVEPOINT job'),
    release: async () => void db.exec('RELEASE job'),
    rollbackToSavepoint: async () => void db.exec('ROLLBACK TO job; RELEASE job'),
    commit: async () => void db.exec('COMMIT'),
    rollback: async () => void db.exec('ROLLBACK'),
  });
  const write = <T>(fn: () => T) => queue(async () => fn());
  db.prepare(`INSERT OR IGNORE INTO hub_meta (key, value) VALUES ('origin', ?)`).run(uuidv7());
  const origin = db.prepare(`SELECT value FROM hub_meta WHERE key = 'origin'`).pluck().get() as string;
  const now = () => new Date().toISOString();

  // Statements compiled once per connection: a push runs several per event.
  const statements = new Map<string, Database.Statement>();
  const st = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const readStatements = new Map<string, Database.Statement>();
  const rd = (sql: string) => {
    let s = readStatements.get(sql);
    if (!s) readStatements.set(sql, (s = reader.prepare(sql)));
    return s;
  };
  const txFor = (project: string): TxBackend => {
    return {
      project,
      async insert({ events, labels }) {
        const at = now();
        const addEvent = st('INSERT INTO events (project, seq, id, type, author, body, stored_at, staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        const addReader = st('INSERT INTO event_readers (project, reader, seq) VALUES (?, ?, ?)');
        for (const row of events) {
          const { staff, rows } = readerRows(row.readers);
          addEvent.run(project, row.seq, row.id, row.type, row.author, row.body, at, staff ? 1 : 0);
          for (const r of rows) addReader.run(project, r, row.seq);
        }
        const addLabel = st('INSERT OR IGNORE INTO labels (project, label_id, rater, sample) VALUES (?, ?, ?, ?)');
        for (const r of labels) addLabel.run(project, r.labelId, r.rater, r.sample);
      },
      async lookup({ ids, pairs, labels }) {
        // In process, so three statements cost no round trips; each takes its whole list as one JSON array.
        return {
          stored: st(`SELECT id FROM events WHERE project = ? AND id IN (SELECT value FROM json_each(?))`).pluck().all(project, JSON.stringify(ids)) as string[],
          assigned: st(
            // CROSS JOIN: the pairs are the outer loop, each one index lookup (the planner would scan assignments otherwise).
            `SELECT DISTINCT a.rater, a.sample FROM json_each(?) j CROSS JOIN assignments a ON a.project = ? AND a.rater = j.value ->> 0 AND a.sample = j.value ->> 1`,
          ).all(JSON.stringify(pairs.map((p) => [p.rater, p.sample])), project) as { rater: string; sample: string }[],
          labelRaters: st('SELECT label_id, rater FROM labels WHERE project = ? AND label_id IN (SELECT value FROM json_each(?))').raw().all(project, JSON.stringify(labels)) as [string, string][],
        };
      },
      async workspaceId() {
        return (st('SELECT workspace_id FROM projects WHERE id = ?').pluck().get(project) as string | null) ?? null;
      },
      async setWorkspaceId(id) {
        st('UPDATE projects SET workspace_id = ? WHERE id = ?').run(id, project);
      },
      async addAssignments(batchId, rows) {
        const ins = st('INSERT OR IGNORE INTO assignments (project, rater, sample, batch) VALUES (?, ?, ?, ?)');
        for (const r of rows) ins.run(project, r.rater, r.sample, batchId);
      },
      async isAssigned(rater, sample) {
        return st('SELECT 1 FROM assignments WHERE project = ? AND rater = ? AND sample = ? LIMIT 1').get(project, rater, sample) !== undefined;
      },
      async assignedRaters(sample) {
        return st('SELECT DISTINCT rater FROM assignments WHERE project = ? AND sample = ? ORDER BY rater').pluck().all(project, sample) as string[];
      },
      async batchRaters(batchId) {
        return st('SELECT DISTINCT rater FROM assignments WHERE project = ? AND batch = ? ORDER BY rater').pluck().all(project, batchId) as string[];
      },
      async setProfileRoles(id, roles, onlyIfNew) {
        st(`INSERT INTO profiles (project, id, roles) VALUES (?, ?, ?) ON CONFLICT (project, id) DO ${onlyIfNew ? 'NOTHING' : 'UPDATE SET roles = excluded.roles'}`).run(project, id, JSON.stringify(roles));
      },
      async profileRoles(id) {
        const member = st('SELECT roles FROM members WHERE project = ? AND id = ?').pluck().get(project, id) as string | undefined;
        const roles = member ?? (st('SELECT roles FROM profiles WHERE project = ? AND id = ?').pluck().get(project, id) as string | undefined);
        return roles === undefined ? undefined : (JSON.parse(roles) as Role[]);
      },
      async addLabel(labelId, rater, sample) {
        st('INSERT OR IGNORE INTO labels (project, label_id, rater, sample) VALUES (?, ?, ?, ?)').run(project, labelId, rater, sample);
      },
      async labelRater(labelId) {
        return st('SELECT rater FROM labels WHERE project = ? AND label_id = ?').pluck().get(project, labelId) as string | undefined;
      },
      async indexSamples(seq, ids) {
        st(`INSERT OR IGNORE INTO samples (project, id, seq, row_index) SELECT ?, value, ?, key FROM json_each(?)`).run(project, seq, JSON.stringify(ids));
      },
      async samplePlaces(ids) {
        return st(`SELECT id, seq, row_index AS rowIndex FROM samples WHERE project = ? AND id IN (SELECT value FROM json_each(?))`).all(project, JSON.stringify(ids)) as { id: string; seq: number; rowIndex: number }[];
      },
      async eventBody(seq) {
        return st('SELECT body FROM events WHERE project = ? AND seq = ?').pluck().get(project, seq) as string;
      },
      async samplesSentTo(rater, ids) {
        return new Set(st(`SELECT sample FROM samples_sent WHERE project = ? AND rater = ? AND sample IN (SELECT value FROM json_each(?))`).pluck().all(project, rater, JSON.stringify(ids)) as string[]);
      },
      async markSamplesSent(rater, ids) {
        st(`INSERT OR IGNORE INTO samples_sent (project, rater, sample) SELECT ?, ?, value FROM json_each(?)`).run(project, rater, JSON.stringify(ids));
      },
    };
  };

  return {
    kind: 'sqlite',
    origin,
    createProject(name) {
      return write(() => {
        const id = uuidv7();
        db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now());
        return id;
      });
    },
    async projectName(project) {
      return rd('SELECT name FROM projects WHERE id = ?').pluck().get(project) as string | undefined;
    },
    addMember(project, m) {
      return write(() => {
        db.prepare('INSERT INTO members (project, id, name, roles, token_hash, token_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(project, m.id, m.name, JSON.stringify(m.roles), m.tokenHash, m.expiresAt ?? null, now());
      });
    },
    async listMembers(project) {
      return (rd(`SELECT ${memberColumns} FROM members WHERE project = ? ORDER BY id`).all(project) as MemberRow[]).map(toMember);
    },
    async getMember(project, id) {
      const r = rd(`SELECT ${memberColumns} FROM members WHERE project = ? AND id = ?`).get(project, id) as MemberRow | undefined;
      return r && toMember(r);
    },
    revokeMember(project, id) {
      return write(() => db.prepare('UPDATE members SET revoked_at = coalesce(revoked_at, ?) WHERE project = ? AND id = ?').run(now(), project, id).changes > 0);
    },
    setMemberToken(project, id, tokenHash, expiresAt) {
      return write(() => db.prepare('UPDATE members SET token_hash = ?, token_expires_at = ?, last_sync_at = NULL, revoked_at = NULL WHERE project = ? AND id = ?').run(tokenHash, expiresAt ?? null, project, id).changes > 0);
    },
    async memberByTokenHash(hash) {
      const r = rd(`SELECT ${memberColumns} FROM members WHERE token_hash = ?`).get(hash) as MemberRow | undefined;
      return r && toMember(r);
    },
    noteSync(project, member, pending) {
      return write(() => {
        db.prepare('UPDATE members SET last_sync_at = ?, reported_pending = coalesce(?, reported_pending) WHERE project = ? AND id = ?').run(now(), pending, project, member);
      });
    },
    transaction(project, fn) {
      return queue(async () => {
        const last = st('SELECT last_seq FROM projects WHERE id = ?').pluck().get(project) as number | undefined;
        if (last === undefined) throw new Error(`no project "${project}"`);
        const { result, end } = await runBuffered(txFor(project), { lastSeq: last }, fn);
        if (end.lastSeq !== last) st('UPDATE projects SET last_seq = ? WHERE id = ?').run(end.lastSeq, project);
        return result;
      });
    },
    async read(project, readers: Reader[], after, limit): Promise<StoredEvent[]> {
      const plan = readPlan(readers);
      const staffEvents = 'FROM events WHERE project = ? AND staff = 1 AND seq > ? ORDER BY seq LIMIT ?';
      if (plan.staff && !plan.rows.length) return rd(`SELECT seq, body ${staffEvents}`).all(project, after, limit) as StoredEvent[];
      // One index range per reader class, merged here: a single query over all classes sorted
      // every matching row before it could stop at the limit.
      const bySeq = rd('SELECT seq FROM event_readers WHERE project = ? AND reader = ? AND seq > ? ORDER BY seq LIMIT ?').pluck();
      const staffSeqs = plan.staff ? (rd(`SELECT seq ${staffEvents}`).pluck().all(project, after, limit) as number[]) : [];
      const seqs = [...new Set([...staffSeqs, ...plan.rows.flatMap((r) => bySeq.all(project, r, after, limit) as number[])])].sort((a, b) => a - b).slice(0, limit);
      if (!seqs.length) return [];
      const rows = rd('SELECT seq, body FROM events WHERE project = ? AND seq IN (SELECT value FROM json_each(?)) ORDER BY seq').all(project, JSON.stringify(seqs)) as StoredEvent[];
      return rows;
    },
    async lastSeq(project) {
      return (rd('SELECT last_seq FROM projects WHERE id = ?').pluck().get(project) as number | undefined) ?? 0;
    },
    async backup(file) {
      await db.backup(file);
    },
    async close() {
      await queue(async () => undefined);
      reader.close();
      db.close();
    },
  };
}
