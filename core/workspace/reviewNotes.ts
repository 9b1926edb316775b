import { prepared } from '../store/prepared';
import type { GuidelineRef } from './guidelines';
import type { Workspace } from './workspace';

// What reviewers tell a rater about an item of theirs: an adjudicator's send-back note (shown until
// the rater labels the item again), and the answer to the rater's flag (shown while the item is to do).

/**
 * SQL: the label `l` was retracted by a send-back and not labeled again: it has no standing revision,
 * and one of its revisions not undone came before a send-back of its item (by clock).
 */
export const sentBackLabel = (l: string) => `(${l}.retracted = 1 AND EXISTS (
  SELECT 1 FROM sent_backs sb JOIN label_revisions r ON r.label_id = ${l}.id AND r.undone = 0 AND (r.hlc < sb.hlc OR (r.hlc = sb.hlc AND r.event_id < sb.event_id))
  WHERE sb.sample_id = ${l}.sample_id AND sb.guideline_id = ${l}.guideline_id AND sb.guideline_version = ${l}.guideline_version))`;

/** SQL: the mark `m` still stands for the rater: a skip, or a flag no reviewer has resolved. */
export const openMark = (m: string) => `(${m}.mark = 'skipped' OR NOT EXISTS (SELECT 1 FROM flag_resolutions fr WHERE fr.flag_event_id = ${m}.event_id))`;

export interface SentBackNote {
  reason: string;
  at: string;
}

/** The adjudicator's note on an item sent back to this rater, until they label it again. */
export function sentBackNote(ws: Workspace, raterId: string, sampleId: string, g: GuidelineRef): SentBackNote | null {
  const row = prepared(
    ws.db,
    `SELECT sb.reason, sb.at FROM labels l JOIN sent_backs sb ON sb.sample_id = l.sample_id AND sb.guideline_id = l.guideline_id AND sb.guideline_version = l.guideline_version
     WHERE l.rater_id = ? AND l.sample_id = ? AND l.guideline_id = ? AND l.guideline_version = ? AND ${sentBackLabel('l')}
     ORDER BY sb.hlc DESC, sb.event_id DESC LIMIT 1`,
  ).get(raterId, sampleId, g.id, g.version) as SentBackNote | undefined;
  return row ?? null;
}

export interface FlagAnswer {
  note: string;
  by: string;
  at: string;
}

/** A reviewer's answer to this rater's flag on the item (the flag is then resolved). */
export function flagAnswer(ws: Workspace, raterId: string, sampleId: string): FlagAnswer | null {
  const row = prepared(
    ws.db,
    `SELECT fr.note, fr.author AS by, fr.at FROM item_marks m JOIN flag_resolutions fr ON fr.flag_event_id = m.event_id
     WHERE m.rater_id = ? AND m.sample_id = ? AND m.mark = 'flagged'`,
  ).get(raterId, sampleId) as FlagAnswer | undefined;
  return row ?? null;
}
