import type { FieldAgreement } from '../../../shared/agreement/reportTypes';
import type { Coefficient } from '../../../shared/stats/types';

/** A coefficient to exactly 3 decimals, or "n/a" when it is undefined for the data. */
export function fmt3(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(3);
}

export function fmtCi(ci: [number, number] | null | undefined): string {
  return ci ? `[${fmt3(ci[0])}, ${fmt3(ci[1])}]` : '';
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function fmtPercent(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(v >= 0.995 || v === 0 ? 0 : 1)}%`;
}

export interface FieldAlpha {
  /** The field's headline alpha: Krippendorff's alpha at the field's level, or over whole sets (Jaccard) for multi-select. */
  alpha: Coefficient | null;
  ci: [number, number] | null;
  /** Why there is no CI (when there is an alpha but no interval). */
  ciNote: string | null;
  /** What the number is, in a few words. */
  basis: string;
}

export function fieldAlpha(f: FieldAgreement): FieldAlpha {
  if (f.summary) {
    const ci = f.summary.ci?.krippendorffAlpha;
    return {
      alpha: f.summary.krippendorffAlpha,
      ci: ci?.interval ?? null,
      ciNote: ci ? (ci.interval ? null : (ci.reason ?? 'no interval')) : 'no bootstrap',
      basis: `${f.level} metric`,
    };
  }
  return { alpha: f.setAlpha ?? null, ci: null, ciNote: 'per category below', basis: 'whole sets, Jaccard distance' };
}

export const FIELD_TYPE_LABEL: Record<FieldAgreement['type'], string> = {
  multi_select: 'Multi-select',
  single_choice: 'Single choice',
  ordinal: 'Ordinal',
  boolean: 'Yes / no',
};
