import { Badge, Loader, NumberInput, Paper, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AgreementView } from '../../../shared/api/types';
import { SafeText } from '../../content/SafeText';
import { useAgreement } from '../../stores/agreement';
import { fmtCount, fmtPercent } from './format';

function Kpi({ label, value, hint, testId, pairable }: { label: string; value: number; hint?: string; testId: string; pairable?: number }) {
  return (
    <Paper withBorder radius="md" className="cc-dash-kpi">
      <div className="cc-dash-kpi-label">{label}</div>
      <div className="cc-dash-kpi-value" data-testid={testId} data-value={value} data-pairable={pairable}>
        {fmtCount(value)}
      </div>
      {hint && <div className="cc-dash-kpi-hint">{hint}</div>}
    </Paper>
  );
}

/** Counts, the guideline version the numbers are about, and the owner's threshold. */
export function Headline({ view }: { view: AgreementView }) {
  const r = view.report;
  const c = r.counts;
  const perItem = c.items ? c.labels / c.items : 0;
  return (
    <div className="cc-dash-kpis" data-testid="dashboard-headline">
      <Kpi label="Labels" value={c.labels} testId="kpi-labels" hint={c.items ? `${perItem.toFixed(1)} per item` : undefined} />
      <Kpi label="Items" value={c.items} testId="kpi-items" hint={`${fmtCount(c.pairableItems)} with 2+ raters: the alphas' n`} pairable={c.pairableItems} />
      <Kpi label="Raters" value={c.raters} testId="kpi-raters" />
      <Kpi label="Gold" value={c.gold} testId="kpi-gold" hint={c.items ? `${fmtPercent(c.gold / c.items)} of items` : 'reference items'} />
      <Kpi label="Adjudicated" value={c.adjudicated} testId="kpi-adjudicated" hint={c.items ? `${fmtPercent(c.adjudicated / c.items)} of items` : undefined} />
      <Paper withBorder radius="md" className="cc-dash-kpi" data-testid="kpi-guideline">
        <div className="cc-dash-kpi-label">Guideline</div>
        <div className="cc-dash-kpi-guideline">
          <SafeText text={r.guideline.id} className="cc-ellipsis cc-mono" />
          <Badge size="sm" radius="sm" variant="light" color="indigo" className="cc-badge-plain" data-testid="kpi-guideline-version">
            <SafeText text={r.guideline.version} />
          </Badge>
        </div>
        <div className="cc-dash-kpi-hint cc-ellipsis">
          {r.mapped ? (
            <Tooltip label="Labels made under older versions are compared through the mapping the new version declares." multiline w={260} openDelay={300}>
              <span>
                mapped from <SafeText text={r.versions.filter((v) => v !== r.guideline.version).join(', ')} />
              </span>
            </Tooltip>
          ) : r.versions.length > 1 ? (
            `${r.versions.length} versions`
          ) : (
            'labels under this version'
          )}
        </div>
      </Paper>
      <ThresholdCard threshold={view.threshold} />
    </div>
  );
}

function ThresholdCard({ threshold }: { threshold: number }) {
  const saving = useAgreement((s) => s.savingThreshold);
  const [value, setValue] = useState<number | string>(threshold);
  useEffect(() => setValue(threshold), [threshold]);

  const commit = async () => {
    const n = typeof value === 'number' ? value : Number.parseFloat(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      setValue(threshold);
      return;
    }
    const rounded = Math.round(n * 1000) / 1000;
    if (rounded === threshold) return;
    if (!(await useAgreement.getState().saveThreshold(rounded))) setValue(threshold);
  };

  return (
    <Paper withBorder radius="md" className="cc-dash-kpi cc-dash-kpi-threshold">
      <div className="cc-dash-kpi-label">Threshold</div>
      <div className="cc-dash-threshold-row">
        <Text size="lg" fw={650} c="dimmed" component="span" aria-hidden="true">
          α ≥
        </Text>
        <NumberInput
          value={value}
          onChange={setValue}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            } else if (e.key === 'Escape') {
              setValue(threshold);
              (e.target as HTMLInputElement).blur();
            }
          }}
          min={0}
          max={1}
          step={0.01}
          decimalScale={3}
          clampBehavior="blur"
          size="sm"
          w={96}
          aria-label="Agreement threshold (Krippendorff's alpha)"
          rightSection={saving ? <Loader size={14} /> : undefined}
          data-testid="threshold-input"
        />
      </div>
      <div className="cc-dash-kpi-hint">0.667 tentative · 0.8 reliable</div>
    </Paper>
  );
}
