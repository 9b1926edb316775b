import { z } from 'zod';
import type { GuidelinePack } from '../guidelines/schema';
import { endpoint } from './define';
import type { AppInfo, ItemView, Profile, QueuePage, SaveResult } from './types';

const raterId = z.string().min(1).max(64);
const sampleId = z.string().min(1).max(1000);
const values = z.record(z.string(), z.unknown());

/**
 * Every call the renderer may make, declared once. The engine implements it (core/api/handlers.ts);
 * Electron's IPC (electron/) and the local HTTP bridge (core/server/) are generated from it.
 */
export const contract = {
  appInfo: endpoint<AppInfo>()(z.object({})),
  getGuideline: endpoint<GuidelinePack>()(z.object({ id: z.string().min(1), version: z.string().min(1) })),

  listProfiles: endpoint<Profile[]>()(z.object({})),
  createProfile: endpoint<Profile>()(z.object({ id: raterId, name: z.string().trim().min(1).max(100) })),

  queue: endpoint<QueuePage>()(
    z.object({
      raterId,
      filter: z.enum(['all', 'todo', 'done', 'skipped', 'flagged']).default('all'),
      search: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  /** The first item still to do, at or after a queue position. */
  nextTodo: endpoint<string | null>()(z.object({ raterId, fromPosition: z.number().int().min(0).default(0) })),
  getItem: endpoint<ItemView>()(z.object({ raterId, sampleId })),

  /** Submits a first label, or revises this rater's existing one (a revision keeps history). */
  saveLabel: endpoint<SaveResult>()(z.object({ raterId, sampleId, values, timeSpentMs: z.number().int().min(0) })),
  skipItem: endpoint<{ nextSampleId: string | null }>()(z.object({ raterId, sampleId })),
  flagItem: endpoint<{ nextSampleId: string | null }>()(z.object({ raterId, sampleId, comment: z.string().trim().min(1).max(2000) })),
  clearMark: endpoint<null>()(z.object({ raterId, sampleId })),
  /** Takes back this rater's most recent submission (it stays in the history); returns its sample. */
  undoLastSubmission: endpoint<{ sampleId: string } | null>()(z.object({ raterId })),
} as const;

export type ApiContract = typeof contract;
export type ApiName = keyof ApiContract;
