import type { SqliteDb } from '../store/sqlite';
import { isShareable } from '../store/unfinishedImports';

// Events stored here that must not leave this machine yet: the one rule is the store's isShareable
// (the events of an import that has not finished here: core/store/unfinishedImports.ts). Bundle
// export (and the hub's push later) asks only this function.
export function withheldFromExport(db: SqliteDb): (e: { seq: number; id: string; type: string }) => boolean {
  return (e) => !isShareable(db, e);
}
