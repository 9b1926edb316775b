import type { AuthorFacts } from '../../shared/auth/eventPermissions';
import type { Role } from '../../shared/auth/roles';
import { workspaceFounder } from '../store/merge/workspace';
import { prepared } from '../store/prepared';
import type { SqliteDb } from '../store/sqlite';

// What this replica knows of an event's author, for shared/auth/eventPermissions.ts: the roles of
// their profile, and owner for whoever created the workspace (its founding owner).

export function knownRoles(db: SqliteDb, author: string): Role[] | undefined {
  const row = prepared(db, 'SELECT roles FROM raters WHERE id = ?').pluck().get(author) as string | undefined;
  const roles: Role[] | undefined = row === undefined ? undefined : JSON.parse(row);
  if (workspaceFounder(db) !== author) return roles;
  return roles?.includes('owner') ? roles : [...(roles ?? []), 'owner'];
}

export function authorFacts(db: SqliteDb, author: string): AuthorFacts {
  return {
    roles: knownRoles(db, author),
    founding: prepared(db, `SELECT 1 FROM meta WHERE key = 'workspace_id'`).get() === undefined,
    labelRater: (labelId) =>
      prepared(db, 'SELECT rater_id FROM labels WHERE id = (SELECT canonical_id FROM label_aliases WHERE label_id = ?)').pluck().get(labelId) as string | undefined,
  };
}
