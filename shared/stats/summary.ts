// Everything the `agreement` CLI prints for one field, in one call.
import { bootstrapAlpha, type BootstrapInterval } from './bootstrap';
import { cohenKappa } from './cohen';
import { fleissKappa } from './fleiss';
import { brennanPrediger, gwetAC1, gwetAC2 } from './gwet';
import { krippendorffAlpha } from './krippendorff';
import type { RatingMatrix } from './matrix';
import { percentAgreement } from './percentAgreement';
import type { Coefficient, Counts, Level } from './types';
import { defaultScheme } from './weights';

export interface AgreementSummary {
  level: Level;
  n: Counts;
  percentAgreement: Coefficient;
  krippendorffAlpha: Coefficient;
  fleissKappa: Coefficient;
  /** Nominal level only. */
  gwetAC1?: Coefficient;
  /** Ordinal (ordinal weights), interval (quadratic) and ratio (ratio weights) levels. */
  gwetAC2?: Coefficient;
  /** Unweighted, or with the AC2 weights above. */
  brennanPrediger: Coefficient;
  /** Only when there are exactly two raters. */
  cohenKappa?: Coefficient;
  /** Only with exactly two raters at the ordinal and interval levels. */
  cohenKappaLinear?: Coefficient;
  cohenKappaQuadratic?: Coefficient;
  /** Only when a bootstrap was asked for. */
  ci?: { krippendorffAlpha: BootstrapInterval };
}

export interface SummaryOptions {
  /** Bootstrap resamples for alpha's confidence interval (none when absent or 0). */
  bootstrap?: number;
  /** Seed of the bootstrap (default 1). */
  seed?: number;
  confidence?: number;
}

export function agreementSummary(mat: RatingMatrix, level: Level = 'nominal', opts: SummaryOptions = {}): AgreementSummary {
  const scheme = defaultScheme(level);
  const out: AgreementSummary = {
    level,
    n: mat.counts,
    percentAgreement: percentAgreement(mat),
    krippendorffAlpha: krippendorffAlpha(mat, level),
    fleissKappa: fleissKappa(mat),
    brennanPrediger: brennanPrediger(mat, scheme, level),
  };
  if (level === 'nominal') out.gwetAC1 = gwetAC1(mat);
  else out.gwetAC2 = gwetAC2(mat, scheme, level);
  if (mat.raters.length === 2) {
    out.cohenKappa = cohenKappa(mat);
    if (level === 'ordinal' || level === 'interval') {
      out.cohenKappaLinear = cohenKappa(mat, { weights: 'linear', level });
      out.cohenKappaQuadratic = cohenKappa(mat, { weights: 'quadratic', level });
    }
  }
  if (opts.bootstrap) {
    out.ci = { krippendorffAlpha: bootstrapAlpha(mat, level, { resamples: opts.bootstrap, seed: opts.seed ?? 1, confidence: opts.confidence }) };
  }
  return out;
}
