import { z } from 'zod';
import { roleSchema } from '../auth/roles';
import type { PackDiff } from '../guidelines/diff';
import type { GuidelinePack } from '../guidelines/schema';
import type { GradersView } from '../graders/types';
import { batchFiltersSchema } from '../sampling/batchFilters';
import { endpoint } from './define';
import type {
  BatchPoolView,
  AdjudicationItem,
  AgreementView,
  AppInfo,
  BatchSummary,
  CreatedBatchView,
  DisagreementView,
  DraftCheck,
  ExportResult,
  GuidelineVersionInfo,
  ItemView,
  Profile,
  QueuePage,
  SaveResult,
} from './types';

const raterId = z.string().min(1).max(64);
const sampleId = z.string().min(1).max(1000);
const values = z.record(z.string(), z.unknown());
const guidelineRef = z.object({ id: z.string().min(1), version: z.string().min(1) });
const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any'), field: z.string().optional() }),
  z.object({ kind: z.literal('spread'), field: z.string().default('severity'), levels: z.number().int().min(1) }),
  z.object({ kind: z.literal('low-confidence'), threshold: z.number().gt(0).max(1), method: z.enum(['majority', 'dawid-skene']).default('dawid-skene') }),
]);

/**
 * Every call the renderer may make, declared once. The engine implements it (core/api/handlers.ts);
 * Electron's IPC (electron/) and the local HTTP bridge (core/server/) are generated from it.
 */
export const contract = {
  appInfo: endpoint<AppInfo>()(z.object({})),
  getGuideline: endpoint<GuidelinePack>()(z.object({ id: z.string().min(1), version: z.string().min(1) })),

  listProfiles: endpoint<Profile[]>()(z.object({})),
  createProfile: endpoint<Profile>()(
    z.object({ id: raterId, name: z.string().trim().min(1).max(100), roles: z.array(roleSchema).min(1).default(['rater']) }),
  ),

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

  // Owners: batches, agreement, guideline versions, export.
  createBatch: endpoint<CreatedBatchView>()(
    z.object({
      name: z.string().trim().min(1).max(200),
      size: z.number().int().min(1),
      seed: z.number().int(),
      strategy: z.enum(['random', 'stratified']).default('random'),
      stratifyBy: z.string().optional(),
      bins: z.number().int().min(2).max(20).default(5),
      overlap: z.object({ k: z.number().int().min(1), fraction: z.number().gt(0).max(1).default(1) }),
      goldShare: z.number().min(0).max(1).default(0),
      raters: z.array(raterId).min(1),
      filters: batchFiltersSchema.default({ excludeBatched: true }),
    }),
  ),
  /** How many samples (and gold items) a new batch could draw from under these filters, and what to filter by. */
  batchPool: endpoint<BatchPoolView>()(z.object({ filters: batchFiltersSchema.default({ excludeBatched: true }) })),
  listBatches: endpoint<BatchSummary[]>()(z.object({})),
  /** After a new guideline version is published mid-batch: keep the batch on its version, or move it (items to do again). */
  setBatchVersion: endpoint<BatchSummary>()(z.object({ batchId: z.string().min(1), action: z.enum(['continue', 'requeue']), guideline: guidelineRef.optional() })),
  agreement: endpoint<AgreementView>()(
    z.object({ field: z.string().optional(), version: z.string().optional(), bootstrap: z.number().int().min(0).max(10_000).default(200), seed: z.number().int().default(1) }),
  ),
  setAgreementThreshold: endpoint<{ threshold: number }>()(z.object({ threshold: z.number().min(0).max(1) })),
  /** Whether raters see the graders' scores (off by default: they would anchor the human labels). */
  setGraderScoresVisible: endpoint<{ visible: boolean }>()(z.object({ visible: z.boolean() })),
  listGuidelineVersions: endpoint<GuidelineVersionInfo[]>()(z.object({})),
  diffGuidelines: endpoint<PackDiff>()(z.object({ id: z.string().min(1), from: z.string().min(1), to: z.string().min(1) })),
  checkGuidelineDraft: endpoint<DraftCheck>()(z.object({ pack: z.unknown() })),
  publishGuideline: endpoint<GuidelineVersionInfo>()(z.object({ pack: z.unknown(), activate: z.boolean().default(true) })),
  /** Automated graders against the final human labels (core/graders/graderReport.ts). */
  graders: endpoint<GradersView>()(
    z.object({
      scores: z.array(z.string().min(1)).optional(),
      field: z.string().min(1).optional(),
      positive: z.string().optional(),
      severityAtLeast: z.number().int().optional(),
      threshold: z.number().min(0).max(1).default(0.5),
      recall: z.number().gt(0).max(1).optional(),
      batch: z.string().min(1).optional(),
      bootstrap: z.number().int().min(0).max(10_000).default(200),
      seed: z.number().int().default(1),
    }),
  ),
  exportLabels: endpoint<ExportResult>()(
    z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl'), method: z.enum(['adjudicated-then-dawid-skene', 'adjudicated-then-majority']).default('adjudicated-then-dawid-skene') }),
  ),

  // Adjudicators.
  disagreements: endpoint<DisagreementView[]>()(z.object({ rule })),
  adjudicationItem: endpoint<AdjudicationItem>()(z.object({ sampleId, anonymize: z.boolean().default(true) })),
  // `by`: the signed-in adjudicator, recorded as the event's author.
  adjudicate: endpoint<null>()(z.object({ by: raterId, sampleId, values, reason: z.string().trim().min(1, 'an adjudication needs a reason').max(4000) })),
  sendBack: endpoint<null>()(z.object({ by: raterId, sampleId, reason: z.string().trim().min(1).max(4000) })),
  flagGuidelineGap: endpoint<null>()(z.object({ by: raterId, sampleId: sampleId.optional(), field: z.string().optional(), note: z.string().trim().min(1).max(4000) })),
} as const;

export type ApiContract = typeof contract;
export type ApiName = keyof ApiContract;
