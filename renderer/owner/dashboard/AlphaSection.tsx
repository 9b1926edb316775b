import { Badge, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AgreementView } from '../../../shared/api/types';
import { EChart } from '../../charts/EChart';
import { SafeText } from '../../content/SafeText';
import { alphaRows, alphaRowsChart, alphaRowsHeight, type AlphaRow } from './charts';
import { DashCard, EmptyChart } from './DashCard';
import { fmt3, fmtCi } from './format';

/** Alpha per field and per category with CI whiskers, and the list of what falls below the threshold. */
export function AlphaSection({ view, ciNote }: { view: AgreementView; ciNote: string }) {
  const rows = useMemo(() => alphaRows(view), [view]);
  const option = useMemo(() => alphaRowsChart(rows, view.threshold), [rows, view.threshold]);
  // One rule everywhere (shared/agreement/threshold.ts): below when the CI's upper bound is under the
  // threshold, uncertain when the CI contains it (or there is none).
  const below = rows.filter((r) => r.status === 'below');
  const undefinedRows = rows.filter((r) => r.status === 'not-measurable');
  const shaky = rows.filter((r) => r.status === 'uncertain');

  return (
    <DashCard
      title="Krippendorff’s α by field and category"
      note={
        <>
          Bars: α · whiskers: {ciNote} · dashed line: threshold {view.threshold}. A row meets the threshold when its whole CI is at or above it, is below when its whole CI is under it, and is uncertain otherwise. Bold rows are fields; the rows under a multi-select field are its categories (present vs absent).
        </>
      }
      testId="alpha-section"
    >
      {rows.length === 0 ? (
        <EmptyChart>No fields to measure.</EmptyChart>
      ) : (
        <div className="cc-dash-alpha-grid">
          <EChart option={option} height={alphaRowsHeight(rows)} label="Krippendorff's alpha by field and category, with 95% confidence intervals" testId="alpha-chart" />
          <aside className="cc-dash-side" data-testid="below-threshold">
            <div className="cc-dash-side-head">
              <Badge color={below.length ? 'orange' : 'teal'} variant="filled" size="sm" radius="sm" className="cc-badge-plain" data-testid="below-threshold-count" data-count={below.length}>
                {below.length}
              </Badge>
              <Text size="sm" fw={650}>
                Below threshold
              </Text>
            </div>
            {below.length === 0 ? (
              <Text size="xs" c="dimmed">
                No field or category has its whole CI under {view.threshold}.
              </Text>
            ) : (
              <ul className="cc-dash-list">
                {below
                  .slice()
                  .sort((a, b) => (a.alpha ?? 0) - (b.alpha ?? 0))
                  .map((r) => (
                    <RowItem key={`${r.field}:${r.kind}:${r.label}`} row={r} tone="below" />
                  ))}
              </ul>
            )}
            {shaky.length > 0 && (
              <>
                <div className="cc-dash-side-head" style={{ marginTop: 14 }}>
                  <Badge color="yellow" variant="light" size="sm" radius="sm" className="cc-badge-plain">
                    {shaky.length}
                  </Badge>
                  <Text size="sm" fw={650}>
                    Uncertain
                  </Text>
                  <Text size="xs" c="dimmed">
                    CI contains the threshold
                  </Text>
                </div>
                <ul className="cc-dash-list" data-testid="uncertain-threshold">
                  {shaky.map((r) => (
                    <RowItem key={`${r.field}:${r.kind}:${r.label}`} row={r} tone="shaky" />
                  ))}
                </ul>
              </>
            )}
            {undefinedRows.length > 0 && (
              <>
                <div className="cc-dash-side-head" style={{ marginTop: 14 }}>
                  <Badge color="gray" variant="light" size="sm" radius="sm" className="cc-badge-plain">
                    {undefinedRows.length}
                  </Badge>
                  <Text size="sm" fw={650}>
                    Not measurable
                  </Text>
                </div>
                <ul className="cc-dash-list">
                  {undefinedRows.map((r) => (
                    <RowItem key={`${r.field}:${r.kind}:${r.label}`} row={r} tone="na" />
                  ))}
                </ul>
              </>
            )}
          </aside>
        </div>
      )}
    </DashCard>
  );
}

function RowItem({ row, tone }: { row: AlphaRow; tone: 'below' | 'shaky' | 'na' }) {
  const where = row.kind === 'category' ? `in ${row.fieldTitle}` : 'field';
  if (tone !== 'below') {
    // Compact: one line, the details on hover.
    const detail = tone === 'na' ? `${where}: ${row.reason ?? 'undefined'}` : row.ci ? `${where}: 95% CI from ${fmt3(row.ci[0])} to ${fmt3(row.ci[1])}` : `${where}: no CI to decide on`;
    return (
      <li className="cc-dash-list-item cc-dash-list-compact" data-tone={tone} data-field={row.field} title={detail}>
        <div className="cc-dash-list-main">
          <span className="cc-ellipsis">
            <SafeText text={row.label} />
          </span>
          <span className="cc-dash-list-value">{tone === 'shaky' && row.ci ? `${fmt3(row.ci[0])}–${fmt3(row.ci[1])}` : fmt3(row.alpha)}</span>
        </div>
      </li>
    );
  }
  return (
    <li className="cc-dash-list-item" data-tone={tone} data-field={row.field}>
      <div className="cc-dash-list-main">
        <span className="cc-ellipsis">
          <SafeText text={row.label} />
        </span>
        <span className="cc-dash-list-value">{fmt3(row.alpha)}</span>
      </div>
      <div className="cc-dash-list-sub cc-ellipsis">
        {row.kind === 'category' ? (
          <>
            in <SafeText text={row.fieldTitle} />
          </>
        ) : (
          'field'
        )}
        {row.ci ? <> · 95% CI {fmtCi(row.ci)}</> : null}
      </div>
    </li>
  );
}
