import { Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AgreementView } from '../../../shared/api/types';
import { EChart } from '../../charts/EChart';
import { SafeText } from '../../content/SafeText';
import { overTimeOption, throughputOption, versionOption } from './charts';
import { DashCard, EmptyChart } from './DashCard';

const CHART_H = 260;

/** Cumulative alpha per day, and alpha under each guideline version. */
export function Trends({ view }: { view: AgreementView }) {
  const overTime = useMemo(() => (view.overTime.length ? overTimeOption(view) : null), [view]);
  const versions = useMemo(() => (view.report.byVersion.length ? versionOption(view) : null), [view]);
  const days = view.overTime.length;
  return (
    <div className="cc-dash-grid-2">
      <DashCard
        title="Agreement over time"
        note={days === 1 ? 'Cumulative α per field; all labels so far were made on one day.' : `Cumulative α per field at the end of each of ${days} labeling days.`}
        testId="over-time-card"
      >
        {overTime ? <EChart option={overTime} height={CHART_H} label="Cumulative alpha per field over time" testId="over-time-chart" /> : <EmptyChart height={CHART_H}>No labels yet.</EmptyChart>}
      </DashCard>
      <DashCard
        title="Across guideline versions"
        note={
          view.report.byVersion.length > 1 ? (
            'α per field for the labels made under each version alone.'
          ) : view.report.byVersion.length === 1 ? (
            <>
              All labels were made under version <SafeText text={view.report.byVersion[0]!.version} />.
            </>
          ) : (
            'No labels yet.'
          )
        }
        testId="versions-card"
      >
        {versions ? <EChart option={versions} height={CHART_H} label="Alpha per field under each guideline version" testId="versions-chart" /> : <EmptyChart height={CHART_H}>No labels yet.</EmptyChart>}
      </DashCard>
    </div>
  );
}

function fmtSeconds(s: number | null): string {
  if (s === null) return 'n/a';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** Labels per hour over everyone's labeling time (each rater's hours are their labels / their rate). */
function overallPerHour(t: AgreementView['report']['throughput']): string {
  let labels = 0;
  let hours = 0;
  for (const r of t) {
    if (r.labelsPerHour === null || r.labelsPerHour <= 0) continue;
    labels += r.labels;
    hours += r.labels / r.labelsPerHour;
  }
  return hours > 0 ? Math.round(labels / hours).toLocaleString('en-US') : 'n/a';
}

/** The median of the raters' medians (a typical rater's pace). */
function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** Labels per rater per hour of labeling time, and median time per item. */
export function Throughput({ view }: { view: AgreementView }) {
  const t = view.report.throughput;
  const option = useMemo(() => (t.length ? throughputOption(view) : null), [view, t.length]);
  const total = t.reduce((a, r) => a + r.labels, 0);
  return (
    <div className="cc-dash-grid-throughput">
      <DashCard title="Throughput" note="Labels per hour of time spent on the label screen (bars) and median seconds per item (line)." testId="throughput-card">
        {option ? <EChart option={option} height={CHART_H} label="Labels per hour and median seconds per item, per rater" testId="throughput-chart" /> : <EmptyChart height={CHART_H}>No labels yet.</EmptyChart>}
      </DashCard>
      <DashCard title="By rater" note={`${total.toLocaleString('en-US')} labels in all.`} testId="throughput-table-card">
        {t.length === 0 ? (
          <Text size="sm" c="dimmed">
            No labels yet.
          </Text>
        ) : (
          <Table className="cc-dash-table" highlightOnHover verticalSpacing={6} horizontalSpacing="sm" data-testid="throughput-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rater</Table.Th>
                <Table.Th className="cc-dash-num">Labels</Table.Th>
                <Table.Th className="cc-dash-num">Per hour</Table.Th>
                <Table.Th className="cc-dash-num">Median / item</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.map((r) => (
                <Table.Tr key={r.rater} data-testid="throughput-row" data-rater={r.rater}>
                  <Table.Td className="cc-mono">
                    <SafeText text={r.rater} />
                  </Table.Td>
                  <Table.Td className="cc-dash-num">{r.labels.toLocaleString('en-US')}</Table.Td>
                  <Table.Td className="cc-dash-num">{r.labelsPerHour === null ? 'n/a' : Math.round(r.labelsPerHour).toLocaleString('en-US')}</Table.Td>
                  <Table.Td className="cc-dash-num">{fmtSeconds(r.medianSecondsPerItem)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {t.length > 1 && (
              <Table.Tfoot>
                <Table.Tr className="cc-dash-total">
                  <Table.Td>All raters</Table.Td>
                  <Table.Td className="cc-dash-num">{total.toLocaleString('en-US')}</Table.Td>
                  <Table.Td className="cc-dash-num">{overallPerHour(t)}</Table.Td>
                  <Table.Td className="cc-dash-num">{fmtSeconds(median(t.map((r) => r.medianSecondsPerItem)))}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        )}
      </DashCard>
    </div>
  );
}
