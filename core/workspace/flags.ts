import type { FlagsView, FlagView } from '../../shared/api/types';
import { contentWarning } from '../../shared/samples/wellbeing';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { getSample } from './samples';
import type { Workspace } from './workspace';

// Raters' flags as owners and adjudicators see them (the Flagged view), their answers, and what each
// rater left skipped. A flag is open until a reviewer resolves it (`flag.resolved`, naming the flag's
// event) or the rater clears it; a resolved flag gives the item back to the rater with the note.

type Status = 'open' | 'resolved' | 'all';

const statusSql: Record<Status, string> = { open: 'fr.flag_event_id IS NULL', resolved: 'fr.flag_event_id IS NOT NULL', all: '1' };

/** What the list shows of the item: the start of its output, and whether it starts blurred (the list then hides it, as the queue does). */
function preview(ws: Workspace, sampleId: string): { preview: string; contentWarning: FlagView['contentWarning'] } {
  const sample = getSample(ws, sampleId);
  return { preview: sample?.output.slice(0, 160) ?? '', contentWarning: contentWarning(sample?.scores) };
}

/** Flags newest first (open, resolved or all), with counts, and skips and open flags per rater. */
export function listFlags(ws: Workspace, status: Status): FlagsView {
  const rows = prepared(
    ws.db,
    `SELECT m.event_id AS flagId, m.rater_id AS raterId, r.name AS raterName, m.sample_id AS sampleId, coalesce(m.comment, '') AS comment, m.at,
            fr.note, fr.author AS by, coalesce(br.name, fr.author) AS byName, fr.at AS resolvedAt
     FROM item_marks m JOIN raters r ON r.id = m.rater_id
     LEFT JOIN flag_resolutions fr ON fr.flag_event_id = m.event_id LEFT JOIN raters br ON br.id = fr.author
     WHERE m.mark = 'flagged' AND ${statusSql[status]} ORDER BY m.at DESC, m.rater_id, m.sample_id`,
  ).all() as { flagId: string; raterId: string; raterName: string; sampleId: string; comment: string; at: string; note: string | null; by: string | null; byName: string | null; resolvedAt: string | null }[];
  const flags: FlagView[] = rows.map((r) => ({
    flagId: r.flagId,
    raterId: r.raterId,
    raterName: r.raterName,
    sampleId: r.sampleId,
    comment: r.comment,
    at: r.at,
    ...preview(ws, r.sampleId),
    resolution: r.note !== null ? { note: r.note, by: r.by!, byName: r.byName!, at: r.resolvedAt! } : null,
  }));
  const counts = prepared(
    ws.db,
    `SELECT coalesce(sum(fr.flag_event_id IS NULL), 0) AS open, coalesce(sum(fr.flag_event_id IS NOT NULL), 0) AS resolved
     FROM item_marks m LEFT JOIN flag_resolutions fr ON fr.flag_event_id = m.event_id WHERE m.mark = 'flagged'`,
  ).get() as { open: number; resolved: number };
  const raters = prepared(
    ws.db,
    `SELECT r.id AS raterId, r.name,
            (SELECT count(*) FROM item_marks m WHERE m.rater_id = r.id AND m.mark = 'skipped') AS skipped,
            (SELECT count(*) FROM item_marks m WHERE m.rater_id = r.id AND m.mark = 'flagged'
               AND NOT EXISTS (SELECT 1 FROM flag_resolutions fr WHERE fr.flag_event_id = m.event_id)) AS flagged
     FROM raters r WHERE EXISTS (SELECT 1 FROM json_each(r.roles) WHERE value = 'rater') OR EXISTS (SELECT 1 FROM item_marks m WHERE m.rater_id = r.id)
     ORDER BY r.name, r.id`,
  ).all() as FlagsView['raters'];
  return { flags, open: counts.open, resolved: counts.resolved, raters };
}

/** An owner or adjudicator (`by`) answers a rater's open flag on an item: resolved, and the item is the rater's to do again. */
export function resolveFlag(ws: Workspace, input: { raterId: string; sampleId: string; note: string }, by: string): void {
  const note = input.note.trim();
  if (!note) throw new InputError('resolving a flag needs a note for the rater');
  const flag = prepared(ws.db, `SELECT event_id FROM item_marks WHERE rater_id = ? AND sample_id = ? AND mark = 'flagged'`).pluck().get(input.raterId, input.sampleId) as
    | string
    | undefined;
  if (!flag) throw new InputError(`${input.raterId} has no flag on "${input.sampleId}"`);
  if (prepared(ws.db, 'SELECT 1 FROM flag_resolutions WHERE flag_event_id = ?').get(flag)) throw new InputError(`${input.raterId}'s flag on "${input.sampleId}" is already resolved`);
  appendEvents(ws.db, [newEvent('flag.resolved', by, { raterId: input.raterId, sampleId: input.sampleId, flagEventId: flag, note })]);
}
