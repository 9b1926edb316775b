import {
  agreementSummary,
  compileRatings,
  confusionMatrix,
  krippendorffAlpha,
  majorityVote,
  multiLabelAgreement,
  pairwiseRaters,
  perRater,
  raterVsReference,
  type ConfusionMatrix,
  type Rating,
  type Value,
} from '../../shared/stats';
import type { AgreementReport, CategoryAgreement, FieldAgreement } from '../../shared/agreement/reportTypes';
import { prepared } from '../store/prepared';
import type { Workspace } from '../workspace/workspace';
import { collectLabelSets, fieldValue, type LabelSets, type MeasuredField } from './labelSets';

export type { AgreementReport, CategoryAgreement, FieldAgreement };

/** The weights of every kappa shown for an ordinal field (pairwise and per rater). */
export const ORDINAL_KAPPA_WEIGHTS = 'quadratic' as const;

export interface ReportOptions {
  field?: string;
  version?: string;
  /** One batch (id or name): its raters' labels of its items. Default: every label. */
  batch?: string;
  bootstrap?: number;
  seed?: number;
}

function ratingsFor(sets: LabelSets, field: MeasuredField, category?: Value, labels = sets.labels): Rating[] {
  const out: Rating[] = [];
  for (const l of labels) {
    const v = fieldValue(l.values, field, category);
    if (v !== undefined) out.push({ item: l.sampleId, rater: l.raterId, value: v });
  }
  return out;
}

function referenceFor(ref: Map<string, Record<string, unknown>>, field: MeasuredField): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [item, values] of ref) {
    const v = fieldValue(values, field, undefined);
    if (v !== undefined) out.set(item, v);
  }
  return out;
}

/** A multi-select value as one nominal value (its sorted set), for per-rater and reference comparisons. */
const setKey = (v: unknown[]) => [...v].map(String).sort().join('+') || '(none)';

function setReferenceFor(ref: Map<string, Record<string, unknown>>, field: MeasuredField): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [item, values] of ref) {
    const v = values[field.key];
    if (Array.isArray(v)) out.set(item, setKey(v));
  }
  return out;
}

/** Rater label vs the majority of the *other* raters on the item, pooled over raters and items. */
function confusionVsConsensus(ratings: Rating[]): ConfusionMatrix | null {
  const byItem = new Map<string, Rating[]>();
  for (const r of ratings) byItem.set(r.item, [...(byItem.get(r.item) ?? []), r]);
  const mine = new Map<string, Value>();
  const consensus = new Map<string, Value>();
  for (const [item, rs] of byItem) {
    if (rs.length < 2) continue;
    for (const r of rs) {
      const others = rs.filter((o) => o !== r);
      const [vote] = majorityVote(compileRatings(others.map((o) => ({ ...o, item }))));
      if (vote?.label === null || vote === undefined) continue;
      const key = `${item}\u0000${r.rater}`;
      mine.set(key, r.value);
      consensus.set(key, vote.label);
    }
  }
  return mine.size ? confusionMatrix(mine, consensus) : null;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Everything the owner defends a label set with: per field, per category, per rater, per version. */
export function agreementReport(ws: Workspace, opts: ReportOptions = {}): AgreementReport {
  const sets = collectLabelSets(ws, { version: opts.version, batch: opts.batch });
  const summaryOpts = { bootstrap: opts.bootstrap, seed: opts.seed };
  const fields = sets.fields.filter((f) => !opts.field || f.key === opts.field);

  const fieldReports = fields.map((field): FieldAgreement => {
    const gold = referenceFor(sets.gold, field);
    const adjudicated = referenceFor(sets.adjudicated, field);
    if (field.type === 'multi_select') {
      const setRatings = sets.labels
        .filter((l) => Array.isArray(l.values[field.key]))
        .map((l) => ({ item: l.sampleId, rater: l.raterId, value: (l.values[field.key] as unknown[]).map(String) }));
      const multi = multiLabelAgreement(setRatings, { labels: field.values.map((v) => String(v.value)), ...summaryOpts });
      const categories = field.values.map((c): CategoryAgreement => {
        const mat = compileRatings(ratingsFor(sets, field, c.value));
        const lab = multi.labels.find((l) => l.label === String(c.value));
        return { value: c.value, title: c.title, prevalence: lab?.prevalence ?? 0, summary: agreementSummary(mat, 'nominal', summaryOpts) };
      });
      // Per-rater and pairwise views of a multi-select field compare whole sets as one nominal value.
      const setMat = compileRatings(setRatings.map((r) => ({ ...r, value: setKey(r.value) })));
      const goldSets = setReferenceFor(sets.gold, field);
      const adjudicatedSets = setReferenceFor(sets.adjudicated, field);
      return {
        key: field.key,
        title: field.title,
        type: field.type,
        level: field.level,
        values: field.values,
        summary: null,
        setAlpha: multi.jaccardAlpha,
        ...(multi.jaccardCi ? { setAlphaCi: multi.jaccardCi } : {}),
        meanCategoryAlpha: multi.meanLabelAlpha,
        categories,
        pairwise: pairwiseRaters(setMat),
        perRater: perRater(setMat),
        vsGold: goldSets.size ? raterVsReference(setMat, goldSets) : [],
        vsAdjudicated: adjudicatedSets.size ? raterVsReference(setMat, adjudicatedSets) : [],
        confusionVsConsensus: null,
      };
    }
    const ratings = ratingsFor(sets, field);
    const mat = compileRatings(ratings, { level: field.level, order: field.values.map((v) => v.value) });
    return {
      key: field.key,
      title: field.title,
      type: field.type,
      level: field.level,
      values: field.values,
      summary: agreementSummary(mat, field.level, summaryOpts),
      intervalAlpha: field.level === 'ordinal' ? krippendorffAlpha(mat, 'interval') : undefined,
      // Ordinal fields: kappa with quadratic weights (Fleiss & Cohen 1973), so a 3-vs-4 counts as near agreement, as in alpha.
      pairwise: pairwiseRaters(mat, { level: field.level, weights: field.level === 'ordinal' ? ORDINAL_KAPPA_WEIGHTS : 'identity' }),
      perRater: perRater(mat, field.level, field.level === 'ordinal' ? ORDINAL_KAPPA_WEIGHTS : 'identity'),
      vsGold: gold.size ? raterVsReference(mat, gold) : [],
      vsAdjudicated: adjudicated.size ? raterVsReference(mat, adjudicated) : [],
      confusionVsConsensus: confusionVsConsensus(ratings),
    };
  });

  const byVersion = sets.versions.map((version) => {
    const labels = sets.labels.filter((l) => l.version === version);
    return {
      version,
      labels: labels.length,
      alpha: fields.map((field) => {
        if (field.type === 'multi_select') {
          const sr = labels.filter((l) => Array.isArray(l.values[field.key])).map((l) => ({ item: l.sampleId, rater: l.raterId, value: (l.values[field.key] as unknown[]).map(String) }));
          return { field: field.key, alpha: multiLabelAgreement(sr).jaccardAlpha };
        }
        return { field: field.key, alpha: krippendorffAlpha(compileRatings(ratingsFor(sets, field, undefined, labels), { level: field.level }), field.level) };
      }),
    };
  });

  const raters = [...new Set(sets.labels.map((l) => l.raterId))].sort();
  const throughput = raters.map((rater) => {
    const mine = sets.labels.filter((l) => l.raterId === rater);
    const seconds = mine.map((l) => l.timeSpentMs / 1000);
    const total = seconds.reduce((a, b) => a + b, 0);
    return { rater, labels: mine.length, medianSecondsPerItem: median(seconds), labelsPerHour: total > 0 ? (mine.length / total) * 3600 : null };
  });

  // Gold and adjudicated items are counted among the labelled items the report is about, so
  // they read as shares of `items` (gold items nobody has labelled yet measure nothing).
  const items = new Set(sets.labels.map((l) => l.sampleId));
  const labelled = (refs: Map<string, unknown>) => [...refs.keys()].filter((id) => items.has(id)).length;
  const ratersPerItem = new Map<string, Set<string>>();
  for (const l of sets.labels) (ratersPerItem.get(l.sampleId) ?? ratersPerItem.set(l.sampleId, new Set()).get(l.sampleId)!).add(l.raterId);
  const assigned = new Set((prepared(ws.db, `SELECT rater_id || char(0) || sample_id FROM assignments`).pluck().all() as string[]));
  return {
    guideline: sets.guideline,
    scope: { batch: sets.scope.batch, outsideBatches: sets.labels.filter((l) => !assigned.has(`${l.raterId}\u0000${l.sampleId}`)).length },
    versions: sets.versions,
    mapped: sets.mapped,
    counts: {
      labels: sets.labels.length,
      items: items.size,
      pairableItems: [...ratersPerItem.values()].filter((r) => r.size >= 2).length,
      raters: raters.length,
      gold: labelled(sets.gold),
      adjudicated: labelled(sets.adjudicated),
    },
    fields: fieldReports,
    byVersion,
    throughput,
  };
}
