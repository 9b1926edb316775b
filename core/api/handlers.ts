import type { Handlers } from '../../shared/api/define';
import { contract, type ApiContract } from '../../shared/api/contract';
import type { ItemView } from '../../shared/api/types';
import { contentWarning } from '../../shared/samples/wellbeing';
import { InputError } from '../errors';
import { countWaiting } from '../store/merge/waiting';
import { prepared } from '../store/prepared';
import { activeGuidelineRef, getGuideline } from '../workspace/guidelines';
import { findLabel, saveLabel, undoLastSubmission } from '../workspace/labels';
import { clearMark, getMark, markItem } from '../workspace/marks';
import { nextTodo, queueItem, queueLength, queuePage } from '../workspace/queue';
import { createFirstProfile, createRater, getRater, hasProfiles, listRaters, setRoles } from '../workspace/raters';
import { flagAnswer, sentBackNote } from '../workspace/reviewNotes';
import { getSample, sampleCount } from '../workspace/samples';
import { graderScoresVisibleToRaters } from '../workspace/settings';
import type { Workspace } from '../workspace/workspace';
import type { Engine } from './dispatch';
import { createGraderHandlers } from './graderHandlers';
import { createOwnerHandlers } from './ownerHandlers';
import { createSyncHandlers, replicaMember } from './syncHandlers';
import type { BackgroundSync } from '../sync/background';
import { readHubConnection } from '../sync/hubConnection';
import { unsyncedCount } from '../sync/sync';

export interface EngineOptions {
  /** The workspace's background sync, when it is connected to a hub and the engine runs one. */
  sync?: BackgroundSync;
}
import { createTeamHandlers } from './teamHandlers';

/** The engine over one open workspace, for a bridge to dispatch calls to (core/api/dispatch.ts). */
export function createEngine(ws: Workspace, options: EngineOptions = {}): Engine {
  const handlers = createHandlers(ws, options);
  const sync = options.sync;
  if (sync) {
    // Every call that records events nudges the background sync once it has answered: the change
    // is committed locally first, and the call never waits for the network.
    for (const name of Object.keys(contract) as (keyof ApiContract)[]) {
      if (!contract[name].access.writes || name === 'syncNow' || name === 'setHubToken') continue;
      const handler = handlers[name] as (input: unknown, ctx: unknown) => unknown;
      (handlers as Record<string, unknown>)[name] = (input: unknown, ctx: unknown) => {
        const out = handler(input, ctx);
        sync.nudge();
        return out;
      };
    }
  }
  return { handlers, profile: (id) => getRater(ws, id), hasProfiles: () => hasProfiles(ws) };
}

/**
 * The engine's side of the API contract, over one open workspace. Every handler acts as `ctx.actor`,
 * the session's profile, which dispatch has already checked against the call's access rule.
 */
export function createHandlers(ws: Workspace, options: EngineOptions = {}): Handlers<ApiContract> {
  const activeRef = () => {
    const ref = activeGuidelineRef(ws);
    if (!ref) throw new InputError('the workspace has no active guideline');
    return ref;
  };
  /** Raters act only on items of their own queue. */
  const inQueue = (raterId: string, sampleId: string) => {
    const item = queueItem(ws, raterId, sampleId);
    if (!item) throw new InputError(`"${sampleId}" is not in ${raterId}'s queue`);
    return item;
  };
  const nextAfter = (raterId: string, sampleId: string) => nextTodo(ws, raterId, inQueue(raterId, sampleId).position + 1);

  return {
    ...createOwnerHandlers(ws),
    ...createGraderHandlers(ws),
    ...createSyncHandlers(ws, options.sync),
    ...createTeamHandlers(ws),

    appInfo() {
      const name = prepared(ws.db, `SELECT value FROM meta WHERE key = 'workspace_name'`).pluck().get() as string | undefined;
      return {
        workspace: ws.dir,
        workspaceName: name ?? ws.dir,
        guideline: activeRef(),
        samples: sampleCount(ws),
        // Only what the hub has not acknowledged (on a workspace without a hub: every change).
        unsyncedChanges: unsyncedCount(ws.db),
        pendingEvents: countWaiting(ws.db).pending,
        online: Boolean(readHubConnection(ws.dir)) && options.sync?.state().problem?.kind !== 'offline',
        graderScoresVisibleToRaters: graderScoresVisibleToRaters(ws),
      };
    },

    getGuideline({ id, version }) {
      const pack = getGuideline(ws, { id, version });
      if (!pack) throw new InputError(`guideline ${id}@${version} is not published in this workspace`);
      return pack;
    },

    listProfiles: () => listRaters(ws),
    currentProfile: (_input, { actor }) => actor,
    signIn({ profileId }, { session }) {
      // Local sign-in: anyone at this machine may be any of its profiles (README, "Identity and roles").
      const profile = getRater(ws, profileId);
      if (!profile) throw new InputError(`no profile "${profileId}"`);
      // A member's replica of a team project is that member's: the hub would refuse anyone else's changes.
      const member = replicaMember(ws);
      if (member !== null && profileId !== member) throw new InputError(`this workspace is ${member}'s replica of a team project: only ${member} signs in here`);
      return { profile, session: session.signIn(profile.id) };
    },
    signOut(_input, { session }) {
      session.signOut();
      return null;
    },
    createProfile({ id, name, roles }, { actor }) {
      // No actor: dispatch let it through because the workspace has no profile yet.
      return actor ? createRater(ws, { id, name, roles }, actor.id) : createFirstProfile(ws, { id, name, roles });
    },
    setProfileRoles: ({ profileId, roles }, { actor }) => setRoles(ws, profileId, roles, actor.id),

    queue: (input, { actor }) => queuePage(ws, { ...input, raterId: actor.id }),
    nextTodo: ({ fromPosition }, { actor }) => nextTodo(ws, actor.id, fromPosition),

    getItem({ sampleId }, { actor }): ItemView {
      const item = inQueue(actor.id, sampleId);
      const sample = getSample(ws, sampleId);
      if (!sample) throw new InputError(`no sample "${sampleId}"`);
      const label = findLabel(ws, sampleId, actor.id, item.guideline);
      const mark = getMark(ws, actor.id, sampleId);
      const { scores, ...unscored } = sample;
      return {
        sample: graderScoresVisibleToRaters(ws) ? sample : unscored,
        contentWarning: contentWarning(scores, { withScore: graderScoresVisibleToRaters(ws) }),
        position: item.position,
        total: queueLength(ws, actor.id),
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
        sentBack: sentBackNote(ws, actor.id, sampleId, item.guideline),
        flagAnswer: flagAnswer(ws, actor.id, sampleId),
      };
    },

    saveLabel({ sampleId, values, timeSpentMs }, { actor }) {
      const item = inQueue(actor.id, sampleId);
      const label = saveLabel(ws, { raterId: actor.id, sampleId, values, timeSpentMs, guideline: item.guideline });
      return { labelId: label.id, revision: label.revision, nextSampleId: nextTodo(ws, actor.id, item.position + 1) };
    },

    skipItem({ sampleId }, { actor }) {
      inQueue(actor.id, sampleId);
      markItem(ws, { raterId: actor.id, sampleId, mark: 'skipped' });
      return { nextSampleId: nextAfter(actor.id, sampleId) };
    },

    flagItem({ sampleId, comment }, { actor }) {
      inQueue(actor.id, sampleId);
      markItem(ws, { raterId: actor.id, sampleId, mark: 'flagged', comment });
      return { nextSampleId: nextAfter(actor.id, sampleId) };
    },

    clearMark({ sampleId }, { actor }) {
      inQueue(actor.id, sampleId);
      clearMark(ws, actor.id, sampleId);
      return null;
    },

    undoLastSubmission: (_input, { actor }) => undoLastSubmission(ws, actor.id) ?? null,
  };
}
