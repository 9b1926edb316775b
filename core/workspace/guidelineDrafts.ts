import type { SavedGuidelineDraft } from '../../shared/api/types';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { writeTransaction } from '../store/transaction';
import type { Workspace } from './workspace';

// The guideline draft an owner is writing, saved on this machine as they edit (table
// guideline_drafts, migration 015): it survives a reload of the app or the browser. Never an event,
// never synced: a draft is nobody else's business until it is published.

export type DraftToSave = Omit<SavedGuidelineDraft, 'savedAt'>;

export function savedGuidelineDraft(ws: Workspace, profileId: string): SavedGuidelineDraft | null {
  const row = prepared(ws.db, 'SELECT document, saved_at AS savedAt FROM guideline_drafts WHERE profile_id = ?').get(profileId) as
    | { document: string; savedAt: string }
    | undefined;
  return row ? { ...(JSON.parse(row.document) as DraftToSave), savedAt: row.savedAt } : null;
}

/** Saves (replaces) the profile's draft; it must say what it is: the form's pack or the JSON text. */
export function saveGuidelineDraft(ws: Workspace, profileId: string, draft: DraftToSave): { savedAt: string } {
  if (draft.mode === 'form' && (draft.pack === undefined || draft.pack === null || typeof draft.pack !== 'object')) throw new InputError('a form draft needs its pack');
  if (draft.mode === 'json' && typeof draft.json !== 'string') throw new InputError('a JSON draft needs its text');
  if (!prepared(ws.db, 'SELECT 1 FROM guidelines WHERE id = ? AND version = ?').get(draft.base.id, draft.base.version)) {
    throw new InputError(`a draft starts from a published version: ${draft.base.id}@${draft.base.version} is not published in this workspace`);
  }
  const doc: DraftToSave = draft.mode === 'form' ? { base: draft.base, mode: 'form', pack: draft.pack } : { base: draft.base, mode: 'json', json: draft.json };
  const savedAt = new Date().toISOString();
  writeTransaction(ws.db, () =>
    prepared(
      ws.db,
      `INSERT INTO guideline_drafts (profile_id, document, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (profile_id) DO UPDATE SET document = excluded.document, saved_at = excluded.saved_at`,
    ).run(profileId, JSON.stringify(doc), savedAt),
  );
  return { savedAt };
}

export function discardGuidelineDraft(ws: Workspace, profileId: string): void {
  writeTransaction(ws.db, () => prepared(ws.db, 'DELETE FROM guideline_drafts WHERE profile_id = ?').run(profileId));
}
