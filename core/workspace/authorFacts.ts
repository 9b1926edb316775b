import type { AuthorFacts } from '../../shared/auth/eventPermissions';
import type { Role } from '../../shared/auth/roles';
import { workspaceFounder } from '../store/merge/workspace';
import { prepared } from '../store/prepared';
import type { SqliteDb } from '../store/sqlite';

// What this replica knows of an event's author, for shared/auth/eventPermissions.ts: the roles of
// their profile; for whoever created the workspace, owner until their profile is known (a workspace
// is created, then its owner's profile, both by the owner; one made before profiles had roles was
// set up by its creator without any profile). Once the profile is known its roles alone count: a
// founder an owner later took the owner role from is no longer one.

export function knownRoles(db: SqliteDb, author: string): Role[] | undefined {
  const row = prepared(db, 'SELECT roles FROM raters WHERE id = ?').pluck().get(author) as string | undefined;
  if (row !== undefined) return JSON.parse(row);
  return workspaceFounder(db) === author ? ['owner'] : undefined;
}

export function authorFacts(db: SqliteDb, author: string): AuthorFacts {
  return {
    roles: knownRoles(db, author),
    founding: prepared(db, `SELECT 1 FROM meta WHERE key = 'workspace_id'`).get() === undefined,
    ownerKnown: prepared(db, `SELECT 1 FROM raters WHERE EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'owner')`).get() !== undefined,
    labelRater: (labelId) =>
      prepared(db, 'SELECT rater_id FROM labels WHERE id = (SELECT canonical_id FROM label_aliases WHERE label_id = ?)').pluck().get(labelId) as string | undefined,
  };
}
