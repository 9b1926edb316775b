// Shared result shapes of the statistics engine. Pure data: no Node, DOM or I/O.

/** Level of measurement of a field (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", sec. "metrics"). */
export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export const LEVELS: readonly Level[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A label value as raters give it. */
export type Value = string | number;

/** One rater's label for one item. */
export interface Rating {
  item: string;
  rater: string;
  value: Value;
}

/** How much data a number rests on. */
export interface Counts {
  /** Items with at least one rating that entered the computation. */
  items: number;
  /** Of those, items with 2 or more ratings (the ones agreement can be measured on). */
  pairableItems: number;
  /** Ratings that entered the computation. */
  ratings: number;
  /** Distinct raters among those ratings. */
  raters: number;
}

/**
 * A coefficient with the data it rests on. `value` is null when the coefficient is undefined for
 * these data (never NaN, never a made-up 0), and `reason` says why.
 */
export interface Coefficient {
  value: number | null;
  reason?: string;
  n: Counts;
}

/** A plain proportion (accuracy, precision, ...) with its denominator; null with a reason when the denominator is 0. */
export interface Proportion {
  value: number | null;
  reason?: string;
  /** The denominator. */
  n: number;
}

export function coefficient(value: number, n: Counts): Coefficient {
  if (!Number.isFinite(value)) return { value: null, reason: 'the computation did not give a finite number', n };
  return { value, n };
}

export function notApplicable(reason: string, n: Counts): Coefficient {
  return { value: null, reason, n };
}

export function proportion(numerator: number, denominator: number, reason: string): Proportion {
  return denominator > 0 ? { value: numerator / denominator, n: denominator } : { value: null, reason, n: 0 };
}
