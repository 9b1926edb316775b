import type { Handlers } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import type { ItemView } from '../../shared/api/types';
import { contentWarning } from '../../shared/samples/wellbeing';
import { InputError } from '../errors';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline } from '../workspace/guidelines';
import { findLabel, saveLabel, undoLastSubmission } from '../workspace/labels';
import { clearMark, getMark, markItem } from '../workspace/marks';
import { nextTodo, queueItem, queueLength, queuePage } from '../workspace/queue';
import { createRater, getRater, listRaters } from '../workspace/raters';
import { getSample, sampleCount } from '../workspace/samples';
import { graderScoresVisibleToRaters } from '../workspace/settings';
import type { Workspace } from '../workspace/workspace';
import { createGraderHandlers } from './graderHandlers';
import { createOwnerHandlers } from './ownerHandlers';

/** The engine's side of the API contract, over one open workspace. */
export function createHandlers(ws: Workspace): Handlers<ApiContract> {
  const requireRater = (raterId: string) => {
    if (!getRater(ws, raterId)) throw new InputError(`no rater profile "${raterId}"`);
  };
  const activeRef = () => {
    const ref = activeGuidelineRef(ws);
    if (!ref) throw new InputError('the workspace has no active guideline');
    return ref;
  };

  return {
    ...createOwnerHandlers(ws),
    ...createGraderHandlers(ws),

    appInfo() {
      const name = prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_name'`).pluck().get() as string | undefined;
      return {
        workspace: ws.dir,
        workspaceName: name ?? ws.dir,
        guideline: activeRef(),
        samples: sampleCount(ws),
        unsyncedChanges: prepared(ws.db, 'SELECT count(*) FROM events').pluck().get() as number,
        online: false,
        graderScoresVisibleToRaters: graderScoresVisibleToRaters(ws),
      };
    },

    getGuideline({ id, version }) {
      const pack = getGuideline(ws, { id, version });
      if (!pack) throw new InputError(`guideline ${id}@${version} is not published in this workspace`);
      return pack;
    },

    listProfiles: () => listRaters(ws),
    createProfile: ({ id, name, roles }) => createRater(ws, { id, name, roles }),

    queue(input) {
      requireRater(input.raterId);
      return queuePage(ws, input);
    },

    nextTodo({ raterId, fromPosition }) {
      requireRater(raterId);
      return nextTodo(ws, raterId, fromPosition);
    },

    getItem({ raterId, sampleId }): ItemView {
      requireRater(raterId);
      const sample = getSample(ws, sampleId);
      const item = queueItem(ws, raterId, sampleId);
      if (!sample || !item) throw new InputError(`"${sampleId}" is not in ${raterId}'s queue`);
      const label = findLabel(ws, sampleId, raterId, item.guideline);
      const mark = getMark(ws, raterId, sampleId);
      const { scores, ...unscored } = sample;
      return {
        sample: graderScoresVisibleToRaters(ws) ? sample : unscored,
        contentWarning: contentWarning(scores),
        position: item.position,
        total: queueLength(ws, raterId),
        state: item.state,
        guideline: item.guideline,
        label:
          label && !label.retracted
            ? {
                labelId: label.id,
                values: label.values,
                revision: label.revision,
                timeSpentMs: label.timeSpentMs,
                guideline: label.guideline,
                createdAt: label.createdAt,
                revisedAt: label.revisedAt,
              }
            : null,
        flagComment: mark?.mark === 'flagged' ? mark.comment : null,
      };
    },

    saveLabel({ raterId, sampleId, values, timeSpentMs }) {
      requireRater(raterId);
      const item = queueItem(ws, raterId, sampleId);
      if (!item) throw new InputError(`"${sampleId}" is not in ${raterId}'s queue`);
      const label = saveLabel(ws, { raterId, sampleId, values, timeSpentMs, guideline: item.guideline });
      return { labelId: label.id, revision: label.revision, nextSampleId: nextTodo(ws, raterId, item.position + 1) };
    },

    skipItem({ raterId, sampleId }) {
      markItem(ws, { raterId, sampleId, mark: 'skipped' });
      return { nextSampleId: nextTodo(ws, raterId, (queueItem(ws, raterId, sampleId)?.position ?? -1) + 1) };
    },

    flagItem({ raterId, sampleId, comment }) {
      markItem(ws, { raterId, sampleId, mark: 'flagged', comment });
      return { nextSampleId: nextTodo(ws, raterId, (queueItem(ws, raterId, sampleId)?.position ?? -1) + 1) };
    },

    clearMark({ raterId, sampleId }) {
      clearMark(ws, raterId, sampleId);
      return null;
    },

    undoLastSubmission({ raterId }) {
      requireRater(raterId);
      return undoLastSubmission(ws, raterId) ?? null;
    },
  };
}
