import type { ConcordEvent } from '../../../shared/events';
import { prepared } from '../prepared';
import { setMeta } from '../projections';
import type { SqliteDb } from '../sqlite';
import { newestWins, oldestWins, registerWriter } from './registers';
import { setAside, takeBack } from './waiting';

// The workspace itself and its profiles.
// - workspace.created: the first by clock names the workspace; one naming another workspace is set aside.
// - a setting, the active guideline: registers, the latest by clock holds them.
// - a profile: the first creation by clock is its creation (name, creation time and clock, and its
//   roles until one is set); another creation of the id (two machines importing the same labels)
//   changes nothing. Its roles are then the latest role change by clock: a creation made without
//   knowing of a role change never undoes it.

export function workspaceCreated(db: SqliteDb, e: ConcordEvent<'workspace.created'>, eventAt: (seq: number) => ConcordEvent): string | void {
  const seqs = prepared(db, `SELECT seq FROM events WHERE type = 'workspace.created' ORDER BY hlc, id`).pluck().all() as number[];
  const [first, ...later] = seqs.map((s) => eventAt(s) as ConcordEvent<'workspace.created'>);
  setMeta(db, 'workspace_id', first.payload.workspaceId);
  setMeta(db, 'workspace_name', first.payload.name);
  let mine: string | undefined;
  for (const w of later) {
    if (w.payload.workspaceId === first.payload.workspaceId) {
      takeBack(db, w.id);
      continue;
    }
    const reason = `this is workspace ${first.payload.workspaceId}, created first (event ${first.id}); this event creates ${w.payload.workspaceId}`;
    if (w.id === e.id) mine = reason;
    else setAside(db, w.id, reason);
  }
  takeBack(db, first.id);
  return mine;
}

/** The author of the workspace's first creation: its founding owner. */
export function workspaceFounder(db: SqliteDb): string | undefined {
  return prepared(db, `SELECT author FROM events WHERE type = 'workspace.created' ORDER BY hlc, id LIMIT 1`).pluck().get() as string | undefined;
}

export function settingWritten(db: SqliteDb, e: ConcordEvent<'workspace.setting'>): void {
  if (newestWins(db, `setting:${e.payload.key}`, e)) setMeta(db, `setting.${e.payload.key}`, JSON.stringify(e.payload.value));
}

export function guidelineActivated(db: SqliteDb, e: ConcordEvent<'guideline.activated'>): void {
  if (newestWins(db, 'guideline.active', e)) setMeta(db, 'active_guideline', JSON.stringify({ id: e.payload.id, version: e.payload.version }));
}

export function raterCreated(db: SqliteDb, e: ConcordEvent<'rater.created'>): void {
  const p = e.payload;
  if (!oldestWins(db, `rater:${p.raterId}`, e)) return;
  const rolesSet = registerWriter(db, `roles:${p.raterId}`) !== undefined;
  prepared(
    db,
    `INSERT INTO raters (id, name, roles, created_at, hlc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at, hlc = excluded.hlc${rolesSet ? '' : ', roles = excluded.roles'}`,
  ).run(p.raterId, p.name, JSON.stringify(p.roles), e.ts, e.hlc);
}

export function rolesSet(db: SqliteDb, e: ConcordEvent<'rater.roles_set'>): void {
  if (newestWins(db, `roles:${e.payload.raterId}`, e)) prepared(db, 'UPDATE raters SET roles = ? WHERE id = ?').run(JSON.stringify(e.payload.roles), e.payload.raterId);
}
