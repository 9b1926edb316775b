import { Badge, Paper, Text } from '@mantine/core';
import type { FieldAgreement } from '../../../shared/agreement/reportTypes';
import { SafeText } from '../../content/SafeText';
import { THRESHOLD_LABEL, thresholdReason, thresholdStatus, type ThresholdStatus } from '../../../shared/agreement/threshold';
import { FIELD_TYPE_LABEL, fieldAlpha, fmt3, fmtCi } from './format';

/** One card per field: Krippendorff's alpha with its bootstrap CI and n, against the threshold. */
export function FieldCards({ fields, threshold }: { fields: FieldAgreement[]; threshold: number }) {
  return (
    <div className="cc-dash-fields" data-testid="field-cards" style={{ gridTemplateColumns: `repeat(${Math.max(3, Math.min(4, fields.length))}, minmax(0, 1fr))` }}>
      {fields.map((f) => (
        <FieldCard key={f.key} field={f} threshold={threshold} />
      ))}
    </div>
  );
}

/** The card's look per status (the CSS names). */
const LOOK: Record<ThresholdStatus, { status: string; color: string }> = {
  meets: { status: 'ok', color: 'teal' },
  below: { status: 'below', color: 'orange' },
  uncertain: { status: 'uncertain', color: 'yellow' },
  'not-measurable': { status: 'na', color: 'gray' },
};

function FieldCard({ field, threshold }: { field: FieldAgreement; threshold: number }) {
  const fa = fieldAlpha(field);
  const value = fa.alpha?.value ?? null;
  const verdict = thresholdStatus(value, fa.ci, threshold);
  const status = LOOK[verdict].status;
  const n = fa.alpha?.n;
  const extra =
    field.type === 'multi_select'
      ? { label: 'mean per category', value: field.meanCategoryAlpha?.value ?? null }
      : field.intervalAlpha
        ? { label: 'interval metric', value: field.intervalAlpha.value }
        : null;

  return (
    <Paper withBorder radius="md" className="cc-dash-field" data-status={status} data-testid={`field-card-${field.key}`}>
      <div className="cc-dash-field-head">
        <Text fw={650} size="sm" className="cc-ellipsis" style={{ flex: 1 }}>
          <SafeText text={field.title} />
        </Text>
        <Badge size="xs" radius="sm" variant="default" className="cc-badge-plain">
          {FIELD_TYPE_LABEL[field.type]}
        </Badge>
      </div>
      <div className="cc-dash-field-main">
        <span className="cc-dash-alpha" data-status={status} data-testid={`alpha-${field.key}`} data-value={value === null ? '' : String(value)}>
          {fmt3(value)}
        </span>
        <div className="cc-dash-field-meta">
          <span className="cc-dash-alpha-sym">Krippendorff’s α</span>
          <span>{fa.basis}</span>
        </div>
      </div>
      <AlphaTrack value={value} ci={fa.ci} threshold={threshold} status={status} />
      <div className="cc-dash-field-foot">
        <span data-testid={`alpha-ci-${field.key}`}>{fa.ci ? <>95% CI {fmtCi(fa.ci)}</> : <span className="cc-dash-dim">{status === 'na' ? 'no CI' : `no CI (${fa.ciNote})`}</span>}</span>
        <span className="cc-dash-nowrap">n = {n ? n.pairableItems.toLocaleString('en-US') : 0} items</span>
      </div>
      <div className="cc-dash-field-foot">
        <Badge
          size="sm"
          radius="sm"
          color={LOOK[verdict].color}
          variant="light"
          className="cc-badge-plain cc-dash-nowrap"
          title={thresholdReason(verdict, fa.ci, threshold)}
          data-testid={verdict === 'below' ? `below-threshold-${field.key}` : `threshold-${field.key}`}
          data-status={verdict}
        >
          {THRESHOLD_LABEL[verdict]}
        </Badge>
        {extra && (
          <span className="cc-dash-dim cc-dash-nowrap">
            {extra.label} {fmt3(extra.value)}
          </span>
        )}
      </div>
      {status === 'na' && fa.alpha?.reason && (
        <Text size="xs" c="dimmed" mt={6} lineClamp={2} title={fa.alpha.reason}>
          {fa.alpha.reason}
        </Text>
      )}
    </Paper>
  );
}

/** A 0..1 track: the alpha as a filled bar, its CI as a band, the threshold as a tick. */
function AlphaTrack({ value, ci, threshold, status }: { value: number | null; ci: [number, number] | null; threshold: number; status: string }) {
  const pct = (v: number) => `${Math.max(0, Math.min(1, v)) * 100}%`;
  return (
    <div className="cc-dash-track" aria-hidden="true">
      {ci && <span className="cc-dash-track-ci" style={{ left: pct(ci[0]), width: `calc(${pct(ci[1])} - ${pct(ci[0])})` }} />}
      {value !== null && <span className="cc-dash-track-fill" data-status={status} style={{ width: pct(value) }} />}
      <span className="cc-dash-track-threshold" style={{ left: pct(threshold) }} />
    </div>
  );
}
