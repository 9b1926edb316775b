import { SegmentedControl, Select, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { FieldAgreement } from '../../../shared/agreement/reportTypes';
import type { Proportion } from '../../../shared/stats/types';
import { kappaWeightsLabel } from '../../../shared/charts/agreementCharts';
import { EChart } from '../../charts/EChart';
import { SafeText } from '../../content/SafeText';
import { confusionOption, pairwiseOption, raterOption } from './charts';
import { DashCard, EmptyChart } from './DashCard';
import { fmt3, fmtPercent } from './format';

const CHART_H = 280;

/** Per field (picked here): pairwise kappa between raters, each rater against the others, gold and adjudication, and the confusion matrix. */
export function FieldDetail({ fields }: { fields: FieldAgreement[] }) {
  const [picked, setPicked] = useState<string | null>(null);
  // By default the first field that has a confusion matrix (the most to look at), else the first.
  const field = fields.find((f) => f.key === picked) ?? fields.find((f) => f.confusionVsConsensus && f.confusionVsConsensus.categories.length > 1) ?? fields[0];
  if (!field) return null;
  const options = fields.map((f) => ({ value: f.key, label: f.title }));

  return (
    <section className="cc-dash-section" data-testid="field-detail" data-field={field.key}>
      <div className="cc-dash-section-head">
        <div>
          <Text fw={650} size="md">
            Raters and confusion
          </Text>
          <Text size="xs" c="dimmed">
            For one field at a time{field.type === 'multi_select' ? '; a multi-select field compares whole category sets' : ''}.
          </Text>
        </div>
        {fields.length <= 5 ? (
          <SegmentedControl
            size="xs"
            value={field.key}
            onChange={setPicked}
            data={options.map((o) => ({ value: o.value, label: <SafeText text={o.label} /> }))}
            data-testid="detail-field-picker"
            aria-label="Field"
          />
        ) : (
          <Select size="xs" w={260} value={field.key} onChange={(v) => v && setPicked(v)} data={options} allowDeselect={false} data-testid="detail-field-picker" aria-label="Field" />
        )}
      </div>
      <FieldCharts field={field} />
      <RaterTable field={field} />
    </section>
  );
}

function FieldCharts({ field }: { field: FieldAgreement }) {
  const pairwise = useMemo(() => pairwiseOption(field), [field]);
  const raters = useMemo(() => (field.perRater.length ? raterOption(field) : null), [field]);
  const confusion = useMemo(() => confusionOption(field), [field]);
  return (
    <div className="cc-dash-grid-3">
      <DashCard title={`Pairwise Cohen’s κ, ${kappaWeightsLabel(field)}`} note={`Each pair of raters on the items both labeled${field.level === 'ordinal' ? ': a near miss on the scale counts as part agreement' : ''}.`} testId="pairwise-card">
        {pairwise ? (
          <EChart option={pairwise} height={CHART_H} label="Pairwise Cohen's kappa between raters" testId="pairwise-chart" />
        ) : (
          <EmptyChart height={CHART_H}>No pair of raters has a defined kappa on this field (too few shared items, or everyone gave the same value).</EmptyChart>
        )}
      </DashCard>
      <DashCard title="Each rater vs the others" note={`Agreement with the others, κ against their consensus (${kappaWeightsLabel(field)}), accuracy on gold.`} testId="rater-card">
        {raters ? <EChart option={raters} height={CHART_H} label="Per-rater agreement with the others, with consensus and with gold" testId="rater-chart" /> : <EmptyChart height={CHART_H}>No rater has labels on this field yet.</EmptyChart>}
      </DashCard>
      <DashCard title="Confusion vs consensus" note="Rows: a rater’s label; columns: the majority of the other raters (pooled)." testId="confusion-card">
        {confusion ? (
          <EChart option={confusion} height={CHART_H} label="Confusion matrix of each rater's label against the consensus of the others" testId="confusion-chart" />
        ) : (
          <EmptyChart height={CHART_H}>
            {field.type === 'multi_select'
              ? 'Multi-select fields have no single confusion matrix: see the per-category α above.'
              : field.confusionVsConsensus && field.confusionVsConsensus.categories.length < 2
                ? 'Everyone gave the same value, so there is nothing to confuse.'
                : 'Not enough overlapping labels for a consensus yet.'}
          </EmptyChart>
        )}
        {field.confusionVsConsensus && confusion && (
          <Text size="xs" c="dimmed" mt={4} ta="center">
            agreement {fmtPercent(field.confusionVsConsensus.agreement.value)} · κ {fmt3(field.confusionVsConsensus.kappa.value)} · {field.confusionVsConsensus.n} labels
          </Text>
        )}
      </DashCard>
    </div>
  );
}

function Prop({ p, compared }: { p: Proportion | undefined; compared?: number }) {
  if (!p) return <span className="cc-dash-dim">—</span>;
  if (p.value === null)
    return (
      <Tooltip label={p.reason ?? 'no data'} openDelay={200}>
        <span className="cc-dash-dim">n/a</span>
      </Tooltip>
    );
  return (
    <>
      {fmtPercent(p.value)}
      {compared !== undefined && <span className="cc-dash-dim"> ({compared})</span>}
    </>
  );
}

function RaterTable({ field }: { field: FieldAgreement }) {
  const gold = new Map(field.vsGold.map((g) => [g.rater, g]));
  const adj = new Map(field.vsAdjudicated.map((g) => [g.rater, g]));
  if (!field.perRater.length) return null;
  return (
    <DashCard title="Per rater" note="Gold and adjudicated: share of the rater’s labels equal to the reference (items compared in brackets)." testId="rater-table-card">
      <Table className="cc-dash-table" striped={false} highlightOnHover verticalSpacing={6} horizontalSpacing="sm" data-testid="rater-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rater</Table.Th>
            <Table.Th className="cc-dash-num">Items</Table.Th>
            <Table.Th className="cc-dash-num">Agreement with others</Table.Th>
            <Table.Th className="cc-dash-num" data-testid="kappa-weights">κ vs consensus ({kappaWeightsLabel(field)})</Table.Th>
            <Table.Th className="cc-dash-num">
              <Tooltip label="Alpha of everyone else, without this rater: higher than the field's alpha means this rater pulls agreement down." multiline w={280} openDelay={200}>
                <span>α without</span>
              </Tooltip>
            </Table.Th>
            <Table.Th className="cc-dash-num">Gold accuracy</Table.Th>
            <Table.Th className="cc-dash-num">κ vs gold</Table.Th>
            <Table.Th className="cc-dash-num">Adjudicated accuracy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {field.perRater.map((r) => {
            const g = gold.get(r.rater);
            const a = adj.get(r.rater);
            return (
              <Table.Tr key={r.rater} data-testid="rater-row" data-rater={r.rater}>
                <Table.Td className="cc-mono">
                  <SafeText text={r.rater} />
                </Table.Td>
                <Table.Td className="cc-dash-num">{r.items.toLocaleString('en-US')}</Table.Td>
                <Table.Td className="cc-dash-num">
                  <Prop p={r.agreementWithOthers} />
                </Table.Td>
                <Table.Td className="cc-dash-num">{fmt3(r.kappaVsOthers.value)}</Table.Td>
                <Table.Td className="cc-dash-num">{fmt3(r.alphaWithout.value)}</Table.Td>
                <Table.Td className="cc-dash-num">
                  <Prop p={g?.accuracy} compared={g?.compared} />
                </Table.Td>
                <Table.Td className="cc-dash-num">{g ? fmt3(g.kappa.value) : <span className="cc-dash-dim">—</span>}</Table.Td>
                <Table.Td className="cc-dash-num">
                  <Prop p={a?.accuracy} compared={a?.compared} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </DashCard>
  );
}
