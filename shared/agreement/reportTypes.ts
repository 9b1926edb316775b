// The shape of an agreement report: what `concord agreement --workspace --json` prints, what the
// owner's dashboard draws, and what the HTML report renders. Types only.
import type { AgreementSummary, BootstrapInterval, Coefficient, ConfusionMatrix, Level, RaterPair, RaterSummary, ReferenceComparison, Value } from '../stats';

export interface CategoryAgreement {
  value: Value;
  title: string;
  /** Share of labels that include the category. */
  prevalence: number;
  summary: AgreementSummary;
}

export interface FieldAgreement {
  key: string;
  title: string;
  type: 'multi_select' | 'single_choice' | 'ordinal' | 'boolean';
  level: Level;
  /** The field's values (categories, levels, options, true/false) with their titles, in the guideline's order. */
  values: { value: Value; title: string }[];
  /** Single-valued fields: the full summary. Multi-select: alpha over whole sets (Jaccard distance). */
  summary: AgreementSummary | null;
  /** Multi-select only. */
  setAlpha?: Coefficient;
  /** Its bootstrap interval, when one was asked for (as for single-valued fields' alpha). */
  setAlphaCi?: BootstrapInterval;
  meanCategoryAlpha?: Coefficient;
  categories?: CategoryAgreement[];
  /** Ordinal fields: alpha with the interval metric, next to the ordinal one. */
  intervalAlpha?: Coefficient;
  pairwise: RaterPair[];
  perRater: RaterSummary[];
  vsGold: ReferenceComparison[];
  vsAdjudicated: ReferenceComparison[];
  /** Each rater's label against the majority of the others (pooled), single-valued fields only. */
  confusionVsConsensus: ConfusionMatrix | null;
}

export interface AgreementReport {
  guideline: { id: string; version: string };
  /** What every figure is computed on: one batch (its raters' labels of its items) or every label (batch null). */
  scope: {
    batch: { id: string; name: string } | null;
    /** Labels in scope that no batch assigned (labelled from the open pool, or imported). */
    outsideBatches: number;
  };
  versions: string[];
  mapped: boolean;
  /**
   * gold and adjudicated count items among the `items` that have labels; pairableItems are the items
   * with 2 or more raters, the ones agreement is measured on (the n of every alpha).
   */
  counts: { labels: number; items: number; pairableItems: number; raters: number; gold: number; adjudicated: number };
  fields: FieldAgreement[];
  /** Alpha per field for the labels made under each version alone. */
  byVersion: { version: string; labels: number; alpha: { field: string; alpha: Coefficient }[] }[];
  throughput: { rater: string; labels: number; medianSecondsPerItem: number | null; labelsPerHour: number | null }[];
}

