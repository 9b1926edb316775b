import type { GapNoteView } from '../../shared/api/types';
import { compareSemver } from '../../shared/guidelines/semver';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { writeTransaction } from '../store/transaction';
import type { Workspace } from './workspace';

// Gaps adjudicators flag in a guideline version (`guideline.gap_flagged`) and their resolution by an
// owner (`guideline.gap_resolved`): open until resolved, then kept, with how it was settled.

interface Row {
  id: string;
  note: string;
  field: string | null;
  sampleId: string | null;
  author: string;
  authorName: string | null;
  at: string;
  rNote: string | null;
  addressedIn: string | null;
  by: string | null;
  byName: string | null;
  resolvedAt: string | null;
}

/** The gap notes of one version: open ones first, each group in the order flagged. */
export function gapNotes(ws: Workspace, ref: { id: string; version: string }): GapNoteView[] {
  const rows = prepared(
    ws.db,
    `SELECT n.id, n.note, n.field, n.sample_id AS sampleId, n.author, a.name AS authorName, n.at,
            g.note AS rNote, g.addressed_in AS addressedIn, g.author AS by, b.name AS byName, g.at AS resolvedAt
     FROM guideline_notes n
     LEFT JOIN guideline_gap_resolutions g ON g.gap_event_id = n.id
     LEFT JOIN raters a ON a.id = n.author
     LEFT JOIN raters b ON b.id = g.author
     WHERE n.guideline_id = ? AND n.guideline_version = ?
     ORDER BY g.gap_event_id IS NOT NULL, n.at, n.id`,
  ).all(ref.id, ref.version) as Row[];
  return rows.map((r) => ({
    id: r.id,
    note: r.note,
    field: r.field,
    sampleId: r.sampleId,
    author: r.author,
    authorName: r.authorName ?? r.author,
    at: r.at,
    resolution: r.rNote !== null ? { note: r.rNote, addressedIn: r.addressedIn, by: r.by!, byName: r.byName ?? r.by!, at: r.resolvedAt! } : null,
  }));
}

/**
 * An owner (`by`) settles an open gap note: how, and optionally the published version of that
 * guideline that addresses it (the flagged version or a later one).
 */
export function resolveGuidelineGap(ws: Workspace, input: { gapId: string; note: string; addressedIn?: string }, by: string): void {
  const note = input.note.trim();
  if (!note) throw new InputError('resolving a gap needs a note: how the guideline settles it');
  writeTransaction(ws.db, () => {
    const gap = prepared(ws.db, 'SELECT guideline_id AS id, guideline_version AS version FROM guideline_notes WHERE id = ?').get(input.gapId) as
      | { id: string; version: string }
      | undefined;
    if (!gap) throw new InputError(`no gap note "${input.gapId}"`);
    if (prepared(ws.db, 'SELECT 1 FROM guideline_gap_resolutions WHERE gap_event_id = ?').get(input.gapId)) {
      throw new InputError(`the gap note "${input.gapId}" is already resolved`);
    }
    if (input.addressedIn !== undefined) {
      const published = prepared(ws.db, 'SELECT 1 FROM guidelines WHERE id = ? AND version = ?').get(gap.id, input.addressedIn);
      if (!published) throw new InputError(`${gap.id}@${input.addressedIn} is not published in this workspace`);
      if (compareSemver(input.addressedIn, gap.version) < 0) {
        throw new InputError(`the gap was flagged against ${gap.id} ${gap.version}: ${input.addressedIn} is older and cannot address it`);
      }
    }
    const addressed = input.addressedIn !== undefined ? { addressedIn: input.addressedIn } : {};
    appendEvents(ws.db, [newEvent('guideline.gap_resolved', by, { gapEventId: input.gapId, note, ...addressed })]);
  });
}
