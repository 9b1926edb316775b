import type { FieldAgreement } from '../../../shared/agreement/reportTypes';

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

export { fieldAlpha, type FieldAlpha } from '../../../shared/agreement/threshold';

export const FIELD_TYPE_LABEL: Record<FieldAgreement['type'], string> = {
  multi_select: 'Multi-select',
  single_choice: 'Single choice',
  ordinal: 'Ordinal',
  boolean: 'Yes / no',
};
