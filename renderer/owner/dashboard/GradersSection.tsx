import { Alert, Badge, Group, SegmentedControl, Select, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { precisionRecallChart, reliabilityChart } from '../../../shared/charts/graderCharts';
import type { GraderReport, GradersView } from '../../../shared/graders/types';
import type { MetricInterval } from '../../../shared/stats';
import { EChart } from '../../charts/EChart';
import { SafeText } from '../../content/SafeText';
import { useAgreement } from '../../stores/agreement';
import { useGraders } from '../../stores/graders';
import { DashCard, EmptyChart } from './DashCard';
import { fmt3, fmtCount } from './format';

const CHART_H = 280;

const methodName = (m: string) => (m.endsWith('majority') ? 'majority vote' : 'Dawid-Skene');

/** Automated graders against the final human labels: the table of every score, then one grader's charts. */
export function GradersSection() {
  const view = useGraders((s) => s.view);
  const error = useGraders((s) => s.error);
  const loadedAt = useAgreement((s) => s.loadedAt);
  // Loads with the dashboard, and again whenever it reloads (a refresh, or another batch scope).
  useEffect(() => {
    const { batch, bootstrap, seed } = useAgreement.getState();
    void useGraders.getState().load({ batch, bootstrap, seed });
  }, [loadedAt]);

  return (
    <section className="cc-dash-section" data-testid="graders-section">
      <div className="cc-dash-section-head">
        <div>
          <Text fw={650} size="md">
            Automated graders against humans
          </Text>
          <Text size="xs" c="dimmed" data-testid="graders-basis">
            {view ? basis(view) : 'Each automated score checked against the final human label.'}
          </Text>
        </div>
      </div>
      {error && !view ? (
        <Alert color="gray" variant="light" title="Graders cannot be checked yet" data-testid="graders-error">
          <Text size="sm">{error}</Text>
        </Alert>
      ) : !view ? (
        <EmptyChart height={120}>Checking the graders…</EmptyChart>
      ) : view.graders.length === 0 ? (
        <DashCard title="No automated scores" testId="graders-empty">
          <EmptyChart height={120}>
            {view.skipped.length
              ? `${view.skipped.map((s) => `${s.key}: ${s.reason}`).join('; ')}.`
              : 'No sample carries an automated score. Scores come in with the samples: Inspect scorers, or a “scores” column.'}
          </EmptyChart>
        </DashCard>
      ) : (
        <GraderDetail view={view} />
      )}
    </section>
  );
}

function basis(v: GradersView): string {
  const scope = v.batch ? ` in batch “${v.batch}”` : '';
  const unresolved = v.unresolved ? ` (${fmtCount(v.unresolved)} unresolved, awaiting adjudication, left out)` : '';
  return `Human positive: ${v.human.description}, on the final label (adjudicated, else ${methodName(v.method)}, else the only rater’s) of ${fmtCount(v.labelled)} items${scope}${unresolved} · grader positive: score ≥ ${v.threshold} · 95% bootstrap CIs, ${v.bootstrap.resamples} resamples, seed ${v.bootstrap.seed}.`;
}

function GraderDetail({ view }: { view: GradersView }) {
  const [picked, setPicked] = useState<string | null>(null);
  const grader = view.graders.find((g) => g.key === picked) ?? view.graders[0]!;
  const reliability = useMemo(() => reliabilityChart(grader), [grader]);
  const pr = useMemo(() => precisionRecallChart(grader), [grader]);
  const keys = view.graders.map((g) => g.key);
  return (
    <>
      <DashCard title="Every score" note="Click a row to see its charts. Figures are on the items with both the score and a final human label (n)." testId="graders-table-card">
        <GraderTable view={view} selected={grader.key} onSelect={setPicked} />
        {view.skipped.length > 0 && (
          <Text size="xs" c="dimmed" mt={6} data-testid="graders-skipped">
            Not checked:{' '}
            {view.skipped.map((s, i) => (
              <span key={s.key}>
                {i > 0 && '; '}
                <SafeText text={s.key} /> ({s.reason})
              </span>
            ))}
          </Text>
        )}
      </DashCard>
      <div className="cc-dash-section-head" style={{ marginTop: 4 }}>
        <Group gap={8}>
          <Text fw={650} size="sm">
            <SafeText text={grader.key} />
          </Text>
          <Badge variant="light" color="gray" size="sm" radius="sm" className="cc-badge-plain">
            n {fmtCount(grader.n)}
          </Badge>
        </Group>
        {keys.length > 1 &&
          (keys.length <= 5 ? (
            <SegmentedControl size="xs" value={grader.key} onChange={setPicked} data={keys.map((k) => ({ value: k, label: <SafeText text={k} /> }))} data-testid="grader-picker" aria-label="Grader" />
          ) : (
            <Select size="xs" w={240} value={grader.key} onChange={(v) => v && setPicked(v)} data={keys} allowDeselect={false} data-testid="grader-picker" aria-label="Grader" />
          ))}
      </div>
      <div className="cc-dash-grid-2">
        <DashCard
          title="Reliability diagram"
          note={`Per score bin: the mean score against the share the humans marked positive; dots grow with the items in the bin. Expected calibration error ${fmt3(grader.expectedCalibrationError)}.`}
          testId="reliability-card"
        >
          {grader.n ? <EChart option={reliability} height={CHART_H} label={`Reliability diagram of ${grader.key}`} testId="reliability-chart" /> : <EmptyChart height={CHART_H}>No item has both this score and a final human label.</EmptyChart>}
        </DashCard>
        <DashCard
          title="Precision and recall"
          note={
            grader.bestF1
              ? `As the threshold moves. Best F1 ${fmt3(grader.bestF1.f1)} at threshold ${fmt3(grader.bestF1.threshold)} (precision ${fmt3(grader.bestF1.precision)}, recall ${fmt3(grader.bestF1.recall)}).`
              : 'As the threshold moves.'
          }
          testId="pr-card"
        >
          {grader.positives ? <EChart option={pr} height={CHART_H} label={`Precision-recall curve of ${grader.key}`} testId="pr-chart" /> : <EmptyChart height={CHART_H}>The humans marked no item positive, so there is no recall to trace.</EmptyChart>}
        </DashCard>
      </div>
      <BinTable grader={grader} />
    </>
  );
}

function WithCi({ value, ci, testId }: { value: number | null; ci?: MetricInterval; testId?: string }) {
  const interval = ci?.interval;
  return (
    <Table.Td className="cc-dash-num" data-testid={testId}>
      {fmt3(value)}
      {interval && (
        <Text span size="xs" c="dimmed">
          {' '}
          [{fmt3(interval[0])}, {fmt3(interval[1])}]
        </Text>
      )}
    </Table.Td>
  );
}

function GraderTable({ view, selected, onSelect }: { view: GradersView; selected: string; onSelect: (key: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" data-testid="graders-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Score</Table.Th>
            <Table.Th className="cc-dash-num">n</Table.Th>
            <Table.Th className="cc-dash-num">
              <Tooltip label="Items with this score left out: not labelled yet, unresolved (awaiting adjudication), or a final label without the field">
                <span>left out</span>
              </Tooltip>
            </Table.Th>
            <Table.Th className="cc-dash-num">κ at {view.threshold}</Table.Th>
            <Table.Th className="cc-dash-num">Precision</Table.Th>
            <Table.Th className="cc-dash-num">Recall</Table.Th>
            <Table.Th className="cc-dash-num">F1</Table.Th>
            <Table.Th className="cc-dash-num">ROC AUC</Table.Th>
            <Table.Th className="cc-dash-num">ECE</Table.Th>
            <Table.Th className="cc-dash-num">Best F1 at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.graders.map((g: GraderReport) => (
            <Table.Tr key={g.key} onClick={() => onSelect(g.key)} style={{ cursor: 'pointer' }} bg={g.key === selected ? 'var(--mantine-color-blue-light)' : undefined} data-testid="grader-row" data-key={g.key}>
              <Table.Td>
                <SafeText text={g.key} />
              </Table.Td>
              <Table.Td className="cc-dash-num">{fmtCount(g.n)}</Table.Td>
              <Table.Td className="cc-dash-num">{fmtCount(g.leftOut.unlabelled + g.leftOut.unresolved + g.leftOut.noHumanValue)}</Table.Td>
              <WithCi value={g.kappa.value} ci={g.intervals?.kappa} testId="grader-kappa" />
              <WithCi value={g.precision.value} ci={g.intervals?.precision} />
              <WithCi value={g.recall.value} ci={g.intervals?.recall} />
              <WithCi value={g.f1.value} ci={g.intervals?.f1} />
              <WithCi value={g.auc.value} ci={g.intervals?.auc} testId="grader-auc" />
              <Table.Td className="cc-dash-num">{fmt3(g.expectedCalibrationError)}</Table.Td>
              <Table.Td className="cc-dash-num">{g.bestF1 ? `${fmt3(g.bestF1.threshold)} (F1 ${fmt3(g.bestF1.f1)})` : 'n/a'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function BinTable({ grader }: { grader: GraderReport }) {
  const bins = grader.bins.filter((b) => b.n > 0);
  if (!bins.length) return null;
  return (
    <DashCard title="Reliability table" note="Score bins with items: how many, their mean score, and the share the humans marked positive." testId="bins-card">
      <Table verticalSpacing={4} fz="sm" data-testid="bins-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Score bin</Table.Th>
            <Table.Th className="cc-dash-num">Items</Table.Th>
            <Table.Th className="cc-dash-num">Human positive</Table.Th>
            <Table.Th className="cc-dash-num">Mean score</Table.Th>
            <Table.Th className="cc-dash-num">Human positive rate</Table.Th>
            <Table.Th className="cc-dash-num">Gap</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bins.map((b) => (
            <Table.Tr key={b.lo}>
              <Table.Td>
                [{b.lo.toFixed(1)}, {b.hi.toFixed(1)}
                {b.hi >= 1 ? ']' : ')'}
              </Table.Td>
              <Table.Td className="cc-dash-num">{fmtCount(b.n)}</Table.Td>
              <Table.Td className="cc-dash-num">{fmtCount(b.positives)}</Table.Td>
              <Table.Td className="cc-dash-num">{fmt3(b.meanScore)}</Table.Td>
              <Table.Td className="cc-dash-num">{fmt3(b.humanPositiveRate)}</Table.Td>
              <Table.Td className="cc-dash-num">{fmt3(b.meanScore! - b.humanPositiveRate!)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </DashCard>
  );
}
