import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import { describeBatchDesign } from '../../shared/sampling/batchFilters';
import { contentWarning } from '../../shared/samples/wellbeing';
import type { AdjudicationItem, BatchSummary, GuidelineVersionInfo } from '../../shared/api/types';
import { diffPacks } from '../../shared/guidelines/diff';
import { compareSemver } from '../../shared/guidelines/semver';
import { replacedVersions, staleVersionMentions } from '../../shared/guidelines/staleVersion';
import { checkMappingBetween, validatePack } from '../../shared/guidelines/validate';
import { adjudicate, adjudicationHistory, flagGuidelineGap, sendBack } from '../adjudication/adjudicate';
import { findDisagreements } from '../adjudication/disagreements';
import { agreementView } from '../agreement/view';
import { batchItemsAndRaters } from '../batches/batchDetail';
import { batchPool } from '../batches/batchPool';
import { createBatch } from '../batches/createBatch';
import { InputError } from '../errors';
import { exportLabels } from '../export/exportLabels';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import { listFlags, resolveFlag } from '../workspace/flags';
import { clearGold, setGold } from '../workspace/gold';
import { discardGuidelineDraft, saveGuidelineDraft, savedGuidelineDraft } from '../workspace/guidelineDrafts';
import { gapNotes, resolveGuidelineGap } from '../workspace/guidelineGaps';
import { activateGuideline, activeGuidelineRef, getGuideline, publishGuideline } from '../workspace/guidelines';
import { queueItem } from '../workspace/queue';
import { getSample } from '../workspace/samples';
import { graderScoresVisibleToRaters, writeSetting } from '../workspace/settings';
import type { Workspace } from '../workspace/workspace';

type OwnerCalls =
  | 'createBatch'
  | 'batchPool'
  | 'listBatches'
  | 'batchDetail'
  | 'setGold'
  | 'clearGold'
  | 'flags'
  | 'resolveFlag'
  | 'setBatchVersion'
  | 'agreement'
  | 'setAgreementThreshold'
  | 'setGraderScoresVisible'
  | 'listGuidelineVersions'
  | 'diffGuidelines'
  | 'checkGuidelineDraft'
  | 'publishGuideline'
  | 'savedGuidelineDraft'
  | 'saveGuidelineDraft'
  | 'discardGuidelineDraft'
  | 'resolveGuidelineGap'
  | 'exportLabels'
  | 'disagreements'
  | 'adjudicationItem'
  | 'adjudicate'
  | 'sendBack'
  | 'flagGuidelineGap';


function newestVersion(ws: Workspace, id: string): string | undefined {
  const versions = prepared(ws.db, 'SELECT version FROM guidelines WHERE id = ?').pluck().all(id) as string[];
  return versions.sort(compareSemver).at(-1);
}

function batchSummaries(ws: Workspace): BatchSummary[] {
  const rows = prepared(
    ws.db,
    `SELECT b.id, b.name, b.guideline_id AS gid, b.guideline_version AS gver, b.created_at AS createdAt, b.options,
            (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id) AS items,
            (SELECT count(*) FROM assignments a WHERE a.batch_id = b.id) AS assignments,
            (SELECT count(*) FROM assignments a JOIN labels l ON l.rater_id = a.rater_id AND l.sample_id = a.sample_id
               AND l.guideline_id = b.guideline_id AND l.guideline_version = b.guideline_version AND l.retracted = 0
             WHERE a.batch_id = b.id) AS labeled
     FROM batches b ORDER BY b.hlc, b.event_id`,
  ).all() as { id: string; name: string; gid: string; gver: string; createdAt: string; options: string; items: number; assignments: number; labeled: number }[];
  return rows.map((r) => {
    const newest = newestVersion(ws, r.gid);
    return {
      batchId: r.id,
      name: r.name,
      guideline: { id: r.gid, version: r.gver },
      createdAt: r.createdAt,
      items: r.items,
      assignments: r.assignments,
      labeled: r.labeled,
      design: describeBatchDesign(JSON.parse(r.options)),
      newerVersion: newest && compareSemver(newest, r.gver) > 0 ? newest : null,
    };
  });
}

/**
 * What publishing the draft asks the owner to confirm: the rubric still naming the version it
 * replaces (the one it maps from, and the newest published).
 */
function draftWarnings(pack: { version: string; rubric: string; mapping?: { from: string } }, newest: string | undefined): { path: string; message: string }[] {
  return staleVersionMentions(pack.rubric, replacedVersions(pack, newest), pack.version).map((m) => ({
    path: `line ${m.line}`,
    message: `the rubric still names ${m.version} while this is ${pack.version}: "${m.excerpt}"`,
  }));
}

function checkDraft(ws: Workspace, draft: unknown) {
  const result = validatePack(draft);
  if (!result.ok) return { ok: false as const, issues: result.issues.map((i) => ({ path: i.path, message: i.message })), warnings: [] };
  const pack = result.pack;
  const issues: { path: string; message: string }[] = [];
  const existing = prepared(ws.db, 'SELECT version FROM guidelines WHERE id = ?').pluck().all(pack.id) as string[];
  if (existing.includes(pack.version)) issues.push({ path: 'version', message: `${pack.id}@${pack.version} is already published; published versions never change, so choose a new version` });
  const newest = existing.sort(compareSemver).at(-1);
  if (newest && compareSemver(pack.version, newest) <= 0 && !existing.includes(pack.version)) {
    issues.push({ path: 'version', message: `must be newer than ${newest}` });
  }
  if (pack.mapping) {
    const from = getGuideline(ws, { id: pack.id, version: pack.mapping.from });
    if (!from) issues.push({ path: 'mapping.from', message: `${pack.id}@${pack.mapping.from} is not published in this workspace` });
    else issues.push(...checkMappingBetween(from, pack).map((i) => ({ path: i.path, message: i.message })));
  } else if (newest) {
    issues.push({ path: 'mapping', message: `declare how ${newest} maps onto this version (mapping.from = "${newest}"), so labels under both can be compared` });
  }
  const warnings = draftWarnings(pack, newest);
  return issues.length ? { ok: false as const, issues, warnings } : { ok: true as const, issues, warnings, pack };
}

function guidelineVersions(ws: Workspace): GuidelineVersionInfo[] {
  const active = activeGuidelineRef(ws);
  const rows = prepared(ws.db, 'SELECT id, version, title, published_at AS publishedAt FROM guidelines').all() as { id: string; version: string; title: string; publishedAt: string }[];
  return rows
    .sort((a, b) => (a.id === b.id ? compareSemver(a.version, b.version) : a.id < b.id ? -1 : 1))
    .map((r) => ({
      ...r,
      active: active?.id === r.id && active.version === r.version,
      labels: prepared(ws.db, 'SELECT count(*) FROM labels WHERE guideline_id = ? AND guideline_version = ? AND retracted = 0').pluck().get(r.id, r.version) as number,
      notes: gapNotes(ws, r),
    }));
}

/**
 * What an adjudicator (who is not an owner: owners see everything) may open: an item that two or
 * more raters have labeled, the only kind a disagreement rule selects, and never one assigned to
 * them and not yet labeled, whose other labels they must not see before labeling it themselves.
 */
function checkAdjudicable(ws: Workspace, adjudicatorId: string, sampleId: string): void {
  const raters = prepared(ws.db, 'SELECT count(DISTINCT rater_id) FROM labels WHERE sample_id = ?').pluck().get(sampleId) as number;
  if (raters < 2) throw new InputError(`"${sampleId}" has not been labeled by two raters: there is nothing to adjudicate`);
  const assigned = prepared(ws.db, 'SELECT 1 FROM assignments WHERE rater_id = ? AND sample_id = ?').get(adjudicatorId, sampleId) !== undefined;
  if (assigned && queueItem(ws, adjudicatorId, sampleId)?.state !== 'done') throw new InputError(`"${sampleId}" is still to label in your own queue: label it before you see the others' labels`);
}

/** Owner and adjudicator calls of the API contract. */
export function createOwnerHandlers(ws: Workspace): Pick<Handlers<ApiContract>, OwnerCalls> {
  return {
    createBatch: (input, { actor }) => createBatch(ws, input, actor.id),
    batchPool: ({ filters }) => batchPool(ws, filters),
    listBatches: () => batchSummaries(ws),
    batchDetail({ batchId }) {
      const batch = batchSummaries(ws).find((b) => b.batchId === batchId);
      if (!batch) throw new InputError(`no batch "${batchId}"`);
      return { batch, ...batchItemsAndRaters(ws, batchId) };
    },
    setGold({ sampleId, values }, { actor }) {
      // Under the version the item's labels use (as its adjudication), else the active one.
      const labeled = prepared(ws.db, 'SELECT guideline_id AS id, guideline_version AS version FROM labels WHERE sample_id = ? ORDER BY created_at DESC LIMIT 1').get(sampleId) as
        | { id: string; version: string }
        | undefined;
      setGold(ws, { sampleId, values, guideline: labeled }, actor.id);
      return null;
    },
    clearGold({ sampleId }, { actor }) {
      if (!prepared(ws.db, 'SELECT 1 FROM gold_labels WHERE sample_id = ?').get(sampleId)) throw new InputError(`"${sampleId}" is not a gold item`);
      clearGold(ws, sampleId, actor.id);
      return null;
    },
    setBatchVersion({ batchId, action, guideline }, { actor }) {
      const batch = batchSummaries(ws).find((b) => b.batchId === batchId);
      if (!batch) throw new InputError(`no batch "${batchId}"`);
      if (action === 'requeue') {
        const target = guideline ?? (batch.newerVersion ? { id: batch.guideline.id, version: batch.newerVersion } : undefined);
        if (!target || !getGuideline(ws, target)) throw new InputError('there is no newer published version to move this batch onto');
        appendEvents(ws.db, [newEvent('batch.requeued', actor.id, { batchId, guideline: target })]);
      }
      return batchSummaries(ws).find((b) => b.batchId === batchId)!;
    },

    agreement: (opts) => agreementView(ws, opts),
    setAgreementThreshold({ threshold: value }, { actor }) {
      writeSetting(ws, 'agreementThreshold', value, actor.id);
      return { threshold: value };
    },
    setGraderScoresVisible({ visible }, { actor }) {
      writeSetting(ws, 'graderScoresVisibleToRaters', visible, actor.id);
      return { visible: graderScoresVisibleToRaters(ws) };
    },

    listGuidelineVersions: () => guidelineVersions(ws),
    diffGuidelines({ id, from, to }) {
      const a = getGuideline(ws, { id, version: from });
      const b = getGuideline(ws, { id, version: to });
      if (!a || !b) throw new InputError(`both ${id}@${from} and ${id}@${to} must be published`);
      return diffPacks(a, b);
    },
    checkGuidelineDraft({ pack }) {
      const r = checkDraft(ws, pack);
      return { ok: r.ok, issues: r.issues, warnings: r.warnings };
    },
    publishGuideline({ pack, activate }, { actor }) {
      const r = checkDraft(ws, pack);
      if (!r.ok) throw new InputError(`the draft is not valid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      publishGuideline(ws, r.pack, actor.id);
      if (activate) activateGuideline(ws, { id: r.pack.id, version: r.pack.version }, actor.id);
      // Published: the draft saved on this machine has become the version.
      discardGuidelineDraft(ws, actor.id);
      return guidelineVersions(ws).find((v) => v.id === r.pack.id && v.version === r.pack.version)!;
    },
    savedGuidelineDraft: (_input, { actor }) => savedGuidelineDraft(ws, actor.id),
    saveGuidelineDraft: (draft, { actor }) => saveGuidelineDraft(ws, actor.id, draft),
    discardGuidelineDraft(_input, { actor }) {
      discardGuidelineDraft(ws, actor.id);
      return null;
    },
    resolveGuidelineGap(input, { actor }) {
      resolveGuidelineGap(ws, input, actor.id);
      return null;
    },
    exportLabels({ format, method }) {
      const dir = path.join(ws.dir, 'exports');
      mkdirSync(dir, { recursive: true });
      const summary = exportLabels(ws, { out: path.join(dir, `labels.${format}`), format, method });
      return { file: summary.file, rows: summary.rows, bySource: summary.bySource, aggregation: summary.aggregation };
    },

    disagreements: ({ rule }) => findDisagreements(ws, rule).map((d) => ({ ...d, contentWarning: contentWarning(getSample(ws, d.sampleId)?.scores) })),
    adjudicationItem({ sampleId, anonymize }, { actor }): AdjudicationItem {
      const sample = getSample(ws, sampleId);
      if (!sample) throw new InputError(`no sample "${sampleId}"`);
      if (!actor.roles.includes('owner')) checkAdjudicable(ws, actor.id, sampleId);
      const rows = prepared(
        ws.db,
        `SELECT l.rater_id AS rater, r.name, l.value, l.time_spent_ms AS ms, l.guideline_id AS gid, l.guideline_version AS gver
         FROM labels l JOIN raters r ON r.id = l.rater_id WHERE l.sample_id = ? AND l.retracted = 0 ORDER BY l.created_at, l.rater_id`,
      ).all(sampleId) as { rater: string; name: string; value: string; ms: number; gid: string; gver: string }[];
      const labels = rows.map((r, i) => ({ rater: anonymize ? `Rater ${String.fromCharCode(65 + (i % 26))}` : r.name, values: JSON.parse(r.value), timeSpentMs: r.ms }));
      const keys = [...new Set(labels.flatMap((l) => Object.keys(l.values)))];
      const canon = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : v ?? null);
      const fieldsInDispute = keys.filter((k) => k !== 'rationale' && new Set(labels.map((l) => canon(l.values[k]))).size > 1);
      const last = adjudicationHistory(ws, sampleId).at(-1);
      const gold = prepared(ws.db, 'SELECT value, guideline_id AS gid, guideline_version AS gver FROM gold_labels WHERE sample_id = ?').get(sampleId) as
        | { value: string; gid: string; gver: string }
        | undefined;
      const guideline = rows[0] ? { id: rows[0].gid, version: rows[0].gver } : activeGuidelineRef(ws)!;
      return {
        sample,
        guideline,
        labels,
        fieldsInDispute,
        contentWarning: contentWarning(sample.scores),
        adjudication: last ? { values: last.values, reason: last.reason, adjudicator: last.adjudicator, at: last.at } : null,
        gold: gold ? { values: JSON.parse(gold.value), guideline: { id: gold.gid, version: gold.gver } } : null,
      };
    },
    adjudicate(input, { actor }) {
      adjudicate(ws, input, actor.id);
      return null;
    },
    sendBack(input, { actor }) {
      sendBack(ws, input, actor.id);
      return null;
    },
    flags: ({ status }) => listFlags(ws, status),
    resolveFlag(input, { actor }) {
      resolveFlag(ws, input, actor.id);
      return null;
    },
    flagGuidelineGap(input, { actor }) {
      flagGuidelineGap(ws, input, actor.id);
      return null;
    },
  };
}
