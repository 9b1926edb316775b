// Whether a field's agreement reaches the owner's threshold: one rule for the dashboard, the CLI and
// the HTML report. A point estimate above the line with an interval reaching below it has not shown
// that it meets it, so the rule reads the interval, not the point.
import type { BootstrapInterval, Coefficient } from '../stats';
import type { FieldAgreement } from './reportTypes';

export type ThresholdStatus = 'meets' | 'below' | 'uncertain' | 'not-measurable';

/**
 * meets: the CI's lower bound is at or above the threshold; below: its upper bound is under it;
 * uncertain: the interval contains the threshold, or there is no interval to decide on;
 * not-measurable: alpha is undefined for the data.
 */
export function thresholdStatus(alpha: number | null | undefined, ci: readonly [number, number] | null | undefined, threshold: number): ThresholdStatus {
  if (alpha === null || alpha === undefined) return 'not-measurable';
  if (!ci) return 'uncertain';
  if (ci[0] >= threshold) return 'meets';
  if (ci[1] < threshold) return 'below';
  return 'uncertain';
}

export const THRESHOLD_LABEL: Record<ThresholdStatus, string> = {
  meets: 'meets threshold',
  below: 'below threshold',
  uncertain: 'uncertain',
  'not-measurable': 'not measurable',
};

/** Why a status is what it is, in a few words. */
export function thresholdReason(status: ThresholdStatus, ci: readonly [number, number] | null | undefined, threshold: number): string {
  if (status === 'not-measurable') return 'alpha is undefined for these labels';
  if (!ci) return 'no confidence interval to decide on';
  if (status === 'meets') return `95% CI lower bound ${ci[0].toFixed(3)} >= ${threshold}`;
  if (status === 'below') return `95% CI upper bound ${ci[1].toFixed(3)} < ${threshold}`;
  return `95% CI [${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}] contains ${threshold}`;
}

export interface FieldAlpha {
  /** The field's headline alpha: Krippendorff's alpha at the field's level, or over whole sets (Jaccard distance) for multi-select. */
  alpha: Coefficient | null;
  ci: [number, number] | null;
  interval: BootstrapInterval | null;
  /** Why there is no CI (when there is an alpha but no interval). */
  ciNote: string | null;
  /** What the number is, in a few words. */
  basis: string;
}

/** The one alpha a field is judged by, with its interval. */
export function fieldAlpha(f: FieldAgreement): FieldAlpha {
  const interval = (f.summary ? f.summary.ci?.krippendorffAlpha : f.setAlphaCi) ?? null;
  return {
    alpha: f.summary ? f.summary.krippendorffAlpha : (f.setAlpha ?? null),
    ci: interval?.interval ?? null,
    interval,
    ciNote: interval ? (interval.interval ? null : (interval.reason ?? 'no interval')) : 'no bootstrap',
    basis: f.summary ? `${f.level} metric` : 'whole sets, Jaccard distance',
  };
}

/** A field's status against the threshold, by its headline alpha. */
export function fieldStatus(f: FieldAgreement, threshold: number): ThresholdStatus {
  const fa = fieldAlpha(f);
  return thresholdStatus(fa.alpha?.value, fa.ci, threshold);
}
