import type { CalibrationBin, CalibrationIntervals, Coefficient, Proportion, ThresholdPoint } from '../stats';

/** Which final human labels count as positive: one value of a field, or a severity from N up. */
export type HumanPositive = { kind: 'value'; field: string; value: string } | { kind: 'severity'; field: string; atLeast: number };

/** One automated score (an Inspect scorer, or a `scores` column) checked against the final human labels. */
export interface GraderReport {
  key: string;
  /** Items with this score and a final human label: what every figure below is computed on. */
  n: number;
  /** Items with this score left out: no label yet, labels that give no final label yet (unresolved: in the adjudication queue), or a final label without the field. */
  leftOut: { unlabelled: number; unresolved: number; noHumanValue: number };
  positives: number;
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  kappa: Coefficient;
  precision: Proportion;
  recall: Proportion;
  f1: Proportion;
  auc: { value: number | null; reason?: string };
  intervals: CalibrationIntervals | null;
  bins: CalibrationBin[];
  expectedCalibrationError: number | null;
  /** The threshold with the highest F1. */
  bestF1: ThresholdPoint | null;
  /** The highest threshold meeting the recall the owner asked for. */
  forRecall: (ThresholdPoint & { target: number }) | null;
  /** The precision-recall curve (at most 200 points, highest threshold first). */
  curve: ThresholdPoint[];
}

export interface GradersView {
  human: HumanPositive & { description: string };
  /** How the final label was reached where no adjudication exists. */
  method: string;
  threshold: number;
  /** The batch's name, when the figures are on one batch's items. */
  batch: string | null;
  bootstrap: { resamples: number; seed: number };
  /** Items with a final human label (in the batch, when one is chosen). */
  labelled: number;
  /** Items labelled but unresolved (no final label until adjudicated): not in any figure. */
  unresolved: number;
  graders: GraderReport[];
  /** Scores that could not be checked, and why (e.g. values outside [0, 1]). */
  skipped: { key: string; reason: string }[];
}
